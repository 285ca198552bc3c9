/**
 * The companion with its simulator, as a real process on a real socket
 * (`companion/src/cli.ts start --simulator`), with its own temporary data and
 * configuration folders. Its one-JSON-line-per-request log is how tests count
 * the calls the extension made (`consultCount`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { demoConfigInput } from '../../../companion/src/config/demo.ts';
import { ROOT } from './paths.ts';

export interface CompanionLogLine {
  op?: string;
  status?: number;
  event?: string;
  [key: string]: unknown;
}

export interface RunningCompanion {
  url: string;
  port: number;
  /** The companion's process id (the benchmark reads its memory). */
  pid: number;
  log: CompanionLogLine[];
  /** Consultations the companion received (any status). */
  consultCount(): number;
  /** Stops the process (SIGTERM) and waits for it. */
  stop(): Promise<void>;
}

export interface CompanionOptions {
  secret: string;
  allowedOrigins: readonly string[];
  port?: number;
  /**
   * Hub timeout in ms: written with the simulator's demo identity into a
   * configuration file, so the "hubs never answer" patient fails in seconds
   * rather than the default 15 s. Absent: no file, the built-in demo identity.
   */
  hubTimeoutMs?: number;
  /**
   * A whole configuration file instead (takes precedence over `hubTimeoutMs`),
   * e.g. real-hub mode against simulated services for the benchmark.
   */
  config?: Record<string, unknown>;
  /** `start --simulator` (default true); false starts with the configuration's hubs. */
  simulator?: boolean;
  /**
   * Node's arguments before the command line, i.e. how the companion is
   * launched. Default: the development form, `--import tsx companion/src/cli.ts`;
   * e.g. `['.output/companion/companion.mjs']` for the production bundle.
   */
  entry?: readonly string[];
}

const STARTED = /http:\/\/127\.0\.0\.1:(\d+)/;

export async function startCompanion(options: CompanionOptions): Promise<RunningCompanion> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'vaccicard-e2e-companion-'));
  const config =
    options.config ??
    (options.hubTimeoutMs !== undefined
      ? { ...demoConfigInput(), timeouts: { hubMs: options.hubTimeoutMs, requestMs: options.hubTimeoutMs * 3 } }
      : undefined);
  if (config !== undefined) {
    const dir = path.join(home, 'config', 'vaccicard-companion');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'config.json'), JSON.stringify(config, null, 2));
  }
  const mode = options.simulator === false ? [] : ['--simulator'];
  const child: ChildProcess = spawn(
    process.execPath,
    [...(options.entry ?? ['--import', 'tsx', path.join(ROOT, 'companion', 'src', 'cli.ts')]), 'start', ...mode, '--port', String(options.port ?? 0), '--lang', 'en'],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        XDG_CONFIG_HOME: path.join(home, 'config'),
        XDG_DATA_HOME: path.join(home, 'data'),
        VACCICARD_COMPANION_DATA_DIR: path.join(home, 'data', 'vaccicard-companion'),
        COMPANION_PAIRING_SECRET: options.secret,
        COMPANION_ALLOWED_ORIGINS: options.allowedOrigins.join(','),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const log: CompanionLogLine[] = [];
  let stderr = '';
  let stdoutRest = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdoutRest += chunk;
    const lines = stdoutRest.split('\n');
    stdoutRest = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        log.push(JSON.parse(line) as CompanionLogLine);
      } catch {
        // not a log line
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`companion did not start in time:\n${stderr}`)), 30_000);
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const m = STARTED.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`companion exited (${code}) before starting:\n${stderr}`));
    });
  });
  let stopped = false;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    log,
    consultCount: () => log.filter((l) => l.op === 'consult').length,
    stop: async () => {
      if (!stopped) {
        stopped = true;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(home, { recursive: true, force: true });
    },
  };
}
