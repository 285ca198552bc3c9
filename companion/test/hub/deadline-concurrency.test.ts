import { describe, expect, it } from 'vitest';
import { deadline } from '../../src/hub/deadline.ts';
import { mapBounded } from '../../src/hub/concurrency.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('deadline', () => {
  it('aborts with a TimeoutError after the time limit', async () => {
    const d = deadline(new AbortController().signal, 30);
    await sleep(60);
    expect(d.signal.aborted).toBe(true);
    expect((d.signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('follows the parent, and stops when disposed', async () => {
    const parent = new AbortController();
    const d = deadline(parent.signal, 10_000);
    parent.abort(new Error('client gone'));
    expect(d.signal.aborted).toBe(true);
    expect((d.signal.reason as Error).message).toBe('client gone');
    const quiet = deadline(new AbortController().signal, 20);
    quiet.dispose();
    await sleep(40);
    expect(quiet.signal.aborted).toBe(false);
    const already = new AbortController();
    already.abort();
    expect(deadline(already.signal, 1000).signal.aborted).toBe(true);
  });
});

describe('mapBounded', () => {
  it('never runs more than the limit at once and keeps input order', async () => {
    let running = 0;
    let peak = 0;
    const result = await mapBounded([50, 10, 30, 5, 20, 1, 15], 3, new AbortController().signal, async (ms) => {
      running++;
      peak = Math.max(peak, running);
      await sleep(ms);
      running--;
      return { ok: true, value: ms * 2 };
    });
    expect(peak).toBe(3);
    expect(result).toEqual({ ok: true, value: [100, 20, 60, 10, 40, 2, 30] });
  });

  it('stops starting tasks after the first failure and aborts the running ones', async () => {
    const started: number[] = [];
    const aborted: number[] = [];
    const result = await mapBounded([1, 2, 3, 4, 5, 6], 2, new AbortController().signal, async (n, signal) => {
      started.push(n);
      if (n === 2) return { ok: false, error: `failed ${n}` };
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          aborted.push(n);
          resolve();
        });
      });
      return { ok: true, value: n };
    });
    expect(result).toEqual({ ok: false, error: 'failed 2' });
    expect(started).toEqual([1, 2]);
    expect(aborted).toEqual([1]);
  });

  it('an empty list succeeds at once', async () => {
    expect(await mapBounded([], 6, new AbortController().signal, async () => ({ ok: true, value: 1 }))).toEqual({ ok: true, value: [] });
  });
});
