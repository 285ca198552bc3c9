/**
 * doctor's certificate judgement with a keystore inspector passed in (the
 * command line passes the real one once the keystore module can open
 * PKCS#12 files): expiry, the identity each role must carry, and open failures.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDoctorReport, hasFailure, runDoctor, type KeystoreInspector } from '../../src/doctor/index.ts';
import { translator } from '../../../lib/i18n/translate.ts';
import { doctorStrings } from '../../src/doctor/strings.ts';
import { closedPort, tempDir, writeJson } from './cli-kit.ts';


const NOW = new Date('2026-11-22T00:00:00Z');
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000);

async function setup(twoKeystores: boolean) {
  const dir = await tempDir('vc-doctor-checks-');
  await writeFile(path.join(dir, 'id.p12'), 'x');
  await writeFile(path.join(dir, 'hok.p12'), 'y');
  const file = await writeJson(path.join(dir, 'config.json'), {
    keystores: {
      identification: { path: 'id.p12', password: { env: 'PW' } },
      ...(twoKeystores && { holderOfKey: { path: 'hok.p12', password: { env: 'PW' } } }),
    },
    pharmacy: { pharmacyNumber: '80000551', region: 'wallonia', pharmacist: { riziv: '20807092001', inss: '80010112379' } },
    hubs: { rsw: { endpoints: { acceptance: 'https://rsw.example.test/v3' } } },
    softwareId: 'acme_x',
    allowedOrigins: [],
    dataDir: 'data',
    port: await closedPort(),
  });
  return { dir, file };
}

async function doctor(twoKeystores: boolean, inspect: KeystoreInspector, lang: 'en' | 'fr' = 'en') {
  const { file } = await setup(twoKeystores);
  const checks = await runDoctor({ facts: { env: { PW: 'pw' }, platform: process.platform, home: '/nowhere' }, lang, configFlag: file, now: NOW, inspectKeystore: inspect });
  return { checks, text: formatDoctorReport(checks, translator(doctorStrings, lang)) };
}

const cert = (id: { type: string; value: string }, notAfter: Date) => ({
  ok: true as const,
  certificate: { subject: `${id.type}=${id.value}, VACCICARD`, notAfter, ehealthIdentifier: id },
});

describe('certificate checks', () => {
  it('OK with days left when each keystore carries its identity', async () => {
    const seen: string[] = [];
    const { text } = await doctor(true, async ({ file, password, alias }) => {
      seen.push(`${path.basename(file)}:${password}:${alias}`);
      return file.endsWith('id.p12')
        ? cert({ type: 'SSIN', value: '80010112379' }, days(400))
        : cert({ type: 'NIHII-PHARMACY', value: '80000551' }, days(200));
    });
    expect(seen).toEqual(['id.p12:pw:authentication', 'hok.p12:pw:authentication']);
    expect(text).toMatch(/^OK {4}keystore \(identification\): SSIN=80…79, VACCICARD \(SSIN 80…79\), valid until 2027-12-27 \(400 days left\)$/m);
    expect(text).not.toContain('80010112379');
    expect(text).toMatch(/^OK {4}keystore \(holder-of-key\): .*\(200 days left\)$/m);
  });

  it('WARN under 30 days, FAIL once expired', async () => {
    const { checks, text } = await doctor(true, async ({ file }) =>
      file.endsWith('id.p12') ? cert({ type: 'SSIN', value: '80010112379' }, days(12)) : cert({ type: 'NIHII-PHARMACY', value: '80000551' }, days(-3)),
    );
    expect(text).toMatch(/^WARN {2}keystore \(identification\): .* expires on 2026-12-04: only 12 days left \(fix: renew/m);
    expect(text).toMatch(/^FAIL {2}keystore \(holder-of-key\): .* expired on 2026-11-19/m);
    expect(hasFailure(checks)).toBe(true);
  });

  it('FAIL when a certificate belongs to someone else', async () => {
    const { text } = await doctor(true, async ({ file }) =>
      file.endsWith('id.p12') ? cert({ type: 'SSIN', value: '85073003328' }, days(100)) : cert({ type: 'SSIN', value: '80010112379' }, days(100)),
    );
    expect(text).toMatch(/^FAIL {2}keystore \(identification\): the certificate does not belong to the configured titular pharmacist/m);
    expect(text).toMatch(/^FAIL {2}keystore \(holder-of-key\): the certificate does not belong to the configured pharmacy/m);
  });

  it('one keystore for both roles may be the pharmacist or the pharmacy', async () => {
    const a = await doctor(false, async () => cert({ type: 'NIHII-PHARMACY', value: '80000551' }, days(100)));
    expect(a.text).toMatch(/^OK {4}keystore \(identification and holder-of-key\)/m);
    expect(a.text).not.toMatch(/does not belong/);
  });

  it('FAIL with the reason when the keystore cannot be opened', async () => {
    const { text } = await doctor(false, async () => ({ ok: false, reason: 'wrong password or not a PKCS#12 file' }), 'fr');
    expect(text).toMatch(/^FAIL {2}keystore \(identification et holder-of-key\): .*id\.p12 ne peut pas être ouvert : wrong password/m);
  });

  it('does not check the hubs it cannot reach without a hub client, and says so', async () => {
    const { text } = await doctor(false, async () => cert({ type: 'SSIN', value: '80010112379' }, days(100)));
    expect(text).toMatch(/^WARN {2}hub RSW: https:\/\/rsw\.example\.test\/v3 configured; reachability not checked/m);
    expect(text).toMatch(/^OK {4}port: 127\.0\.0\.1:\d+ is free$/m);
  });
});
