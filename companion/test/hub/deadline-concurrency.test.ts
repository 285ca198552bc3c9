import { describe, expect, it } from 'vitest';
import { deadline } from '../../src/hub/deadline.ts';
import { boundedQueue, mapBounded } from '../../src/hub/concurrency.ts';

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

describe('boundedQueue', () => {
  const never = new AbortController().signal;

  it('runs items added over time, never more than the limit at once, results in the order added', async () => {
    let running = 0;
    let peak = 0;
    const queue = boundedQueue(3, never, async (ms: number) => {
      running++;
      peak = Math.max(peak, running);
      await sleep(ms);
      running--;
      return { ok: true, value: ms * 2 };
    });
    queue.add([50, 10, 30]);
    await sleep(5);
    queue.add([5, 20]);
    await sleep(40);
    queue.add([1, 15]);
    expect(await queue.finish()).toEqual({ ok: true, value: [100, 20, 60, 10, 40, 2, 30] });
    expect(peak).toBe(3);
  });

  it('stops starting tasks after the first failure, aborts the running ones, and waits for them', async () => {
    const started: number[] = [];
    const aborted: number[] = [];
    const queue = boundedQueue(2, never, async (n: number, signal) => {
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
    queue.add([1, 2, 3]);
    queue.add([4, 5]);
    expect(await queue.finish()).toEqual({ ok: false, error: 'failed 2' });
    expect(started).toEqual([1, 2]);
    expect(aborted).toEqual([1]);
  });

  it('abort stops everything and resolves once the running tasks have settled', async () => {
    let settled = 0;
    const queue = boundedQueue(2, never, async (n: number, signal) => {
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
      settled++;
      return { ok: true, value: n };
    });
    queue.add([1, 2, 3]);
    await queue.abort();
    expect(settled).toBe(2);
    expect(() => queue.add([4])).toThrow();
  });

  it('a cancelled caller never gets "ok" with items missing: the next task runs on the aborted signal and fails', async () => {
    const outer = new AbortController();
    const queue = boundedQueue(1, outer.signal, async (n: number, signal) =>
      signal.aborted ? { ok: false, error: 'cancelled' } : { ok: true, value: n },
    );
    outer.abort();
    queue.add([1, 2]);
    expect(await queue.finish()).toEqual({ ok: false, error: 'cancelled' });
  });

  it('a task that throws makes finish throw, and no items finish at once', async () => {
    const empty = boundedQueue(6, never, async () => ({ ok: true, value: 1 }));
    expect(await empty.finish()).toEqual({ ok: true, value: [] });
    const throwing = boundedQueue(2, never, async (n: number) => {
      if (n === 2) throw new Error('boom');
      return { ok: true, value: n };
    });
    throwing.add([1, 2, 3]);
    await expect(throwing.finish()).rejects.toThrow('boom');
  });
});
