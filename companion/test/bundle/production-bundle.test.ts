/**
 * The companion as a pharmacy runs it: built into ES modules
 * (scripts/build-companion.ts) and run by plain `node` with the production V8
 * flags, no tsx. Everything it reads at run time must resolve from the
 * bundle: its version, the built-in STS profile (used by the real token
 * provider the simulator drives), the simulator's chunk, xmllint-wasm and its
 * .wasm, and the KMEHR schemas the simulated hubs validate a registration
 * against. Built into a folder of its own, removed afterwards.
 */
import { spawn } from 'node:child_process';
import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsultResponse, HealthResponse, RegisterResponse, RegistrationListResponse } from '../../../lib/companion/contract.ts';
import { buildCompanion, COMPANION_NODE_FLAGS } from '../../../scripts/build-companion.ts';
import { SYNTHETIC_PATIENTS } from '../../src/simulator/index.ts';
import { cleanEnv, listeningPort, REPO_ROOT, tempDir, until, type ProcessRun, type RunningProcess } from '../cli/cli-kit.ts';
import { registrationRequest } from '../registration/inputs.ts';
import { TEST_SECRET, consultRequest, rawRequest } from '../server/helpers.ts';

const OUTDIR = path.join(REPO_ROOT, '.output', `companion-bundle-test-${process.pid}`);
let entry: string;

function spawnBundle(args: string[], env: Record<string, string>): RunningProcess {
  const child = spawn(process.execPath, [...COMPANION_NODE_FLAGS, entry, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const done = new Promise<ProcessRun>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { stdout: () => stdout, stderr: () => stderr, kill: (s) => child.kill(s), done };
}

/** Asks again every 100 ms until `probe` gives a value. */
async function poll<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function post(port: number, route: string, body: unknown) {
  return rawRequest({ port, method: 'POST', path: route, headers: { 'Content-Type': 'application/json', 'X-Companion-Secret': TEST_SECRET }, body: JSON.stringify(body) });
}

beforeAll(async () => {
  entry = await buildCompanion({ outdir: OUTDIR });
}, 60_000);

afterAll(async () => {
  await rm(OUTDIR, { recursive: true, force: true });
});

describe('the production bundle', () => {
  it('is plain JavaScript for node: an entry and chunks, no TypeScript, nothing read from companion/src', async () => {
    const files = (await readdir(OUTDIR)).filter((f) => f.endsWith('.mjs'));
    expect(files).toContain('companion.mjs');
    // The simulator and doctor are chunks of their own, loaded only when asked for.
    expect(files.some((f) => f.startsWith('simulated-hubs-'))).toBe(true);
    expect(files.some((f) => f.startsWith('doctor-'))).toBe(true);
    const main = await readFile(entry, 'utf8');
    expect(main).not.toMatch(/from ["'][^"']*\.ts["']/);
    expect(main).not.toContain('companion/src/');
    // One byte per character in memory: no character outside ASCII in any of the code.
    for (const f of files) expect(/[^\x00-\x7f]/.test(await readFile(path.join(OUTDIR, f), 'utf8')), f).toBe(false);
  });

  it('npm run companion:prod runs this bundle with exactly the production V8 flags', async () => {
    const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['companion:prod']).toBe(['node', ...COMPANION_NODE_FLAGS, '.output/companion/companion.mjs'].join(' '));
    expect(COMPANION_NODE_FLAGS.length).toBeGreaterThan(0);
  });

  it('--version prints the package version it was built from', async () => {
    const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = await spawnBundle(['--version'], cleanEnv({})).done;
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  it('start --simulator: consults a synthetic patient, registers a vaccination the simulated hub validates against the KMEHR schema, stops on SIGTERM', async () => {
    const data = await tempDir('vc-bundle-');
    const child = spawnBundle(['start', '--simulator', '--port', '0'], cleanEnv({ VACCICARD_COMPANION_DATA_DIR: data, COMPANION_PAIRING_SECRET: TEST_SECRET }));
    try {
      const port = await until(() => listeningPort([child.stderr()]), 30_000);
      expect(child.stderr()).toMatch(/Simulated eHealth STS: https:\/\/127\.0\.0\.1:\d+/);

      const patient = SYNTHETIC_PATIENTS.find((p) => p.hub === 'both' && p.behaviour === 'ok')!;
      const consulted = await consultRequest(port, { insz: patient.insz });
      expect(consulted.status).toBe(200);
      const answer = ConsultResponse.parse(consulted.json());
      expect(answer.hubs.rsw?.status).toBe('ok');
      expect(answer.hubs.rsb?.status).toBe('ok');

      const health = HealthResponse.parse((await rawRequest({ port, headers: { 'X-Companion-Secret': TEST_SECRET } })).json());
      expect(health.mode).toBe('simulator');

      const registered = await post(port, '/v1/registrations', registrationRequest('flu', patient.insz));
      expect(registered.status).toBe(202);
      const id = RegisterResponse.parse(registered.json()).record.id;
      // 'sent' once the simulated hub stored it, which it does only after xmllint-wasm validated the message against the KMEHR 1.43 XSD.
      const record = await poll(async () => {
        const list = RegistrationListResponse.parse((await post(port, '/v1/registrations/list', { insz: patient.insz })).json());
        const r = list.registrations.find((x) => x.id === id);
        return r && r.state !== 'pending' ? r : undefined;
      }, 30_000);
      expect({ state: record.state, reason: record.reason }).toEqual({ state: 'sent', reason: undefined });
    } finally {
      child.kill('SIGTERM');
    }
    const run = await child.done;
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|ENOENT|Cannot find/);
  }, 90_000);
});
