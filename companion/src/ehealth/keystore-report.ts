/**
 * The keystore report `doctor` shows (issue 6): for each configured keystore
 * its certificate subject, the eHealth identifier it carries (SSIN or
 * pharmacy number), the aliases found, the encryption keys beside the
 * signing key, and days to expiry; and, in plain words with the next action,
 * every way the keystores do not fit the configuration or each other
 * (wrong password, wrong alias, expired or not yet valid, another pharmacy,
 * another pharmacist, roles swapped, acceptance and production mixed).
 * Opens the keystores read-only; never shows a password or key material.
 */
import { X509Certificate } from 'node:crypto';
import { translator, type Lang } from '../../../lib/i18n/translate.ts';
import type { CompanionConfig } from '../config/schema.ts';
import type { EhealthIdentifier } from '../pki/certificate-info.ts';
import { keystoreRoles, readKeystore, type KeystoreRole } from './keystore-file.ts';
import { describeStsProblem } from './sts-error.ts';
import type { StsProblem } from './sts-problems.ts';
import { ehealthStrings } from './strings.ts';

export const EXPIRY_WARNING_DAYS = 30;

export interface KeystoreFinding {
  severity: 'error' | 'warning';
  /** Stable code for tests and tooling (an StsProblem or a report.* key). */
  code: string;
  problem: string;
  action: string;
}

export interface KeystoreReport {
  role: KeystoreRole;
  /** The role in words (`identification keystore`). */
  label: string;
  file: string;
  opened: boolean;
  /** CN of the signing certificate. */
  subject?: string;
  identifier?: EhealthIdentifier;
  aliases: string[];
  encryptionKeys?: number;
  notBefore?: Date;
  notAfter?: Date;
  daysToExpiry?: number;
  /** The certificate line in words, when the keystore opened. */
  summary?: string;
  /** Issuer of the signing certificate (to compare the two keystores). */
  issuer?: string;
  findings: KeystoreFinding[];
}

export interface KeystoreReportInput {
  keystores: NonNullable<CompanionConfig['keystores']>;
  pharmacy: { pharmacyNumber: string; pharmacist: { inss: string } };
  env: Readonly<Record<string, string | undefined>>;
  lang: Lang;
  now?: Date;
  expiryWarningDays?: number;
}

const DAY_MS = 86_400_000;

function issuerCommonName(issuer: string): string {
  return issuer.split('\n').find((l) => l.startsWith('CN='))?.slice(3) ?? issuer.split('\n').join(', ');
}

export async function reportKeystores(input: KeystoreReportInput): Promise<KeystoreReport[]> {
  const t = translator(ehealthStrings, input.lang);
  const now = input.now ?? new Date();
  const warnDays = input.expiryWarningDays ?? EXPIRY_WARNING_DAYS;
  const reports: KeystoreReport[] = [];

  for (const { role, keystore } of keystoreRoles(input.keystores)) {
    const report: KeystoreReport = { role, label: t(`role.${role}`), file: keystore.path, opened: false, aliases: [], findings: [] };
    reports.push(report);
    const fromProblem = (problem: StsProblem, vars: Parameters<typeof describeStsProblem>[1], severity: KeystoreFinding['severity'] = 'error') => {
      const words = describeStsProblem(problem, { role, ...vars }, input.lang);
      report.findings.push({ severity, code: problem, problem: words.problem, action: words.action });
    };
    const fromKey = (key: string, vars: Record<string, string> = {}, severity: KeystoreFinding['severity'] = 'error') => {
      report.findings.push({
        severity,
        code: key,
        problem: t(`report.${key}` as Parameters<typeof t>[0], vars),
        action: t(`report.${key}Action` as Parameters<typeof t>[0], vars),
      });
    };

    const read = await readKeystore(keystore, role, input.env);
    if (!read.ok) {
      if (read.problem === 'alias-missing' && read.vars.aliases && read.vars.aliases !== '-') report.aliases = read.vars.aliases.split(', ');
      fromProblem(read.problem, read.vars);
      continue;
    }
    const ks = read.keystore;
    const cert = ks.signing.certificate;
    report.opened = true;
    report.aliases = ks.aliases;
    report.encryptionKeys = ks.encryptionKeys.length;
    report.subject = cert.commonName ?? cert.subject.split('\n').join(', ');
    if (cert.ehealthIdentifier) report.identifier = cert.ehealthIdentifier;
    report.notBefore = cert.notBefore;
    report.notAfter = cert.notAfter;
    report.issuer = new X509Certificate(ks.signing.certificatePem).issuer;
    const days = Math.floor((cert.notAfter.getTime() - now.getTime()) / DAY_MS);
    report.daysToExpiry = days;
    report.summary = t('report.certificate', {
      subject: report.subject,
      identifier: report.identifier ? t('report.identifier', { type: report.identifier.type, value: report.identifier.value }) : '',
      aliases: ks.aliases.length > 0 ? ks.aliases.join(', ') : t('report.noAliases'),
      encryptionKeys: String(ks.encryptionKeys.length),
      notAfter: cert.notAfter.toISOString().slice(0, 10),
      days: String(days),
    });

    if (now >= cert.notAfter) fromProblem('certificate-expired', { date: cert.notAfter.toISOString().slice(0, 10) });
    else if (now < cert.notBefore) fromProblem('certificate-not-yet-valid', { date: cert.notBefore.toISOString().slice(0, 10) });
    else if (days < warnDays) fromKey('expiresSoon', { date: cert.notAfter.toISOString().slice(0, 10), days: String(days) }, 'warning');

    const id = cert.ehealthIdentifier;
    const configured = input.pharmacy.pharmacyNumber;
    if (!id || (id.type !== 'SSIN' && id.type !== 'NIHII-PHARMACY')) {
      fromKey('noIdentifier');
    } else if (id.type === 'SSIN') {
      if (id.value !== input.pharmacy.pharmacist.inss) fromKey('notThePharmacist');
      if (role === 'holder-of-key') fromKey('holderOfKeyIsPerson', {}, 'warning');
    } else {
      if (id.value !== configured) fromKey('differentPharmacy', { found: id.value, configured });
      if (role === 'identification') fromKey('identificationIsPharmacy');
      if (role === 'both') fromKey('pharmacyAlone', {}, 'warning');
    }
  }

  const identification = reports.find((r) => r.role === 'identification');
  const holderOfKey = reports.find((r) => r.role === 'holder-of-key');
  if (identification?.issuer && holderOfKey?.issuer && identification.issuer !== holderOfKey.issuer) {
    holderOfKey.findings.push({
      severity: 'warning',
      code: 'differentIssuers',
      problem: t('report.differentIssuers', { identification: issuerCommonName(identification.issuer), holderOfKey: issuerCommonName(holderOfKey.issuer) }),
      action: t('report.differentIssuersAction'),
    });
  }
  return reports;
}
