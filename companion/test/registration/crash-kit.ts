/**
 * The companion as a real child process for the crash test: `start
 * --simulator` (tsx entry, so SIGKILL reaches the Node process itself) on an
 * ephemeral port, a fixed data folder and simulator state file across runs,
 * the outbox test hooks and the simulator's fault plan per run.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { RegisterResponse, RegistrationListResponse, type RegistrationRecord } from '../../../lib/companion/contract.ts';
import { cleanEnv, listeningPort, spawnCli, until, writeJson, type RunningProcess } from '../cli/cli-kit.ts';
import { rawRequest, TEST_SECRET, type RawResponse } from '../server/helpers.ts';

export interface CrashWorld {
  dir: string;
  dataDir: string;
  stateFile: string;
  configFile: string;
}

export async function crashWorld(dir: string): Promise<CrashWorld> {
  const dataDir = path.join(dir, 'data');
  const configFile = await writeJson(path.join(dir, 'config.json'), {
    pharmacy: {
      pharmacyNumber: '80000551',
      name: 'Pharmacie du Parc',
      region: 'wallonia',
      pharmacist: { riziv: '20807092001', inss: '80010112379' },
      otherPharmacists: [{ riziv: '21234585001' }],
    },
    softwareId: 'demo_vaccicard-overlay',
    dataDir,
    // The test polls the list often.
    rateLimit: { burst: 10_000, perMinute: 100_000 },
    registration: { vaccinnet: { enabled: true }, outbox: { retryBaseMs: 200, retryMaxMs: 1_000 } },
  });
  return { dir, dataDir, stateFile: path.join(dir, 'simulator', 'registrations.journal'), configFile };
}

export interface RunOptions {
  /** VACCICARD_OUTBOX_TEST_HOOKS: pausing points, or `markers` for markers only. */
  hooks?: string;
  /** VACCICARD_SIMULATOR_FAULTS. */
  faults?: unknown;
}

export interface CompanionRun {
  process: RunningProcess;
  port: number;
  /** `OUTBOX-TEST-POINT <point> <id>` lines seen so far: the ids per point. */
  outboxPoints(point: string): string[];
  /** `SIMULATOR-TEST-POINT <kind> <upstream> <id>` lines seen so far: the ids per kind. */
  simulatorPoints(kind: string): string[];
  kill(): Promise<void>;
}

function idsAt(text: string, prefix: string, what: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const parts = line.trim().split(' ');
    if (parts[0] === prefix && parts[1] === what) out.push(parts.at(-1)!);
  }
  return out;
}

export async function startRun(world: CrashWorld, options: RunOptions = {}): Promise<CompanionRun> {
  const env: Record<string, string> = { COMPANION_PAIRING_SECRET: TEST_SECRET, VACCICARD_SIMULATOR_STATE_FILE: world.stateFile };
  if (options.hooks) env.VACCICARD_OUTBOX_TEST_HOOKS = options.hooks;
  if (options.faults) env.VACCICARD_SIMULATOR_FAULTS = JSON.stringify(options.faults);
  const child = spawnCli(['start', '--simulator', '--config', world.configFile, '--port', '0'], cleanEnv(env));
  const port = await until(() => listeningPort([child.stderr()]), 30_000);
  return {
    process: child,
    port,
    outboxPoints: (point) => idsAt(child.stderr(), 'OUTBOX-TEST-POINT', point),
    simulatorPoints: (kind) => idsAt(child.stderr(), 'SIMULATOR-TEST-POINT', kind),
    async kill() {
      child.kill('SIGKILL');
      const run = await child.done;
      if (run.signal !== 'SIGKILL') throw new Error(`the companion ended by itself (code ${run.code}) before it was killed`);
    },
  };
}

export function post(port: number, path: string, body: unknown): Promise<RawResponse> {
  return rawRequest({
    port,
    method: 'POST',
    path,
    headers: { 'Content-Type': 'application/json', 'X-Companion-Secret': TEST_SECRET },
    body: JSON.stringify(body),
  });
}

export async function register(port: number, body: unknown): Promise<{ status: number; response: RegisterResponse }> {
  const r = await post(port, '/v1/registrations', body);
  if (r.status !== 202) throw new Error(`register answered ${r.status}: ${r.text}`);
  return { status: r.status, response: RegisterResponse.parse(r.json()) };
}

export async function list(port: number, insz: string): Promise<RegistrationRecord[]> {
  const r = await post(port, '/v1/registrations/list', { insz });
  if (r.status !== 200) throw new Error(`list answered ${r.status}`);
  return RegistrationListResponse.parse(r.json()).registrations;
}

export const newKey = () => randomUUID();
export { until };
