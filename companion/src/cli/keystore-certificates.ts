/**
 * The certificate facts `/v1/health` reports: each configured
 * keystore opened once (password from its source), its signing
 * certificate's subject, pharmacy or provider number and expiry; days to expiry are
 * counted at each call. A keystore that cannot be opened is left out (doctor
 * says why) and tried again at the next call.
 */
import type { CertificateStatus } from '../../../lib/companion/contract.ts';
import { resolvePassword } from '../config/password.ts';
import type { CompanionConfig, KeystoreConfig } from '../config/schema.ts';
import type { KeystoreCertificateFacts, KeystoreInspector } from '../doctor/keystore-inspector.ts';
import { maskNationalNumbers } from '../server/log.ts';

const DAY_MS = 86_400_000;

function distinctKeystores(ks: CompanionConfig['keystores']): KeystoreConfig[] {
  if (!ks) return [];
  const list = [ks.identification];
  if (ks.holderOfKey && (ks.holderOfKey.path !== ks.identification.path || ks.holderOfKey.alias !== ks.identification.alias)) {
    list.push(ks.holderOfKey);
  }
  return list;
}

export function keystoreCertificates(
  keystores: CompanionConfig['keystores'],
  env: Readonly<Record<string, string | undefined>>,
  inspect: KeystoreInspector,
  now: () => Date = () => new Date(),
): () => Promise<CertificateStatus[]> {
  const opened = new Map<KeystoreConfig, KeystoreCertificateFacts>();
  return async () => {
    for (const keystore of distinctKeystores(keystores)) {
      if (opened.has(keystore)) continue;
      const password = await resolvePassword(keystore.password, env);
      if (!password.ok) continue;
      const result = await inspect({ file: keystore.path, password: password.password, alias: keystore.alias });
      if (result.ok) opened.set(keystore, result.certificate);
    }
    return [...opened.values()].map((c) => ({
      subject: maskNationalNumbers(c.subject),
      ...(c.ehealthIdentifier?.type.startsWith('NIHII') && { identifier: c.ehealthIdentifier.value }),
      notAfter: c.notAfter.toISOString(),
      daysToExpiry: Math.floor((c.notAfter.getTime() - now().getTime()) / DAY_MS),
    }));
  };
}
