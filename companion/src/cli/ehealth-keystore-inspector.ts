/**
 * doctor's keystore inspector: opens the PKCS#12 with the eHealth keystore
 * module (companion/src/ehealth/keystore.ts) and reports the signing
 * certificate's facts, or the module's own words for why it cannot be opened.
 */
import { readFile } from 'node:fs/promises';
import type { Lang } from '../../../lib/i18n/translate.ts';
import type { KeystoreInspector } from '../doctor/keystore-inspector.ts';
import { openKeystore, type KeystoreOpenProblem } from '../ehealth/keystore.ts';
import { describeStsProblem } from '../ehealth/sts-error.ts';
import type { StsProblemVars } from '../ehealth/sts-problems.ts';

const MAX_KEYSTORE_BYTES = 1_000_000;

function varsOf(problem: KeystoreOpenProblem, file: string): StsProblemVars {
  switch (problem.code) {
    case 'alias-missing':
      return { file, alias: problem.alias, aliases: problem.aliases.join(', ') || '-' };
    case 'alias-not-signing':
    case 'key-certificate-mismatch':
      return { file, alias: problem.alias };
    default:
      return { file };
  }
}

export function ehealthKeystoreInspector(lang: Lang): KeystoreInspector {
  return async ({ file, password, alias }) => {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      const words = describeStsProblem('keystore-unreadable', { file }, lang);
      return { ok: false, reason: words.problem, fix: words.action };
    }
    const opened = bytes.length > MAX_KEYSTORE_BYTES ? undefined : openKeystore(bytes, password, alias);
    if (!opened || !opened.ok) {
      const problem: KeystoreOpenProblem = opened && !opened.ok ? opened.problem : { code: 'not-pkcs12' };
      const words = describeStsProblem(problem.code, varsOf(problem, file), lang);
      return { ok: false, reason: words.problem, fix: words.action };
    }
    const c = opened.keystore.signing.certificate;
    return {
      ok: true,
      certificate: {
        subject: c.commonName ?? c.subject.split('\n').join(', '),
        notAfter: c.notAfter,
        ...(c.ehealthIdentifier && { ehealthIdentifier: c.ehealthIdentifier }),
        notBefore: c.notBefore,
        aliases: opened.keystore.aliases,
        encryptionKeys: opened.keystore.encryptionKeys.length,
        issuer: c.issuer,
      },
    };
  };
}
