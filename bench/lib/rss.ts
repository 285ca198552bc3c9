/** A process's resident memory, read from /proc (Linux), sampled while a load runs. */
import { readFile } from 'node:fs/promises';

export async function rssBytes(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

export interface RssSampler {
  stop(): number[];
}

export function sampleRss(pid: number, everyMs: number): RssSampler {
  const samples: number[] = [];
  let running = true;
  const tick = async () => {
    while (running) {
      const v = await rssBytes(pid);
      if (v !== undefined) samples.push(v);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  };
  void tick();
  return {
    stop: () => {
      running = false;
      return samples;
    },
  };
}
