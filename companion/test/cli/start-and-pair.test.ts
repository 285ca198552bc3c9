/**
 * `start` and `pair` run in-process with captured output: the banner says what
 * matters and never the secret, the server answers, Ctrl+C stops it; each
 * refusal has its exit code and words.
 */
import { mkdir, stat } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HealthResponse } from '../../../lib/companion/contract.ts';
import { pairingFingerprint } from '../../../lib/companion/fingerprint.ts';
import { runCli, type CliDeps } from '../../src/cli/main.ts';
import type { RunningUpstream } from '../../src/cli/running-upstream.ts';
import { readStoredPairingSecret } from '../../src/pairing/secret.ts';
import { FakeUpstream, TEST_SECRET, VALID_INSZ, consultRequest, rawRequest } from '../server/helpers.ts';
import { listeningPort, tempDir, testIo, until, writeJson, type TestIo } from './cli-kit.ts';

interface Harness {
  deps: CliDeps;
  upstream: FakeUpstream;
  closed: () => boolean;
  wiredWith: () => Record<string, unknown> | undefined;
}

function harness(): Harness {
  const upstream = new FakeUpstream();
  let closed = false;
  let wiredWith: Record<string, unknown> | undefined;
  const running = (banner: string): RunningUpstream => ({
    upstream,
    tokenProvider: { getToken: () => Promise.reject(new Error('unused')), invalidate: () => {} },
    banner: [banner],
    close: async () => {
      closed = true;
    },
  });
  return {
    upstream,
    closed: () => closed,
    wiredWith: () => wiredWith,
    deps: {
      version: '9.9.9-test',
      wiring: {
        simulator: async ({ loaded, fixturesDir }) => {
          wiredWith = { source: loaded.source, fixturesDir };
          return running('Simulated hubs: (test)');
        },
        realHubs: async ({ loaded }) => {
          wiredWith = { source: loaded.source };
          return running('Real hubs: (test)');
        },
      },
    },
  };
}

let running: { io: TestIo; exit: Promise<number> } | undefined;
afterEach(async () => {
  if (running) {
    running.io.stop();
    await running.exit;
    running = undefined;
  }
});

async function envWithDataDir(extra: Record<string, string> = {}) {
  const dataDir = path.join(await tempDir(), 'data');
  return { dataDir, env: { VACCICARD_COMPANION_DATA_DIR: dataDir, LANG: 'en_US.UTF-8', ...extra } };
}

describe('start --simulator', () => {
  it('serves with no configuration file, tells what matters, never the secret, and stops on Ctrl+C', async () => {
    const h = harness();
    const { env, dataDir } = await envWithDataDir({ COMPANION_PAIRING_SECRET: TEST_SECRET });
    const io = testIo(env);
    const exit = runCli(['start', '--simulator', '--port', '0'], io.io, h.deps);
    const port = await until(() => listeningPort(io.err));

    const banner = io.err.join('\n');
    expect(banner).toContain('Vaccicard companion 9.9.9-test is listening on http://127.0.0.1:');
    expect(banner).toContain('Mode: simulator');
    expect(banner).toContain('Simulated hubs: (test)');
    expect(banner).toContain('the built-in demo identity');
    expect(banner).toContain(`Pairing fingerprint: ${await pairingFingerprint(TEST_SECRET)}`);
    expect(banner).toContain('any browser extension');
    expect(banner).toContain(`Data folder: ${dataDir}`);
    expect(h.wiredWith()).toEqual({ source: { kind: 'demo' }, fixturesDir: undefined });

    const consult = await consultRequest(port, { insz: VALID_INSZ[0] });
    expect(consult.status).toBe(200);
    expect(h.upstream.calls).toHaveLength(1);
    const health = HealthResponse.parse((await rawRequest({ port, headers: { 'X-Companion-Secret': TEST_SECRET } })).json());
    expect(health).toMatchObject({ mode: 'simulator', version: '9.9.9-test' });

    // The request log: JSON lines on standard output.
    const logLines = io.out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logLines.some((l) => l.op === 'consult' && l.status === 200)).toBe(true);
    // The log key was made owner-only in the data folder.
    if (process.platform !== 'win32') expect((await stat(path.join(dataDir, 'log-key'))).mode & 0o777).toBe(0o600);

    io.stop();
    expect(await exit).toBe(0);
    expect(io.err.join('\n')).toMatch(/Stopped\.$/);
    expect(h.closed()).toBe(true);
    expect(io.all()).not.toContain(TEST_SECRET);
    expect(io.all()).not.toContain(VALID_INSZ[0]);
    await expect(rawRequest({ port })).rejects.toThrow();
  });

  it('passes --fixtures to the simulator and speaks the chosen language', async () => {
    const h = harness();
    const fixtures = await tempDir('vc-fixtures-');
    const { env } = await envWithDataDir({ COMPANION_PAIRING_SECRET: TEST_SECRET });
    const io = testIo(env);
    running = { io, exit: runCli(['start', '--simulator', '--fixtures', fixtures, '--port', '0', '--lang', 'fr'], io.io, h.deps) };
    await until(() => listeningPort(io.err));
    expect(h.wiredWith()).toMatchObject({ fixturesDir: fixtures });
    expect(io.err.join('\n')).toContain('Mode : simulateur');
  });

  it('uses the origins named in COMPANION_ALLOWED_ORIGINS', async () => {
    const h = harness();
    const origin = `chrome-extension://${'abcdefghijklmnop'.repeat(2)}`;
    const { env } = await envWithDataDir({ COMPANION_PAIRING_SECRET: TEST_SECRET, COMPANION_ALLOWED_ORIGINS: origin });
    const io = testIo(env);
    running = { io, exit: runCli(['start', '--simulator', '--port', '0'], io.io, h.deps) };
    const port = await until(() => listeningPort(io.err));
    expect(io.err.join('\n')).toContain(`Allowed extension origins: ${origin}`);
    expect((await consultRequest(port, { insz: VALID_INSZ[0] }, { Origin: origin })).status).toBe(200);
    expect((await consultRequest(port, { insz: VALID_INSZ[0] }, { Origin: `chrome-extension://${'p'.repeat(32)}` })).status).toBe(403);
  });

  it('uses a configuration file when one is named', async () => {
    const h = harness();
    const dir = await tempDir();
    const file = await writeJson(path.join(dir, 'config.json'), {
      pharmacy: { pharmacyNumber: '80000551', region: 'brussels', pharmacist: { riziv: '20807092001', inss: '80010112379' } },
      softwareId: 'acme_vaccicard',
      allowedOrigins: [],
    });
    const { env } = await envWithDataDir({ COMPANION_PAIRING_SECRET: TEST_SECRET });
    const io = testIo(env);
    running = { io, exit: runCli(['start', '--simulator', '--port', '0', '--config', file], io.io, h.deps) };
    await until(() => listeningPort(io.err));
    expect(h.wiredWith()).toMatchObject({ source: { kind: 'file', path: file } });
    expect(io.err.join('\n')).toContain('Allowed extension origins: none yet');
  });
});

describe('start refusals', () => {
  it('without a pairing secret: exit 4 and how to pair', async () => {
    const { env } = await envWithDataDir();
    const io = testIo(env);
    expect(await runCli(['start', '--simulator', '--port', '0'], io.io, harness().deps)).toBe(4);
    expect(io.err.join('\n')).toMatch(/No pairing secret yet\. Run `npm run companion -- pair`/);
  });

  it('with a weak COMPANION_PAIRING_SECRET: exit 4', async () => {
    const { env } = await envWithDataDir({ COMPANION_PAIRING_SECRET: 'demo' });
    const io = testIo(env);
    expect(await runCli(['start', '--simulator'], io.io, harness().deps)).toBe(4);
    expect(io.err.join('\n')).toContain('at least 256 random bits');
  });

  it('for the real hubs without a configuration file: exit 3 with the problem', async () => {
    const { env } = await envWithDataDir({ COMPANION_PAIRING_SECRET: TEST_SECRET });
    const io = testIo(env);
    const h = harness();
    expect(await runCli(['start', '--port', '0'], io.io, h.deps)).toBe(3);
    expect(io.err.join('\n')).toContain('configuration file not found');
    expect(h.wiredWith()).toBeUndefined();
  });

  it('when the port is taken: exit 1 and what to do', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    try {
      const { env } = await envWithDataDir({ COMPANION_PAIRING_SECRET: TEST_SECRET });
      const io = testIo(env);
      const h = harness();
      expect(await runCli(['start', '--simulator', '--port', String(taken)], io.io, h.deps)).toBe(1);
      expect(io.err.join('\n')).toContain(`Port ${taken} on 127.0.0.1 is already in use`);
      expect(h.closed()).toBe(true);
    } finally {
      blocker.close();
    }
  });

  it('with a --fixtures folder that does not exist: exit 2', async () => {
    const { env } = await envWithDataDir({ COMPANION_PAIRING_SECRET: TEST_SECRET });
    const io = testIo(env);
    expect(await runCli(['start', '--simulator', '--fixtures', '/nonexistent/fixtures'], io.io, harness().deps)).toBe(2);
  });

  it('when the data folder cannot be made: exit 1', async () => {
    const dir = await tempDir();
    const blockingFile = path.join(dir, 'file');
    await writeJson(blockingFile, {});
    const io = testIo({ VACCICARD_COMPANION_DATA_DIR: path.join(blockingFile, 'data'), COMPANION_PAIRING_SECRET: TEST_SECRET, LANG: 'en' });
    expect(await runCli(['start', '--simulator', '--port', '0'], io.io, harness().deps)).toBe(1);
    expect(io.err.join('\n')).toContain('Cannot use the data folder');
  });
});

describe('pair', () => {
  it('stores a new secret owner-only and prints it once with its fingerprint', async () => {
    const { env, dataDir } = await envWithDataDir();
    const io = testIo(env);
    expect(await runCli(['pair'], io.io, harness().deps)).toBe(0);
    const stored = await readStoredPairingSecret(dataDir);
    if (stored.kind !== 'found') throw new Error(stored.kind);
    const text = io.all();
    expect(text.split(stored.secret)).toHaveLength(2);
    expect(text).toContain(`Fingerprint: ${await pairingFingerprint(stored.secret)}`);
    if (process.platform !== 'win32') expect((await stat(stored.file)).mode & 0o777).toBe(0o600);

    const again = testIo(env);
    expect(await runCli(['pair'], again.io, harness().deps)).toBe(0);
    expect(again.all()).toContain(`replaces the previous secret (fingerprint ${await pairingFingerprint(stored.secret)})`);
  });

  it('warns that COMPANION_PAIRING_SECRET wins while it is set', async () => {
    const { env } = await envWithDataDir({ COMPANION_PAIRING_SECRET: TEST_SECRET });
    const io = testIo(env);
    expect(await runCli(['pair', '--lang', 'nl'], io.io, harness().deps)).toBe(0);
    expect(io.all()).toContain('COMPANION_PAIRING_SECRET is hier ingesteld');
    expect(io.all()).not.toContain(TEST_SECRET);
  });

  it('uses the data folder of the named configuration', async () => {
    const dir = await tempDir();
    const file = await writeJson(path.join(dir, 'config.json'), {
      pharmacy: { pharmacyNumber: '80000551', region: 'wallonia', pharmacist: { riziv: '20807092001', inss: '80010112379' } },
      softwareId: 'acme_vaccicard',
      dataDir: 'state',
    });
    const io = testIo({ LANG: 'en' });
    expect(await runCli(['pair', '--config', file], io.io, harness().deps)).toBe(0);
    expect((await readStoredPairingSecret(path.join(dir, 'state'))).kind).toBe('found');
  });

  it('refuses with the configuration problems when the named file is invalid: exit 3', async () => {
    const dir = await tempDir();
    const file = await writeJson(path.join(dir, 'config.json'), { softwareId: 'x' });
    const io = testIo({ LANG: 'en' });
    expect(await runCli(['pair', '--config', file], io.io, harness().deps)).toBe(3);
    expect(io.err.join('\n')).toContain('pharmacy');
  });

  it('reports a data folder it cannot write: exit 1', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'x'));
    const blockingFile = path.join(dir, 'x', 'file');
    await writeJson(blockingFile, {});
    const io = testIo({ VACCICARD_COMPANION_DATA_DIR: path.join(blockingFile, 'sub'), LANG: 'en' });
    expect(await runCli(['pair'], io.io, harness().deps)).toBe(1);
    expect(io.err.join('\n')).toContain('Could not store the pairing secret');
  });
});

describe('usage', () => {
  it('--help speaks four languages and exits 0', async () => {
    const texts: string[] = [];
    for (const lang of ['en', 'nl', 'fr', 'de']) {
      const io = testIo({});
      expect(await runCli(['--help', '--lang', lang], io.io, harness().deps)).toBe(0);
      texts.push(io.out.join('\n'));
      expect(io.out.join('\n')).toContain('npm run companion -- ');
      expect(io.out.join('\n')).toContain('47615');
    }
    expect(new Set(texts).size).toBe(4);
  });

  it('follows VACCICARD_COMPANION_LANG, then LANG', async () => {
    const a = testIo({ VACCICARD_COMPANION_LANG: 'de', LANG: 'fr_BE.UTF-8' });
    await runCli(['serve'], a.io, harness().deps);
    expect(a.err.join('')).toContain('Unbekannter Befehl');
    const b = testIo({ LANG: 'fr_BE.UTF-8' });
    await runCli(['serve'], b.io, harness().deps);
    expect(b.err.join('')).toContain('Commande inconnue');
  });

  it('a wrong command line exits 2 with words, --version prints the version', async () => {
    const io = testIo({ LANG: 'en' });
    expect(await runCli(['start', '--port', 'eighty'], io.io, harness().deps)).toBe(2);
    expect(io.err.join('')).toContain('--port must be a whole number');
    const v = testIo({});
    expect(await runCli(['--version'], v.io, harness().deps)).toBe(0);
    expect(v.out).toEqual(['9.9.9-test']);
  });
});
