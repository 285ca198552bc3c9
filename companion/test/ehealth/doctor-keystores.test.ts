/**
 * `doctor` on real eHealth-shaped keystore files, opened by the real
 * keystore module: each broken case explained in plain words with the next
 * action (expired, not yet valid, wrong password, wrong alias, another
 * pharmacy, two certificate authorities mixed), and the sound case with
 * subject, identifier, aliases, encryption keys and days left.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { translator, type Lang } from '../../../lib/i18n/translate.ts';
import { formatDoctorReport, runDoctor } from '../../src/doctor/index.ts';
import { doctorStrings } from '../../src/doctor/strings.ts';
import { ehealthKeystoreInspector } from '../../src/cli/ehealth-keystore-inspector.ts';
import { createEncryptionCertificate, createPharmacistCertificate, createPharmacyHokCertificate, createTestCa } from '../../src/pki/index.ts';
import { PASSWORD, PASSWORD_ENV, writeKeystore } from './keystore-fixture.ts';

const DAY = 86_400_000;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'doctor-keystores-'));
  const ca = await createTestCa();
  const productionCa = await createTestCa('eHealth production CA (test)');
  const now = Date.now();
  const [pharmacist, pharmacy, encryption, expired, notYet, otherPharmacy, production] = await Promise.all([
    createPharmacistCertificate(ca, '80010112379'),
    createPharmacyHokCertificate(ca, '80000551'),
    createEncryptionCertificate(ca, 'NIHII-PHARMACY=80000551'),
    createPharmacyHokCertificate(ca, '80000551', undefined, { notBefore: new Date(now - 800 * DAY), notAfter: new Date(now - 3 * DAY) }),
    createPharmacyHokCertificate(ca, '80000551', undefined, { notBefore: new Date(now + 2 * DAY), notAfter: new Date(now + 700 * DAY) }),
    createPharmacyHokCertificate(ca, '80000254'),
    createPharmacyHokCertificate(productionCa, '80000551'),
  ]);
  await Promise.all([
    writeKeystore(dir, 'pharmacist.acc-p12', ca, pharmacist),
    writeKeystore(dir, 'pharmacy.acc-p12', ca, pharmacy, [encryption]),
    writeKeystore(dir, 'expired.acc-p12', ca, expired),
    writeKeystore(dir, 'not-yet.acc-p12', ca, notYet),
    writeKeystore(dir, 'other-pharmacy.acc-p12', ca, otherPharmacy),
    writeKeystore(dir, 'exported.p12', ca, pharmacy, [], 'my pharmacy key'),
    writeKeystore(dir, 'production.p12', productionCa, production),
  ]);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function doctor(holderOfKey: string | undefined, options: { password?: string; lang?: Lang; identification?: string } = {}) {
  const lang = options.lang ?? 'en';
  const file = path.join(dir, `config-${options.identification ?? ''}-${holderOfKey ?? 'none'}-${lang}.json`);
  await writeFile(
    file,
    JSON.stringify({
      keystores: {
        identification: { path: options.identification ?? 'pharmacist.acc-p12', password: { env: PASSWORD_ENV } },
        ...(holderOfKey !== undefined && { holderOfKey: { path: holderOfKey, password: { env: PASSWORD_ENV } } }),
      },
      pharmacy: { pharmacyNumber: '80000551', region: 'wallonia', pharmacist: { riziv: '20807092001', inss: '80010112379' } },
      hubs: { rsw: { endpoints: { acceptance: 'https://rsw.example.test/v3' } } },
      softwareId: 'acme_vaccicard',
      dataDir: 'data',
    }),
  );
  const checks = await runDoctor({
    facts: { env: { [PASSWORD_ENV]: options.password ?? PASSWORD }, platform: process.platform, home: '/nowhere' },
    lang,
    configFlag: file,
    inspectKeystore: ehealthKeystoreInspector(lang),
  });
  const text = formatDoctorReport(checks, translator(doctorStrings, lang));
  return text.split('\n').filter((l) => /^(OK|WARN|FAIL) +keystore/.test(l));
}

describe('doctor explains each keystore case', () => {
  it('sound keystores: subject, identifier and days left', async () => {
    const lines = await doctor('pharmacy.acc-p12');
    expect(lines).toEqual([
      expect.stringMatching(/^OK {4}keystore \(identification\): SSIN=80…79, VACCICARD COMPANION \(SSIN 80…79\), valid until \d{4}-\d{2}-\d{2} \(7\d\d days left\); aliases: authentication; 0 encryption key\(s\)$/),
      expect.stringMatching(/^OK {4}keystore \(holder-of-key\): NIHII-PHARMACY=80000551, VACCICARD COMPANION \(NIHII-PHARMACY 80000551\), valid until .* days left\); aliases: \d+, authentication; 1 encryption key\(s\)$/),
    ]);
    expect(lines.join('\n')).not.toContain('80010112379');
  });

  it('expired', async () => {
    const [, hok] = await doctor('expired.acc-p12');
    expect(hok).toMatch(/^FAIL {2}keystore \(holder-of-key\): .* expired on \d{4}-\d{2}-\d{2} \(fix: renew the eHealth certificate/);
  });

  it('not yet valid', async () => {
    const [, hok] = await doctor('not-yet.acc-p12');
    expect(hok).toMatch(/^FAIL {2}keystore \(holder-of-key\): .* is valid only from \d{4}-\d{2}-\d{2} \(fix: check the computer's date and time/);
  });

  it('two keystores from different certificate authorities', async () => {
    const lines = await doctor('production.p12');
    expect(lines).toContainEqual(
      expect.stringMatching(/^WARN {2}keystores: the two certificates come from different authorities \(Vaccicard companion test CA \/ eHealth production CA \(test\)\): an acceptance and a production keystore mixed\?/),
    );
  });

  it('the pharmacy keystore alone for both roles (not confirmed by eHealth)', async () => {
    const lines = await doctor(undefined, { identification: 'pharmacy.acc-p12' });
    expect(lines).toEqual([
      expect.stringMatching(/^OK {4}keystore \(identification and holder-of-key\): NIHII-PHARMACY=80000551/),
      expect.stringMatching(/^WARN {2}keystore \(identification and holder-of-key\): only the pharmacy certificate is configured.*\(fix: add the titular pharmacist's personal keystore/),
    ]);
  });

  it('wrong password', async () => {
    const lines = await doctor('pharmacy.acc-p12', { password: 'typo' });
    expect(lines[0]).toMatch(/^FAIL {2}keystore \(identification\): the password does not open .*pharmacist\.acc-p12 \(fix: check the password source/);
    expect(lines.join('\n')).not.toContain(PASSWORD);
  });

  it('wrong alias, with the aliases found', async () => {
    const [, hok] = await doctor('exported.p12');
    expect(hok).toMatch(/^FAIL {2}keystore \(holder-of-key\): .*exported\.p12 has no key under the alias "authentication" \(aliases found: my pharmacy key\) \(fix: /);
  });

  it('another pharmacy than the configuration', async () => {
    const lines = await doctor('other-pharmacy.acc-p12');
    expect(lines).toContainEqual(expect.stringMatching(/^FAIL {2}keystore \(holder-of-key\): the certificate does not belong to the configured pharmacy \(pharmacy\.pharmacyNumber\) \(fix: /));
  });

  it('in the user language', async () => {
    const [, hok] = await doctor('expired.acc-p12', { lang: 'fr' });
    expect(hok).toMatch(/^FAIL {2}keystore \(holder-of-key\): .* (a )?expir/);
  });
});
