/** Forks bench/companion/direct-client-process.ts and sends it consultations. */
import { fork } from 'node:child_process';
import path from 'node:path';
import type { ConsultResponse } from '../../lib/companion/contract.ts';
import type { HubUrls, RemoteServices } from './remote-protocol.ts';

export interface DirectClient {
  pid: number;
  /** Resolves with every hub's answer, as the companion's consult would return it. */
  consult(insz: string): Promise<ConsultResponse>;
  stop(): Promise<void>;
}

type Reply = { id: number; hubs?: ConsultResponse['hubs']; error?: string };

/** How the hub-client process is run: default the TypeScript module under tsx. */
export interface DirectClientLaunch {
  module: string;
  execArgv: readonly string[];
}

export async function startDirectClient(root: string, remote: RemoteServices, hubs: HubUrls, launch?: DirectClientLaunch): Promise<DirectClient> {
  const child = fork(launch?.module ?? path.join(root, 'bench', 'companion', 'direct-client-process.ts'), [], {
    cwd: root,
    execArgv: [...(launch?.execArgv ?? ['--import', 'tsx'])],
    env: { ...process.env, BENCH_DIRECT_CLIENT: JSON.stringify({ remote, hubs }) },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pending = new Map<number, { resolve: (v: ConsultResponse) => void; reject: (e: Error) => void }>();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bench direct client did not start:\n${stderr}`)), 60_000);
    child.once('message', () => {
      clearTimeout(timer);
      resolve();
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`bench direct client exited:\n${stderr}`));
    });
  });
  child.on('message', (raw) => {
    const reply = raw as Reply;
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.hubs) waiting.resolve({ hubs: reply.hubs });
    else waiting.reject(new Error(reply.error ?? 'no answer'));
  });
  let next = 0;
  return {
    pid: child.pid!,
    consult: (insz) =>
      new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        child.send({ id, insz });
      }),
    stop: async () => {
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
