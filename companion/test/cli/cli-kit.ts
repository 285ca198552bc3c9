/** Running the command line in-process (captured output) or as a real process (exit codes, signals). */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../../src/cli/io.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI_ENTRY = path.join(REPO_ROOT, 'companion/src/cli.ts');

export interface TestIo {
  io: CliIo;
  out: string[];
  err: string[];
  /** Simulates Ctrl+C. */
  stop(): void;
  /** Everything written, both streams. */
  all(): string;
}

export function testIo(env: Record<string, string | undefined>, home = '/nonexistent-home'): TestIo {
  const out: string[] = [];
  const err: string[] = [];
  let stop!: (signal: string) => void;
  const stopped = new Promise<string>((resolve) => (stop = resolve));
  return {
    io: { out: (t) => out.push(t), err: (t) => err.push(t), facts: { env, platform: process.platform, home }, stopRequested: () => stopped },
    out,
    err,
    stop: () => stop('SIGTERM'),
    all: () => [...out, ...err].join('\n'),
  };
}

export async function until<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const listeningPort = (lines: readonly string[]): number | undefined => {
  for (const l of lines) {
    const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(l);
    if (m) return Number(m[1]);
  }
  return undefined;
};

export async function tempDir(prefix = 'vc-cli-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function writeJson(file: string, value: unknown): Promise<string> {
  await writeFile(file, JSON.stringify(value, null, 2));
  return file;
}

/** A clean environment: nothing from the developer's own setup leaks in. */
export function cleanEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', LANG: 'en_US.UTF-8', HOME: '/nonexistent-home' };
  return { ...env, ...extra };
}

export interface ProcessRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningProcess {
  stdout: () => string;
  stderr: () => string;
  kill(signal: NodeJS.Signals): void;
  done: Promise<ProcessRun>;
}

export function spawnCli(args: string[], env: Record<string, string>): RunningProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI_ENTRY, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const done = new Promise<ProcessRun>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { stdout: () => stdout, stderr: () => stderr, kill: (s) => child.kill(s), done };
}

export function runCliProcess(args: string[], env: Record<string, string>): Promise<ProcessRun> {
  return spawnCli(args, env).done;
}

/** A port with nothing listening (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen({ host: '127.0.0.1', port: 0 }, r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
