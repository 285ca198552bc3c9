/**
 * The keystore report `doctor` shows: subject, identifier, aliases, days to
 * expiry, and each broken case explained with the next action.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  createEncryptionCertificate,
  createPharmacistCertificate,
  createPharmacyHokCertificate,
  createTestCa,
  type TestCa,
} from '../../src/pki/index.ts';
import { reportKeystores, type KeystoreReport } from '../../src/ehealth/keystore-report.ts';
import type { KeystoreConfig } from '../../src/config/schema.ts';
import { ENV, PASSWORD, PASSWORD_ENV, keystoreConfig, writeKeystore } from './keystore-fixture.ts';

const DAY = 86_400_000;
const PHARMACY = { pharmacyNumber: '80000551', pharmacist: { inss: '80010112379' } };

let dir: string;
let ca: TestCa;
const files: Record<string, string> = {};

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'keystore-report-'));
  ca = await createTestCa();
  const otherCa = await createTestCa('eHealth production CA (test)');
  const now = Date.now();
  const [pharmacy, encryption, pharmacist, expired, notYet, soon, otherPharmacy, otherPerson, foreignPharmacy] = await Promise.all([
    createPharmacyHokCertificate(ca, '80000551'),
    createEncryptionCertificate(ca, 'NIHII-PHARMACY=80000551'),
    createPharmacistCertificate(ca, '80010112379'),
    createPharmacyHokCertificate(ca, '80000551', undefined, { notBefore: new Date(now - 800 * DAY), notAfter: new Date(now - 3 * DAY) }),
    createPharmacistCertificate(ca, '80010112379', undefined, { notBefore: new Date(now + 2 * DAY), notAfter: new Date(now + 700 * DAY) }),
    createPharmacyHokCertificate(ca, '80000551', undefined, { notBefore: new Date(now - 700 * DAY), notAfter: new Date(now + 10 * DAY + 3_600_000) }),
    createPharmacyHokCertificate(ca, '80000254'),
    createPharmacistCertificate(ca, '85073003328'),
    createPharmacyHokCertificate(otherCa, '80000551'),
  ]);
  const entries = await Promise.all([
    writeKeystore(dir, 'pharmacy.p12', ca, pharmacy, [encryption]),
    writeKeystore(dir, 'pharmacist.p12', ca, pharmacist),
    writeKeystore(dir, 'expired.p12', ca, expired),
    writeKeystore(dir, 'not-yet.p12', ca, notYet),
    writeKeystore(dir, 'soon.p12', ca, soon),
    writeKeystore(dir, 'other-pharmacy.p12', ca, otherPharmacy),
    writeKeystore(dir, 'other-person.p12', ca, otherPerson),
    writeKeystore(dir, 'exported.p12', ca, pharmacist, [], 'le certificat'),
    writeKeystore(dir, 'production.p12', otherCa, foreignPharmacy),
  ]);
  ['pharmacy', 'pharmacist', 'expired', 'notYet', 'soon', 'otherPharmacy', 'otherPerson', 'exported', 'production'].forEach((k, i) => {
    files[k] = entries[i]!;
  });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function report(
  identification: KeystoreConfig,
  holderOfKey?: KeystoreConfig,
  env: Record<string, string> = ENV,
  lang: 'en' | 'nl' | 'fr' | 'de' = 'en',
): Promise<KeystoreReport[]> {
  return reportKeystores({ keystores: { identification, ...(holderOfKey && { holderOfKey }) }, pharmacy: PHARMACY, env, lang });
}

const codes = (r: KeystoreReport) => r.findings.map((f) => `${f.severity}:${f.code}`);

describe('a sound pair', () => {
  it('reports subject, identifier, aliases, encryption keys and days to expiry, with no finding', async () => {
    const [identification, hok] = await report(keystoreConfig(files.pharmacist!), keystoreConfig(files.pharmacy!));
    expect(identification).toMatchObject({ role: 'identification', opened: true, identifier: { type: 'SSIN', value: '80010112379' }, aliases: ['authentication'], encryptionKeys: 0 });
    expect(hok).toMatchObject({ role: 'holder-of-key', opened: true, identifier: { type: 'NIHII-PHARMACY', value: '80000551' }, encryptionKeys: 1 });
    expect(hok!.aliases).toHaveLength(2);
    expect(hok!.daysToExpiry).toBeGreaterThan(700);
    expect(hok!.summary).toMatch(/^NIHII-PHARMACY=80000551, VACCICARD COMPANION \(NIHII-PHARMACY 80000551\); aliases: .*authentication.*; 1 encryption key\(s\); valid until \d{4}-\d{2}-\d{2} \(\d+ days left\)$/);
    expect([...codes(identification!), ...codes(hok!)]).toEqual([]);
  });
});

describe('each broken case, explained', () => {
  it('an expired certificate', async () => {
    const [, hok] = await report(keystoreConfig(files.pharmacist!), keystoreConfig(files.expired!));
    expect(codes(hok!)).toEqual(['error:certificate-expired']);
    expect(hok!.daysToExpiry).toBeLessThan(0);
    expect(hok!.findings[0]!.problem).toMatch(/holder-of-key keystore expired on \d{4}-\d{2}-\d{2}/);
    expect(hok!.findings[0]!.action).toMatch(/renew the eHealth certificate/);
  });

  it('a certificate not valid yet', async () => {
    const [identification] = await report(keystoreConfig(files.notYet!), keystoreConfig(files.pharmacy!));
    expect(codes(identification!)).toEqual(['error:certificate-not-yet-valid']);
  });

  it('a certificate that expires within 30 days is a warning', async () => {
    const [, hok] = await report(keystoreConfig(files.pharmacist!), keystoreConfig(files.soon!));
    expect(codes(hok!)).toEqual(['warning:expiresSoon']);
    expect(hok!.findings[0]!.problem).toMatch(/only 10 days left/);
  });

  it('a wrong password', async () => {
    const [identification] = await report(keystoreConfig(files.pharmacist!), keystoreConfig(files.pharmacy!), { [PASSWORD_ENV]: 'typo' });
    expect(identification).toMatchObject({ opened: false });
    expect(codes(identification!)).toEqual(['error:wrong-password']);
    expect(identification!.findings[0]!.problem).toBe(`the password does not open the identification keystore ${files.pharmacist}`);
    expect(JSON.stringify(identification)).not.toContain(PASSWORD);
  });

  it('a wrong alias: lists the aliases found', async () => {
    const [identification] = await report(keystoreConfig(files.exported!), keystoreConfig(files.pharmacy!));
    expect(codes(identification!)).toEqual(['error:alias-missing']);
    expect(identification!.aliases).toEqual(['le certificat']);
    expect(identification!.findings[0]!.problem).toContain('(aliases found: le certificat)');
  });

  it('a keystore of another pharmacy than the configuration', async () => {
    const [, hok] = await report(keystoreConfig(files.pharmacist!), keystoreConfig(files.otherPharmacy!));
    expect(codes(hok!)).toEqual(['error:differentPharmacy']);
    expect(hok!.findings[0]!.problem).toBe('the certificate is for pharmacy 80000254, the configuration says 80000551');
    expect(hok!.findings[0]!.action).toBe('use the keystore of pharmacy 80000551, or correct pharmacy.pharmacyNumber');
  });

  it('a personal keystore of another person than the titular', async () => {
    const [identification] = await report(keystoreConfig(files.otherPerson!), keystoreConfig(files.pharmacy!));
    expect(codes(identification!)).toEqual(['error:notThePharmacist']);
  });

  it('the two roles swapped', async () => {
    const [identification, hok] = await report(keystoreConfig(files.pharmacy!), keystoreConfig(files.pharmacist!));
    expect(codes(identification!)).toEqual(['error:identificationIsPharmacy']);
    expect(codes(hok!)).toEqual(['warning:holderOfKeyIsPerson']);
  });

  it('the pharmacy keystore alone (not confirmed by eHealth)', async () => {
    const [both] = await report(keystoreConfig(files.pharmacy!));
    expect(both).toMatchObject({ role: 'both', opened: true });
    expect(codes(both!)).toEqual(['warning:pharmacyAlone']);
  });

  it('keystores from two different certificate authorities (acceptance and production mixed)', async () => {
    const [, hok] = await report(keystoreConfig(files.pharmacist!), keystoreConfig(files.production!));
    expect(codes(hok!)).toEqual(['warning:differentIssuers']);
    expect(hok!.findings[0]!.problem).toContain('Vaccicard companion test CA / eHealth production CA (test)');
  });

  it('speaks nl, fr and de', async () => {
    for (const [lang, words] of [
      ['nl', /is vervallen op/],
      ['fr', /a expiré le/],
      ['de', /ist am .* abgelaufen/],
    ] as const) {
      const [, hok] = await report(keystoreConfig(files.pharmacist!), keystoreConfig(files.expired!), ENV, lang);
      expect(hok!.findings[0]!.problem).toMatch(words);
    }
  });
});
