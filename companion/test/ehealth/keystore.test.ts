/**
 * Opening PKCS#12 keystores as eHealth issues them: the signing key under
 * `authentication`, encryption keys beside it told apart by key usage and
 * serial, one password; and every way opening fails, typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createPublicKey, sign, verify, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import {
  createEncryptionCertificate,
  createPharmacistCertificate,
  createPharmacyHokCertificate,
  createTestCa,
  writePkcs12,
  type IssuedCertificate,
  type TestCa,
} from '../../src/pki/index.ts';
import { canSign, encryptionKeyBySerial, openKeystore } from '../../src/ehealth/keystore.ts';
import { loadStsCredentials, readKeystore } from '../../src/ehealth/keystore-file.ts';
import { ENV, PASSWORD, PASSWORD_ENV, keystoreConfig, serialDecimal, writeKeystore } from './keystore-fixture.ts';

let dir: string;
let ca: TestCa;
let pharmacy: IssuedCertificate;
let pharmacyEncryption: IssuedCertificate[];
let pharmacist: IssuedCertificate;
let layoutFile: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'keystore-test-'));
  ca = await createTestCa();
  const [p, e1, e2, ph] = await Promise.all([
    createPharmacyHokCertificate(ca, '80000551'),
    createEncryptionCertificate(ca, 'NIHII-PHARMACY=80000551'),
    createEncryptionCertificate(ca, 'NIHII-PHARMACY=80000551'),
    createPharmacistCertificate(ca, '80010112379'),
  ]);
  pharmacy = p;
  pharmacyEncryption = [e1, e2];
  pharmacist = ph;
  layoutFile = await writeKeystore(dir, 'NIHII-PHARMACY=80000551 20260101-120000.acc-p12', ca, pharmacy, pharmacyEncryption);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the eHealth layout', () => {
  it('selects the signing key by alias and the encryption keys by key usage and serial', async () => {
    const opened = openKeystore(await readFile(layoutFile), PASSWORD);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const ks = opened.keystore;
    expect(ks.signing.alias).toBe('authentication');
    expect(ks.signing.certificatePem).toBe(pharmacy.certificatePem);
    expect(ks.signing.keyUsage?.digitalSignature).toBe(true);
    expect(ks.signing.certificate.ehealthIdentifier).toEqual({ type: 'NIHII-PHARMACY', value: '80000551' });
    expect(ks.encryptionKeys).toHaveLength(2);
    expect(ks.encryptionKeys.every((e) => !canSign(e) && e.keyUsage?.keyEncipherment)).toBe(true);
    for (const e of pharmacyEncryption) {
      const serial = serialDecimal(e.certificatePem);
      expect(encryptionKeyBySerial(ks, serial)?.certificatePem).toBe(e.certificatePem);
    }
    expect(ks.aliases).toEqual(['authentication', ...pharmacyEncryption.map((e) => serialDecimal(e.certificatePem))].sort());
    expect(ks.chainPems).toEqual([ca.certificatePem]);
  });

  it('hands out a PKCS#8 key that signs for the certificate', async () => {
    const opened = openKeystore(await readFile(layoutFile), PASSWORD);
    if (!opened.ok) throw new Error(opened.problem.code);
    const key = opened.keystore.signing.privateKeyPem;
    expect(key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const signature = sign('sha256', Buffer.from('data'), key);
    expect(verify('sha256', Buffer.from('data'), createPublicKey(pharmacy.certificatePem), signature)).toBe(true);
  });

  it('opens a single-entry keystore and a legacy 3DES-encrypted one (Java keytool style)', async () => {
    const single = openKeystore(writePkcs12({ ...pharmacist, password: PASSWORD }), PASSWORD);
    expect(single.ok && single.keystore.signing.certificatePem).toBe(pharmacist.certificatePem);
    const legacy = forge.pkcs12.toPkcs12Asn1(
      forge.pki.privateKeyFromPem(pharmacist.privateKeyPem),
      [forge.pki.certificateFromPem(pharmacist.certificatePem)],
      PASSWORD,
      { algorithm: '3des', friendlyName: 'authentication' },
    );
    const opened = openKeystore(Buffer.from(forge.asn1.toDer(legacy).getBytes(), 'binary'), PASSWORD);
    expect(opened.ok && opened.keystore.signing.certificate.ehealthIdentifier?.value).toBe('80010112379');
  });

  it('accepts an empty password when the keystore has one', async () => {
    const opened = openKeystore(writePkcs12({ ...pharmacist, password: '' }), '');
    expect(opened.ok).toBe(true);
  });
});

describe('what goes wrong, typed', () => {
  it('a wrong password', async () => {
    const opened = openKeystore(await readFile(layoutFile), 'not-the-password');
    expect(opened).toEqual({ ok: false, problem: { code: 'wrong-password' } });
  });

  it('not a keystore at all', () => {
    expect(openKeystore(Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'), PASSWORD)).toEqual({ ok: false, problem: { code: 'not-pkcs12' } });
    expect(openKeystore(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x05]), PASSWORD)).toEqual({ ok: false, problem: { code: 'not-pkcs12' } });
  });

  it('a signing alias that is not in the file lists the aliases found and the ones that can sign', async () => {
    const file = await writeKeystore(dir, 'exported.p12', ca, pharmacist, [], 'mykey');
    const opened = openKeystore(await readFile(file), PASSWORD, 'authentication');
    expect(opened).toEqual({ ok: false, problem: { code: 'alias-missing', alias: 'authentication', aliases: ['mykey'], signingAliases: ['mykey'] } });
  });

  it('an alias that names an encryption key', async () => {
    const serial = serialDecimal(pharmacyEncryption[0]!.certificatePem);
    const opened = openKeystore(await readFile(layoutFile), PASSWORD, serial);
    expect(opened).toEqual({ ok: false, problem: { code: 'alias-not-signing', alias: serial } });
  });

  it('a keystore without any key', () => {
    const certOnly = forge.pkcs12.toPkcs12Asn1(null, [forge.pki.certificateFromPem(pharmacist.certificatePem)], PASSWORD, { friendlyName: 'authentication' });
    expect(openKeystore(Buffer.from(forge.asn1.toDer(certOnly).getBytes(), 'binary'), PASSWORD)).toEqual({ ok: false, problem: { code: 'no-key' } });
  });
});

describe('opening the configured keystores', () => {
  it('reads the password from the environment or from a file (one trailing newline ignored)', async () => {
    const passwordFile = path.join(dir, 'password.txt');
    await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    const fromEnv = await readKeystore(keystoreConfig(layoutFile), 'holder-of-key', ENV);
    const fromFile = await readKeystore({ path: layoutFile, password: { file: passwordFile }, alias: 'authentication' }, 'holder-of-key', {});
    expect(fromEnv.ok && fromFile.ok).toBe(true);
  });

  it('says which source is missing, which file is missing, without the password', async () => {
    const unset = await readKeystore(keystoreConfig(layoutFile), 'identification', {});
    expect(unset).toEqual({ ok: false, problem: 'password-env-unset', vars: { role: 'identification', variable: PASSWORD_ENV } });
    const noFile = await readKeystore({ path: layoutFile, password: { file: path.join(dir, 'nope.txt') }, alias: 'authentication' }, 'identification', {});
    expect(noFile).toMatchObject({ ok: false, problem: 'password-file-unreadable' });
    const missing = await readKeystore(keystoreConfig(path.join(dir, 'missing.p12')), 'both', ENV);
    expect(missing).toMatchObject({ ok: false, problem: 'keystore-missing', vars: { role: 'both' } });
    const wrong = await readKeystore(keystoreConfig(layoutFile), 'holder-of-key', { [PASSWORD_ENV]: 'wrong' });
    expect(wrong).toMatchObject({ ok: false, problem: 'wrong-password', vars: { file: layoutFile } });
    expect(JSON.stringify([unset, noFile, missing, wrong])).not.toContain(PASSWORD);
  });

  it('builds the STS credentials: identification from the pharmacist, holder-of-key from the pharmacy', async () => {
    const pharmacistFile = await writeKeystore(dir, 'SSIN=80010112379.acc-p12', ca, pharmacist);
    const credentials = await loadStsCredentials({ identification: keystoreConfig(pharmacistFile), holderOfKey: keystoreConfig(layoutFile) }, ENV);
    expect(new X509Certificate(credentials.identification.certificatePem).subject).toContain('SSIN=80010112379');
    expect(new X509Certificate(credentials.holderOfKey.certificatePem).subject).toContain('NIHII-PHARMACY=80000551');
    const single = await loadStsCredentials({ identification: keystoreConfig(pharmacistFile) }, ENV);
    expect(single.holderOfKey.certificatePem).toBe(single.identification.certificatePem);
    await expect(loadStsCredentials({ identification: keystoreConfig(pharmacistFile, 'auth') }, ENV)).rejects.toMatchObject({
      problem: 'alias-missing',
      code: 'certificate',
    });
  });
});
