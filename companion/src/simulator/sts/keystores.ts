/**
 * SIMULATOR ONLY. Writes eHealth-shaped PKCS#12 keystores for the simulated
 * STS (ehealth-auth.md §6): the titular pharmacist's personal keystore
 * (`SSIN=...`) and the pharmacy keystore (`NIHII-PHARMACY=...`), each with
 * its signing key under `authentication` and an ETEE encryption key beside
 * it (alias = its serial number in decimal), one password for everything,
 * stored in an owner-only password file. Made at run time from the test CA;
 * nothing here is secret or committed.
 */
import { randomBytes, X509Certificate } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { IssuedCertificate, TestCa } from '../../pki/certificates.ts';
import {
  createEncryptionCertificate,
  createPharmacistCertificate,
  createPharmacyHokCertificate,
  type ValidityOverride,
} from '../../pki/ehealth-identities.ts';
import { writeKeystorePkcs12 } from '../../pki/pkcs12.ts';

export interface SimulatorKeystoreOptions {
  ca: TestCa;
  dir: string;
  pharmacyNumber: string;
  pharmacistSsin: string;
  /** Default a random one. */
  password?: string;
  pharmacistValidity?: ValidityOverride;
  pharmacyValidity?: ValidityOverride;
}

export interface WrittenKeystore {
  path: string;
  authentication: IssuedCertificate;
  encryption: IssuedCertificate;
}

export interface SimulatorKeystores {
  /** The titular pharmacist's keystore (`SSIN=... .acc-p12`). */
  pharmacist: WrittenKeystore;
  /** The pharmacy keystore (`NIHII-PHARMACY=... .acc-p12`). */
  pharmacy: WrittenKeystore;
  /** Owner-only file holding the one password of both keystores. */
  passwordFile: string;
}

function serialDecimal(certificatePem: string): string {
  return BigInt(`0x${new X509Certificate(certificatePem).serialNumber}`).toString(10);
}

async function writeOne(
  ca: TestCa,
  file: string,
  password: string,
  authentication: IssuedCertificate,
  encryption: IssuedCertificate,
): Promise<WrittenKeystore> {
  const bytes = writeKeystorePkcs12({
    password,
    entries: [
      { ...authentication, chainPem: ca.certificatePem, friendlyName: 'authentication' },
      { ...encryption, chainPem: ca.certificatePem, friendlyName: serialDecimal(encryption.certificatePem) },
    ],
  });
  await writeFile(file, bytes, { mode: 0o600 });
  return { path: file, authentication, encryption };
}

export async function writeSimulatorKeystores(options: SimulatorKeystoreOptions): Promise<SimulatorKeystores> {
  const { ca, dir, pharmacyNumber, pharmacistSsin } = options;
  const password = options.password ?? randomBytes(18).toString('base64url');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const [pharmacistAuth, pharmacistEnc, pharmacyAuth, pharmacyEnc] = await Promise.all([
    createPharmacistCertificate(ca, pharmacistSsin, undefined, options.pharmacistValidity),
    createEncryptionCertificate(ca, `SSIN=${pharmacistSsin}`, undefined, options.pharmacistValidity),
    createPharmacyHokCertificate(ca, pharmacyNumber, undefined, options.pharmacyValidity),
    createEncryptionCertificate(ca, `NIHII-PHARMACY=${pharmacyNumber}`, undefined, options.pharmacyValidity),
  ]);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const passwordFile = path.join(dir, 'keystore-password.txt');
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  const [pharmacist, pharmacy] = await Promise.all([
    writeOne(ca, path.join(dir, `SSIN=${pharmacistSsin} ${stamp}.acc-p12`), password, pharmacistAuth, pharmacistEnc),
    writeOne(ca, path.join(dir, `NIHII-PHARMACY=${pharmacyNumber} ${stamp}.acc-p12`), password, pharmacyAuth, pharmacyEnc),
  ]);
  return { pharmacist, pharmacy, passwordFile };
}
