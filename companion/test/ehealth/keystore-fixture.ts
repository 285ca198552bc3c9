/** Writes eHealth-shaped keystores for one test file (Node-generated keys, one test CA). */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import type { IssuedCertificate, TestCa } from '../../src/pki/index.ts';
import { writeKeystorePkcs12 } from '../../src/pki/index.ts';
import type { KeystoreConfig } from '../../src/config/schema.ts';

export const PASSWORD = 'one-password-for-store-and-keys';
export const PASSWORD_ENV = 'KEYSTORE_TEST_PASSWORD';

export function serialDecimal(certificatePem: string): string {
  return BigInt(`0x${new X509Certificate(certificatePem).serialNumber}`).toString(10);
}

/** A keystore with the signing key under `signingAlias` and optional encryption entries (alias = serial). */
export async function writeKeystore(
  dir: string,
  name: string,
  ca: TestCa,
  signing: IssuedCertificate,
  encryption: IssuedCertificate[] = [],
  signingAlias = 'authentication',
): Promise<string> {
  const file = path.join(dir, name);
  const bytes = writeKeystorePkcs12({
    password: PASSWORD,
    iterations: 1000,
    entries: [
      { ...signing, chainPem: ca.certificatePem, friendlyName: signingAlias },
      ...encryption.map((e) => ({ ...e, friendlyName: serialDecimal(e.certificatePem) })),
    ],
  });
  await writeFile(file, bytes, { mode: 0o600 });
  return file;
}

export function keystoreConfig(file: string, alias = 'authentication'): KeystoreConfig {
  return { path: file, password: { env: PASSWORD_ENV }, alias };
}

export const ENV = { [PASSWORD_ENV]: PASSWORD };
