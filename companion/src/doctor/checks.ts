/**
 * The individual checks of `doctor`. Each returns lines in plain words with
 * what to fix; none prints a secret, a password or a patient number (the
 * pairing secret appears only as its fingerprint).
 */
import { stat } from 'node:fs/promises';
import type { Lang, Translate } from '../../../lib/i18n/translate.ts';
import { StsError } from '../ehealth/sts-error.ts';
import { pairingFingerprint } from '../../../lib/companion/fingerprint.ts';
import { HUB_IDS, type HubId } from '../../../lib/vaccination.ts';
import type { LoadedConfig } from '../config/load.ts';
import { describeOriginPolicy } from '../config/origins.ts';
import { resolvePassword } from '../config/password.ts';
import type { KeystoreConfig } from '../config/schema.ts';
import { resolvePairingSecret } from '../pairing/secret.ts';
import type { TokenProvider } from '../token-provider.ts';
import { TokenError } from '../token-provider.ts';
import type { ConsultUpstream } from '../upstream.ts';
import type { KeystoreCertificateFacts, KeystoreInspector } from './keystore-inspector.ts';
import { checkPort } from './port-check.ts';
import type { DoctorCheck } from './report.ts';
import { maskNationalNumbers } from '../server/log.ts';
import type { DoctorStringKey } from './strings.ts';

type T = Translate<DoctorStringKey>;
type Env = Readonly<Record<string, string | undefined>>;

/** Days under which a certificate's coming expiry is a warning. */
export const EXPIRY_WARNING_DAYS = 30;

const groupOrOthersCan = (mode: number) => (mode & 0o077) !== 0;

export async function checkDataDir(dir: string, t: T, platform: NodeJS.Platform): Promise<DoctorCheck> {
  const subject = t('subjectDataDir');
  try {
    const s = await stat(dir);
    if (!s.isDirectory()) return { status: 'fail', subject, text: t('dataDirNotDir', { dir }), fix: t('dataDirNotDirFix') };
    if (platform !== 'win32' && groupOrOthersCan(s.mode)) {
      return { status: 'warn', subject, text: t('dataDirOpen', { dir }), fix: t('dataDirOpenFix', { dir }) };
    }
    return { status: 'ok', subject, text: t('dataDirOk', { dir }) };
  } catch {
    return { status: 'warn', subject, text: t('dataDirMissing', { dir }), fix: t('dataDirMissingFix') };
  }
}

export async function checkPairing(dataDir: string, env: Env, t: T, platform: NodeJS.Platform): Promise<DoctorCheck> {
  const subject = t('subjectPairing');
  const r = await resolvePairingSecret(env, dataDir, platform);
  if (r.ok) {
    const fingerprint = await pairingFingerprint(r.secret);
    return { status: 'ok', subject, text: t(r.source === 'env' ? 'pairingEnv' : 'pairingFile', { fingerprint }) };
  }
  if (r.problem === 'env-malformed') return { status: 'fail', subject, text: t('pairingEnvMalformed'), fix: t('pairingEnvMalformedFix') };
  const file = r.file;
  switch (r.problem) {
    case 'missing':
      return { status: 'fail', subject, text: t('pairingMissing', { file }), fix: t('pairingMissingFix') };
    case 'too-open':
      return { status: 'fail', subject, text: t('pairingTooOpen', { file }), fix: t('pairingTooOpenFix', { file }) };
    case 'malformed':
      return { status: 'fail', subject, text: t('pairingMalformed', { file }), fix: t('pairingMalformedFix') };
    case 'unreadable':
      return { status: 'fail', subject, text: t('pairingUnreadable', { file }), fix: t('pairingUnreadableFix') };
  }
}

export function checkOrigins(loaded: LoadedConfig, t: T): DoctorCheck {
  const subject = t('subjectOrigins');
  const origins = describeOriginPolicy(loaded.originPolicy);
  if (origins.length === 0) return { status: 'warn', subject, text: t('originsNone'), fix: t('originsNoneFix') };
  return { status: 'ok', subject, text: t('originsOk', { origins: origins.join(', ') }) };
}

interface KeystoreRole {
  subject: string;
  keystore: KeystoreConfig;
  /** Which identity the certificate must carry, from the configuration. */
  expect: Array<{ type: 'SSIN' | 'NIHII-PHARMACY'; value: string }>;
}

function keystoreRoles(loaded: LoadedConfig, t: T): KeystoreRole[] {
  const ks = loaded.config.keystores;
  if (!ks) return [];
  const pharmacist = { type: 'SSIN' as const, value: loaded.config.pharmacy.pharmacist.inss };
  const pharmacy = { type: 'NIHII-PHARMACY' as const, value: loaded.config.pharmacy.pharmacyNumber };
  if (!ks.holderOfKey || ks.holderOfKey.path === ks.identification.path) {
    // One file serves both roles: it must at least be one of the two identities.
    return [{ subject: t('subjectKeystoreBoth'), keystore: ks.identification, expect: [pharmacist, pharmacy] }];
  }
  return [
    { subject: t('subjectKeystoreIdentification'), keystore: ks.identification, expect: [pharmacist] },
    { subject: t('subjectKeystoreHok'), keystore: ks.holderOfKey, expect: [pharmacy] },
  ];
}

async function checkKeystore(
  role: KeystoreRole,
  env: Env,
  t: T,
  now: Date,
  platform: NodeJS.Platform,
  inspect?: KeystoreInspector,
  seen?: KeystoreCertificateFacts[],
): Promise<DoctorCheck[]> {
  const { subject, keystore } = role;
  const out: DoctorCheck[] = [];
  const password = await resolvePassword(keystore.password, env);
  if (!password.ok) {
    out.push(
      password.reason === 'env-unset'
        ? { status: 'fail', subject, text: t('passwordEnvUnset', { variable: password.variable }), fix: t('passwordEnvUnsetFix', { variable: password.variable }) }
        : { status: 'fail', subject, text: t('passwordFileUnreadable', { file: password.file }), fix: t('passwordFileUnreadableFix') },
    );
  } else if ('file' in keystore.password && platform !== 'win32') {
    const mode = (await stat(keystore.password.file)).mode;
    if (groupOrOthersCan(mode)) {
      const file = keystore.password.file;
      out.push({ status: 'warn', subject, text: t('passwordFileOpen', { file }), fix: t('passwordFileOpenFix', { file }) });
    }
  }

  let bytes: number;
  try {
    const s = await stat(keystore.path);
    if (!s.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
    bytes = s.size;
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    out.push({
      status: 'fail',
      subject,
      text: t(missing ? 'keystoreMissing' : 'keystoreUnreadable', { file: keystore.path }),
      fix: t(missing ? 'keystoreMissingFix' : 'keystoreUnreadableFix'),
    });
    return out;
  }

  if (!inspect || !password.ok) {
    if (!inspect) out.push({ status: 'warn', subject, text: t('keystoreReadableOnly', { file: keystore.path, bytes: String(bytes) }) });
    return out;
  }
  const opened = await inspect({ file: keystore.path, password: password.password, alias: keystore.alias });
  if (!opened.ok) {
    out.push(
      opened.fix
        ? { status: 'fail', subject, text: opened.reason, fix: opened.fix }
        : { status: 'fail', subject, text: t('keystoreCannotOpen', { file: keystore.path, reason: opened.reason }), fix: t('keystoreCannotOpenFix') },
    );
    return out;
  }
  const cert = opened.certificate;
  const days = Math.floor((cert.notAfter.getTime() - now.getTime()) / 86_400_000);
  // The pharmacist's national number stays masked; the check below compares it in full.
  const vars = {
    subject: maskNationalNumbers(cert.subject),
    identifier: cert.ehealthIdentifier
      ? t('certificateIdentifier', { type: cert.ehealthIdentifier.type, value: maskNationalNumbers(cert.ehealthIdentifier.value) })
      : '',
    notAfter: cert.notAfter.toISOString().slice(0, 10),
    days: String(days),
  };
  seen?.push(cert);
  // What else the keystore holds: its aliases and the encryption keys beside the signing key.
  const contents =
    cert.aliases !== undefined
      ? t('certificateContents', { aliases: cert.aliases.join(', ') || '-', encryptionKeys: String(cert.encryptionKeys ?? 0) })
      : '';
  if (days < 0) out.push({ status: 'fail', subject, text: t('certificateExpired', vars), fix: t('certificateExpiredFix') });
  else if (cert.notBefore !== undefined && now < cert.notBefore) {
    out.push({ status: 'fail', subject, text: t('certificateNotYetValid', { ...vars, notBefore: cert.notBefore.toISOString().slice(0, 10) }), fix: t('certificateNotYetValidFix') });
  } else if (days < EXPIRY_WARNING_DAYS) out.push({ status: 'warn', subject, text: t('certificateSoon', vars) + contents, fix: t('certificateSoonFix') });
  else out.push({ status: 'ok', subject, text: t('certificateOk', vars) + contents });

  const id = cert.ehealthIdentifier;
  const matches = id !== undefined && role.expect.some((e) => e.type === id.type && e.value === id.value);
  if (!matches) {
    const pharmacyRole = role.expect.length === 1 && role.expect[0]!.type === 'NIHII-PHARMACY';
    out.push({
      status: 'fail',
      subject,
      text: t(pharmacyRole ? 'certificateNotPharmacy' : 'certificateNotPharmacist'),
      fix: t(pharmacyRole ? 'certificateNotPharmacyFix' : 'certificateNotPharmacistFix'),
    });
  } else if (role.expect.length === 2 && id?.type === 'NIHII-PHARMACY') {
    // One pharmacy keystore for both roles: no known eHealth client does this (ehealth-auth.md §2.4).
    out.push({ status: 'warn', subject, text: t('pharmacyCertificateAlone'), fix: t('pharmacyCertificateAloneFix') });
  }
  return out;
}

export async function checkKeystores(
  loaded: LoadedConfig,
  env: Env,
  t: T,
  now: Date,
  platform: NodeJS.Platform,
  inspect?: KeystoreInspector,
): Promise<DoctorCheck[]> {
  const out: DoctorCheck[] = [];
  const roles = keystoreRoles(loaded, t);
  const opened: KeystoreCertificateFacts[] = [];
  for (const role of roles) out.push(...(await checkKeystore(role, env, t, now, platform, inspect, opened)));
  // Two keystores from different certificate authorities: acceptance and production mixed?
  const [first, second] = opened;
  if (roles.length === 2 && opened.length === 2 && first!.issuer && second!.issuer && first!.issuer !== second!.issuer) {
    const cn = (issuer: string) => issuer.split('\n').find((l) => l.startsWith('CN='))?.slice(3) ?? issuer.split('\n').join(', ');
    out.push({
      status: 'warn',
      subject: t('subjectKeystores'),
      text: t('keystoresDifferentIssuers', { identification: cn(first!.issuer), holderOfKey: cn(second!.issuer) }),
      fix: t('keystoresDifferentIssuersFix'),
    });
  }
  return out;
}

export async function checkHubs(loaded: LoadedConfig, t: T, upstream: ConsultUpstream | undefined, probeTimeoutMs: number): Promise<DoctorCheck[]> {
  const out: DoctorCheck[] = [];
  const hubs = loaded.config.hubs;
  const configured = HUB_IDS.filter((h) => hubs[h].endpoints[hubs[h].environment]);
  let probe: Awaited<ReturnType<ConsultUpstream['probe']>> = {};
  if (upstream && configured.length > 0) {
    try {
      probe = await upstream.probe(AbortSignal.timeout(probeTimeoutMs));
    } catch {
      probe = {};
    }
  }
  for (const hub of HUB_IDS) {
    const subject = t('subjectHub', { hub: hub.toUpperCase() });
    const environment = hubs[hub].environment;
    const url = hubs[hub].endpoints[environment];
    if (!url) {
      out.push({ status: 'warn', subject, text: t('hubNoEndpoint', { environment }), fix: t('hubNoEndpointFix', { hub, environment }) });
      continue;
    }
    if (!upstream) {
      out.push({ status: 'warn', subject, text: t('hubNotProbed', { url }) });
      continue;
    }
    const p = probe[hub as HubId];
    if (p?.reachable) {
      out.push({
        status: 'ok',
        subject,
        text: p.latencyMs !== undefined ? t('hubReachable', { url, latency: String(Math.round(p.latencyMs)) }) : t('hubReachableNoLatency', { url }),
      });
    } else {
      out.push({ status: 'fail', subject, text: t('hubUnreachable', { url }), fix: t('hubUnreachableFix', { hub }) });
    }
  }
  if (hubs.rsw.environment !== hubs.rsb.environment) {
    out.push({
      status: 'warn',
      subject: t('subjectEnvironments'),
      text: t('environmentsMixed', { rsw: hubs.rsw.environment, rsb: hubs.rsb.environment }),
      fix: t('environmentsMixedFix'),
    });
  }
  return out;
}

/** Asks for a real token (doctor is the place where the STS is tried on purpose). */
export async function checkToken(provider: TokenProvider, t: T, timeoutMs: number, lang: Lang): Promise<DoctorCheck> {
  const subject = t('subjectToken');
  try {
    await provider.getToken(AbortSignal.timeout(timeoutMs));
    return { status: 'ok', subject, text: t('tokenOk') };
  } catch (e) {
    if (e instanceof StsError) {
      const words = e.describe(lang);
      return { status: 'fail', subject, text: words.problem, fix: words.action };
    }
    if (e instanceof TokenError && e.code === 'not-supported') {
      return { status: 'warn', subject, text: t('tokenNotSupported', { reason: e.message }), fix: t('tokenNotSupportedFix') };
    }
    const reason = e instanceof TokenError ? `${e.code}: ${e.message}` : e instanceof Error ? e.name : 'error';
    return { status: 'fail', subject, text: t('tokenFailed', { reason }), fix: t('tokenFailedFix') };
  }
}

export async function checkListenPort(port: number, t: T): Promise<DoctorCheck> {
  const subject = t('subjectPort');
  const state = await checkPort(port);
  if (state.kind === 'free') return { status: 'ok', subject, text: t('portFree', { port: String(port) }) };
  if (state.kind === 'companion') return { status: 'ok', subject, text: t('portCompanion', { port: String(port), version: state.version }) };
  return { status: 'fail', subject, text: t('portTaken', { port: String(port) }), fix: t('portTakenFix') };
}
