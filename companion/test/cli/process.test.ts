/**
 * The command line as a real process: exit codes, SIGTERM/SIGINT, the real
 * hub wiring (which refuses plainly until the STS client exists), and doctor
 * on broken and healthy setups.
 */
import { chmod, writeFile } from 'node:fs/promises';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsultResponse, HealthResponse } from '../../../lib/companion/contract.ts';
import { SYNTHETIC_PATIENTS } from '../../src/simulator/index.ts';
import { createTestCa, createTlsServerCertificate, createPharmacistCertificate, writePkcs12 } from '../../src/pki/index.ts';
import { generatePairingSecret, storePairingSecret } from '../../src/pairing/secret.ts';
import { TEST_SECRET, VALID_INSZ, consultRequest, rawRequest } from '../server/helpers.ts';
import { makeStsWorld } from '../sts/sts-fixture.ts';
import { cleanEnv, closedPort, listeningPort, runCliProcess, spawnCli, tempDir, until, writeJson } from './cli-kit.ts';

const CHROME = `chrome-extension://${'abcdefghijklmnop'.repeat(2)}`;


function realConfig(dir: string, rswUrl: string, extra: Record<string, unknown> = {}) {
  return {
    keystores: { identification: { path: 'keys/pharmacist.p12', password: { env: 'VC_TEST_KEYSTORE_PASSWORD' } } },
    pharmacy: { pharmacyNumber: '80000551', region: 'wallonia', pharmacist: { riziv: '20807092001', inss: '80010112379' } },
    hubs: { rsw: { environment: 'acceptance', endpoints: { acceptance: rswUrl } } },
    softwareId: 'acme_vaccicard_test',
    allowedOrigins: [CHROME],
    dataDir: path.join(dir, 'data'),
    ...extra,
  };
}

let hub: https.Server;
let hubUrl: string;
let caFile: string;
let keystoreDir: string;

beforeAll(async () => {
  keystoreDir = await tempDir('vc-doctor-');
  const ca = await createTestCa();
  const tls = await createTlsServerCertificate(ca);
  caFile = path.join(keystoreDir, 'hub-ca.pem');
  await writeFile(caFile, ca.certificatePem);
  hub = https.createServer({ key: tls.privateKeyPem, cert: tls.certificatePem }, (_req, res) => res.writeHead(405).end());
  await new Promise<void>((r) => hub.listen({ host: '127.0.0.1', port: 0 }, r));
  hubUrl = `https://127.0.0.1:${(hub.address() as net.AddressInfo).port}/intrahub/v3`;
  const pharmacist = await createPharmacistCertificate(ca, '80010112379');
  await writeFile(
    path.join(keystoreDir, 'pharmacist.p12'),
    writePkcs12({ privateKeyPem: pharmacist.privateKeyPem, certificatePem: pharmacist.certificatePem, password: 'ks-pass' }),
  );
});

afterAll(() => {
  hub?.close();
});

describe.concurrent('start --simulator (the demo, from a fresh clone: no configuration, no certificate)', () => {
  it('starts the simulated hubs, answers a synthetic patient through the real hub client, and stops', async () => {
    const data = await tempDir();
    const child = spawnCli(['start', '--simulator', '--port', '0'], cleanEnv({ VACCICARD_COMPANION_DATA_DIR: data, COMPANION_PAIRING_SECRET: TEST_SECRET }));
    try {
      const port = await until(() => listeningPort([child.stderr()]), 20_000);
      expect(child.stderr()).toMatch(/Simulated hubs: RSW https:\/\/127\.0\.0\.1:\d+\S*, RSB https:\/\/127\.0\.0\.1:\d+/);
      const patient = SYNTHETIC_PATIENTS.find((p) => p.hub === 'both' && p.behaviour === 'ok')!;
      const r = await consultRequest(port, { insz: patient.insz }, { Origin: CHROME });
      expect(r.status).toBe(200);
      const body = ConsultResponse.parse(r.json());
      expect(body.hubs.rsw?.status).toBe('ok');
      expect(body.hubs.rsb?.status).toBe('ok');
      const health = HealthResponse.parse((await rawRequest({ port, headers: { 'X-Companion-Secret': TEST_SECRET } })).json());
      expect(health).toMatchObject({ mode: 'simulator', upstreams: { rsw: { reachable: true }, rsb: { reachable: true } } });
      // The generated keystores (pharmacist + pharmacy) behind the real STS token provider.
      expect(child.stderr()).toMatch(/Simulated eHealth STS: https:\/\/127\.0\.0\.1:\d+/);
      expect(health.certificates.map((c) => c.identifier ?? c.subject)).toEqual(['SSIN=80…79, VACCICARD COMPANION', '80000551']);
    } finally {
      child.kill('SIGTERM');
    }
    const run = await child.done;
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toMatch(new RegExp(SYNTHETIC_PATIENTS.map((p) => p.insz).join('|')));
  });
});

describe.concurrent('start against the real hubs', () => {
  it('serves, says what keeps the eHealth token from working, answers each hub with a typed error, logs no INSZ, stops on SIGTERM', async () => {
    const dir = await tempDir();
    const rsw = `https://127.0.0.1:${await closedPort()}/intrahub/v3`;
    const config = await writeJson(
      path.join(dir, 'config.json'),
      realConfig(dir, rsw, { keystores: { identification: { path: path.join(keystoreDir, 'pharmacist.p12'), password: { env: 'VC_TEST_KEYSTORE_PASSWORD' } } } }),
    );
    const child = spawnCli(
      ['start', '--config', config, '--port', '0'],
      cleanEnv({ COMPANION_PAIRING_SECRET: TEST_SECRET, VC_TEST_KEYSTORE_PASSWORD: 'ks-pass' }),
    );
    try {
      const port = await until(() => listeningPort([child.stderr()]), 30_000);
      const banner = child.stderr();
      expect(banner).toContain('Mode: acceptance hubs');
      expect(banner).toContain(`Hub RSW: ${rsw}`);
      expect(banner).toContain('Hub RSB: no acceptance address configured');
      expect(banner).toContain('eHealth STS: acceptance, https://services-acpt.ehealth.fgov.be/IAM/SecurityTokenService/v1');
      // No trust anchor configured: said at start, without any network call.
      expect(banner).toContain('Warning, the eHealth token cannot be obtained yet: the eHealth STS certificate to trust is not configured. Next: get the eHealth I.AM signing certificate');

      const r = await consultRequest(port, { insz: VALID_INSZ[0] }, { Origin: CHROME });
      expect(r.status).toBe(200);
      const body = ConsultResponse.parse(r.json());
      expect(body.hubs.rsw).toMatchObject({ status: 'error', error: { code: 'auth-failed' } });
      expect(body.hubs.rsb).toMatchObject({ status: 'error', error: { code: 'not-supported' } });

      // Health with the secret: the keystore's certificate, the owner's national number masked.
      const health = HealthResponse.parse((await rawRequest({ port, headers: { 'X-Companion-Secret': TEST_SECRET } })).json());
      expect(health.mode).toBe('acceptance');
      expect(health.certificates).toEqual([
        { subject: 'SSIN=80…79, VACCICARD COMPANION', notAfter: expect.stringMatching(/^\d{4}-/), daysToExpiry: expect.any(Number) },
      ]);
      expect(health.certificates[0]!.daysToExpiry).toBeGreaterThan(30);
      expect(health.upstreams.rsw).toEqual({ reachable: false });
    } finally {
      child.kill('SIGTERM');
    }
    const run = await child.done;
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Stopped\.\s*$/);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    expect(lines.find((l) => l.op === 'consult')).toMatchObject({ status: 200, hubs: { rsw: { outcome: 'auth-failed' }, rsb: { outcome: 'not-supported' } } });
    expect(run.stdout + run.stderr).not.toContain(VALID_INSZ[0]);
    expect(run.stdout + run.stderr).not.toContain(TEST_SECRET);
  });

  it('stops on SIGINT too', async () => {
    const data = await tempDir();
    const child = spawnCli(['start', '--simulator', '--port', '0'], cleanEnv({ VACCICARD_COMPANION_DATA_DIR: data }));
    const run = await child.done;
    // No secret anywhere: refused before serving.
    expect(run.code).toBe(4);
    await storePairingSecret(data, generatePairingSecret());
    const config = await writeJson(path.join(data, 'config.json'), realConfig(data, 'https://127.0.0.1:9/x'));
    const served = spawnCli(['start', '--config', config, '--port', '0'], cleanEnv({ VACCICARD_COMPANION_DATA_DIR: data }));
    await until(() => listeningPort([served.stderr()]), 30_000);
    served.kill('SIGINT');
    expect((await served.done).code).toBe(0);
  });

  it('exits 2 on a wrong command line and 3 on a bad configuration, listing every problem', async () => {
    const dir = await tempDir();
    const bad = await writeJson(path.join(dir, 'bad.json'), {
      keystores: { identification: { path: 'k.p12', password: 'hunter2' } },
      pharmacy: { pharmacyNumber: '1', region: 'wallonia', pharmacist: { riziv: '20807092001', inss: '80010112379' } },
      softwareId: 'acme_x',
    });
    const [usage, config] = await Promise.all([
      runCliProcess(['start', '--nope'], cleanEnv({})),
      runCliProcess(['start', '--config', bad], cleanEnv({ COMPANION_PAIRING_SECRET: TEST_SECRET })),
    ]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Unknown option --nope');
    expect(config.code).toBe(3);
    expect(config.stderr).toContain('keystores.identification.password: a password must not be written');
    expect(config.stderr).toContain('pharmacy.pharmacyNumber');
    expect(config.stderr).toContain('hubs: no hub address is configured');
    expect(config.stderr).not.toContain('hunter2');
  });
});

describe.concurrent('doctor', () => {
  it('without a configuration: FAIL with what to do, exit 1', async () => {
    const data = await tempDir();
    const run = await runCliProcess(['doctor', '--config', path.join(data, 'missing.json')], cleanEnv({ VACCICARD_COMPANION_DATA_DIR: data }));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL {2}configuration: no configuration file at .*missing\.json \(fix: create it/m);
    expect(run.stdout).toMatch(/^FAIL {2}pairing: no pairing secret stored/m);
  });

  it('on an invalid configuration: every problem listed, exit 1', async () => {
    const dir = await tempDir();
    const file = await writeJson(path.join(dir, 'config.json'), {
      ...realConfig(dir, 'http://not-https.example'),
      allowedOrigins: ['null'],
      keystores: { identification: { path: 'k.p12', password: 'hunter2' } },
    });
    const run = await runCliProcess(['doctor', '--config', file], cleanEnv({}));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL {2}configuration: .*config\.json has 3 problem\(s\)/m);
    expect(run.stdout).toContain('- keystores.identification.password:');
    expect(run.stdout).toContain('- hubs.rsw.endpoints.acceptance: must be an https:// address');
    expect(run.stdout).toContain('- allowedOrigins[0]:');
    expect(run.stdout).not.toContain('hunter2');
  });

  it('a keystore the password does not open: FAIL in the keystore module own words, never the password', async () => {
    const dir = await tempDir();
    const file = await writeJson(
      path.join(dir, 'config.json'),
      realConfig(dir, hubUrl, {
        keystores: { identification: { path: path.join(keystoreDir, 'pharmacist.p12'), password: { env: 'VC_TEST_KEYSTORE_PASSWORD' } } },
      }),
    );
    const run = await runCliProcess(['doctor', '--config', file], cleanEnv({ VC_TEST_KEYSTORE_PASSWORD: 'not-the-password' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL {2}keystore \(identification and holder-of-key\): the password does not open .*pharmacist\.p12 \(fix: /m);
    expect(run.stdout).not.toContain('not-the-password');
  });

  it('on a broken setup: each broken part FAIL with its fix, exit 1', async () => {
    const dir = await tempDir();
    const rsw = `https://127.0.0.1:${await closedPort()}/intrahub/v3`;
    const file = await writeJson(path.join(dir, 'config.json'), realConfig(dir, rsw));
    const run = await runCliProcess(['doctor', '--config', file], cleanEnv({}));
    expect(run.code).toBe(1);
    const out = run.stdout;
    expect(out).toMatch(/^OK {4}configuration: .* is valid$/m);
    expect(out).toMatch(/^FAIL {2}pairing: no pairing secret stored .*\(fix: run `npm run companion -- pair`/m);
    expect(out).toMatch(/^FAIL {2}keystore \(identification and holder-of-key\): the password variable VC_TEST_KEYSTORE_PASSWORD is not set/m);
    expect(out).toMatch(/^FAIL {2}keystore \(identification and holder-of-key\): .*pharmacist\.p12 does not exist/m);
    expect(out).toMatch(/^FAIL {2}eHealth token: the password variable VC_TEST_KEYSTORE_PASSWORD of the keystore is not set \(fix: set VC_TEST_KEYSTORE_PASSWORD/m);
    expect(out).toMatch(new RegExp(`^FAIL {2}hub RSW: ${rsw.replace(/[.]/g, '\\.')} does not answer`, 'm'));
    expect(out).toMatch(/^WARN {2}hub RSB: no acceptance address configured \(fix: set hubs\.rsb\.endpoints\.acceptance/m);
  });

  it('on a healthy setup (simulated eHealth STS): no FAIL, exit 0, certificates described, a token obtained', async () => {
    const world = await makeStsWorld();
    try {
      const dir = await tempDir();
      const trustAnchorFile = path.join(dir, 'iam.pem');
      const stsCaFile = path.join(dir, 'sts-ca.pem');
      await writeFile(trustAnchorFile, world.sts.iamCertificatePem);
      await writeFile(stsCaFile, world.sts.tlsCaPem);
      const file = await writeJson(
        path.join(dir, 'config.json'),
        realConfig(dir, hubUrl, {
          keystores: { identification: world.identification, holderOfKey: world.holderOfKey },
          hubs: { rsw: { environment: 'acceptance', endpoints: { acceptance: hubUrl }, caFile } },
          sts: { endpoints: { acceptance: world.sts.url }, trustAnchorFile, caFile: stsCaFile },
          port: await closedPort(),
        }),
      );
      await storePairingSecret(path.join(dir, 'data'), generatePairingSecret());
      const run = await runCliProcess(['doctor', '--config', file], cleanEnv(world.env));
      expect(run.stdout).not.toMatch(/^FAIL/m);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^OK {4}pairing: secret stored, fingerprint [0-9a-f]{4}-[0-9a-f]{4}/m);
      expect(run.stdout).toMatch(/^OK {4}extension origins: chrome-extension:\/\//m);
      expect(run.stdout).toMatch(/^OK {4}keystore \(identification\): SSIN=80…79.* \(SSIN 80…79\), valid until \d{4}-\d{2}-\d{2} \(\d+ days left\); aliases: [^;]*authentication[^;]*; 1 encryption key\(s\)$/m);
      expect(run.stdout).toMatch(/^OK {4}keystore \(holder-of-key\): NIHII-PHARMACY=80000551.* \(NIHII-PHARMACY 80000551\), valid until/m);
      expect(run.stdout).toMatch(/^OK {4}eHealth token: a token was obtained$/m);
      expect(run.stdout).toMatch(/^OK {4}hub RSW: https:\/\/127\.0\.0\.1:\d+\/intrahub\/v3 answers \(\d+ ms\)/m);
      expect(run.stdout).toMatch(/^OK {4}port: 127\.0\.0\.1:\d+ is free/m);
      expect(run.stdout).not.toContain('80010112379');
      expect(run.stdout).not.toContain(world.password);
      expect(world.sts.stats.tokensIssued).toBe(1);
    } finally {
      await world.close();
    }
  });
});
