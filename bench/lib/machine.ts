/** The machine a run was made on, so figures from different runs are not compared blindly. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  chromium: string;
  /** 1-minute load average when the run started. */
  loadAverage: number;
}

async function osName(): Promise<string> {
  try {
    const text = await readFile('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text)?.[1];
    if (pretty) return `${pretty} (${os.release()})`;
  } catch {
    // not Linux, or no os-release
  }
  return `${os.type()} ${os.release()}`;
}

async function chromiumVersion(executable: string): Promise<string> {
  try {
    const { stdout } = await run(executable, ['--version'], { timeout: 10_000 });
    return stdout.trim().split('\n')[0]!.trim();
  } catch {
    return 'unknown';
  }
}

export async function machineInfo(chromiumExecutable: string): Promise<MachineInfo> {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: await osName(),
    node: process.version,
    chromium: await chromiumVersion(chromiumExecutable),
    loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}
