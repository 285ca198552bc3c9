/** Starts bench/companion/remote-services.ts as a child process and reads what it serves. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { RemoteServices } from './remote-protocol.ts';

export interface RunningRemote {
  info: RemoteServices;
  pid: number;
  stop(): Promise<void>;
}

export async function startRemoteServices(root: string, env: Record<string, string> = {}): Promise<RunningRemote> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'companion', 'remote-services.ts')], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const info = await new Promise<RemoteServices>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`bench remote services did not start:\n${stderr}`)), 60_000);
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        clearTimeout(timer);
        try {
          resolve(JSON.parse(line) as RemoteServices);
        } catch (e) {
          reject(e);
        }
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`bench remote services exited:\n${stderr}`));
    });
  });
  return {
    info,
    pid: child.pid!,
    stop: async () => {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
