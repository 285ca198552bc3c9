/**
 * Opens the configured keystores: the password from its source (environment
 * or file, config/password.ts), the file, then the PKCS#12 (keystore.ts).
 * The password goes to the opener and nowhere else.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolvePassword } from '../config/password.ts';
import type { CompanionConfig, KeystoreConfig } from '../config/schema.ts';
import { openKeystore, type KeystoreOpenProblem, type OpenedKeystore } from './keystore.ts';
import type { StsCredentials } from './sts-client.ts';
import { StsError } from './sts-error.ts';
import type { StsProblem, StsProblemVars } from './sts-problems.ts';

export type KeystoreRole = 'identification' | 'holder-of-key' | 'both';

export type ReadKeystoreResult =
  | { ok: true; keystore: OpenedKeystore }
  | { ok: false; problem: StsProblem; vars: StsProblemVars };

type Env = Readonly<Record<string, string | undefined>>;

const MAX_KEYSTORE_BYTES = 1_000_000;

function openProblem(problem: KeystoreOpenProblem, file: string, role: KeystoreRole): ReadKeystoreResult {
  const vars: StsProblemVars = { role, file };
  switch (problem.code) {
    case 'alias-missing':
      return { ok: false, problem: 'alias-missing', vars: { ...vars, alias: problem.alias, aliases: problem.aliases.join(', ') || '-' } };
    case 'alias-not-signing':
    case 'key-certificate-mismatch':
      return { ok: false, problem: problem.code, vars: { ...vars, alias: problem.alias } };
    default:
      return { ok: false, problem: problem.code, vars };
  }
}

export async function readKeystore(keystore: KeystoreConfig, role: KeystoreRole, env: Env): Promise<ReadKeystoreResult> {
  const file = keystore.path;
  const password = await resolvePassword(keystore.password, env);
  if (!password.ok) {
    return password.reason === 'env-unset'
      ? { ok: false, problem: 'password-env-unset', vars: { role, variable: password.variable } }
      : { ok: false, problem: 'password-file-unreadable', vars: { role, file: password.file } };
  }
  let bytes: Buffer;
  try {
    const s = await stat(file);
    if (!s.isFile()) return { ok: false, problem: 'keystore-missing', vars: { role, file } };
    if (s.size > MAX_KEYSTORE_BYTES) return { ok: false, problem: 'not-pkcs12', vars: { role, file } };
    bytes = await readFile(file);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { ok: false, problem: missing ? 'keystore-missing' : 'keystore-unreadable', vars: { role, file } };
  }
  const opened = openKeystore(bytes, password.password, keystore.alias);
  return opened.ok ? { ok: true, keystore: opened.keystore } : openProblem(opened.problem, file, role);
}

/** The configured keystores' roles: two files, or one serving both. */
export function keystoreRoles(keystores: NonNullable<CompanionConfig['keystores']>): Array<{ role: KeystoreRole; keystore: KeystoreConfig }> {
  const hok = keystores.holderOfKey;
  if (!hok || (hok.path === keystores.identification.path && hok.alias === keystores.identification.alias)) {
    return [{ role: 'both', keystore: keystores.identification }];
  }
  return [
    { role: 'identification', keystore: keystores.identification },
    { role: 'holder-of-key', keystore: hok },
  ];
}

/** Opens both keystores for the STS client; throws the StsError of the first problem. */
export async function loadStsCredentials(keystores: NonNullable<CompanionConfig['keystores']>, env: Env): Promise<StsCredentials> {
  const opened: Partial<Record<KeystoreRole, OpenedKeystore>> = {};
  for (const { role, keystore } of keystoreRoles(keystores)) {
    const result = await readKeystore(keystore, role, env);
    if (!result.ok) throw new StsError(result.problem, result.vars);
    opened[role] = result.keystore;
  }
  const identification = (opened.both ?? opened.identification)!.signing;
  const holderOfKey = (opened.both ?? opened['holder-of-key'])!.signing;
  return {
    identification: { privateKeyPem: identification.privateKeyPem, certificatePem: identification.certificatePem },
    holderOfKey: { privateKeyPem: holderOfKey.privateKeyPem, certificatePem: holderOfKey.certificatePem },
  };
}
