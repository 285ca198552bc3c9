/**
 * runInListOrder: list pages at once, with the outcome of a walk one page
 * after the other (values in input order; the earliest failure wins; nothing
 * after a failure is started; the bound holds).
 */
import { describe, expect, it } from 'vitest';
import { runInListOrder } from '../../src/hub/list-order.ts';

type Outcome = { ok: true; value: string } | { ok: false; error: string };

/** A task per item that settles when told to, recording starts and the signals it got. */
function controlled() {
  const started: number[] = [];
  const signals = new Map<number, AbortSignal>();
  const settle = new Map<number, (o: Outcome) => void>();
  let inFlight = 0;
  let peak = 0;
  const task = (item: number, signal: AbortSignal) =>
    new Promise<Outcome>((resolve) => {
      started.push(item);
      signals.set(item, signal);
      peak = Math.max(peak, ++inFlight);
      settle.set(item, (o) => {
        inFlight--;
        resolve(o);
      });
    });
  const tick = () => new Promise((r) => setImmediate(r));
  return { started, signals, settle, task, tick, peak: () => peak };
}

const ok = (value: string): Outcome => ({ ok: true, value });
const fail = (error: string): Outcome => ({ ok: false, error });

describe('runInListOrder', () => {
  it('gives every value in input order, whatever order they come in, and sees each as it comes', async () => {
    const c = controlled();
    const seen: number[] = [];
    const run = runInListOrder([0, 1, 2], 3, new AbortController().signal, c.task, (i) => {
      seen.push(i);
      return undefined;
    });
    await c.tick();
    expect(c.started).toEqual([0, 1, 2]);
    c.settle.get(2)!(ok('c'));
    c.settle.get(0)!(ok('a'));
    await c.tick();
    expect(seen).toEqual([2, 0]);
    c.settle.get(1)!(ok('b'));
    expect(await run).toEqual({ ok: true, value: ['a', 'b', 'c'] });
  });

  it('keeps at most `limit` in flight, starting items in input order', async () => {
    const c = controlled();
    const run = runInListOrder([0, 1, 2, 3, 4], 2, new AbortController().signal, c.task, () => undefined);
    await c.tick();
    expect(c.started).toEqual([0, 1]);
    c.settle.get(1)!(ok('b'));
    await c.tick();
    expect(c.started).toEqual([0, 1, 2]);
    for (const i of [0, 2]) c.settle.get(i)!(ok(String(i)));
    await c.tick();
    for (const i of [3, 4]) c.settle.get(i)!(ok(String(i)));
    expect((await run).ok).toBe(true);
    expect(c.peak()).toBe(2);
  });

  it('answers with the earliest item that failed, even when a later one failed first; later ones are aborted, earlier ones run on', async () => {
    const c = controlled();
    const run = runInListOrder([0, 1, 2, 3], 4, new AbortController().signal, c.task, () => undefined);
    await c.tick();
    c.settle.get(2)!(fail('third'));
    await c.tick();
    expect(c.signals.get(3)!.aborted).toBe(true);
    expect(c.signals.get(0)!.aborted).toBe(false);
    expect(c.signals.get(1)!.aborted).toBe(false);
    c.settle.get(3)!(fail('aborted'));
    c.settle.get(0)!(ok('a'));
    c.settle.get(1)!(fail('second'));
    expect(await run).toEqual({ ok: false, error: 'second' });
  });

  it('starts nothing after a failed item', async () => {
    const c = controlled();
    const run = runInListOrder([0, 1, 2, 3], 1, new AbortController().signal, c.task, () => undefined);
    await c.tick();
    c.settle.get(0)!(ok('a'));
    await c.tick();
    c.settle.get(1)!(fail('second'));
    expect(await run).toEqual({ ok: false, error: 'second' });
    expect(c.started).toEqual([0, 1]);
  });

  it('turns a value refused by onValue into that item\'s failure', async () => {
    const c = controlled();
    const run = runInListOrder([0, 1, 2], 3, new AbortController().signal, c.task, (i) => (i === 1 ? 'too many' : undefined));
    await c.tick();
    c.settle.get(1)!(ok('b'));
    await c.tick();
    expect(c.signals.get(2)!.aborted).toBe(true);
    c.settle.get(0)!(ok('a'));
    c.settle.get(2)!(ok('c'));
    expect(await run).toEqual({ ok: false, error: 'too many' });
  });

  it('aborts every item when the caller does, and throws what a task threw once the others settled', async () => {
    const outer = new AbortController();
    const c = controlled();
    const run = runInListOrder([0, 1], 2, outer.signal, c.task, () => undefined);
    await c.tick();
    outer.abort(new Error('gone'));
    expect(c.signals.get(0)!.aborted && c.signals.get(1)!.aborted).toBe(true);
    c.settle.get(0)!(fail('a'));
    c.settle.get(1)!(fail('b'));
    expect(await run).toEqual({ ok: false, error: 'a' });

    let released: (() => void) | undefined;
    const throwing = runInListOrder([0, 1], 2, new AbortController().signal, (i: number, signal: AbortSignal) => {
      if (i === 0) return Promise.reject(new Error('boom'));
      return new Promise<Outcome>((resolve) => {
        released = () => resolve(fail(signal.aborted ? 'aborted' : 'late'));
      });
    }, () => undefined);
    let settled = false;
    void throwing.catch(() => (settled = true));
    await c.tick();
    expect(settled).toBe(false);
    released!();
    await expect(throwing).rejects.toThrow('boom');
  });

  it('resolves at once with no items', async () => {
    expect(await runInListOrder([], 4, new AbortController().signal, () => Promise.resolve(ok('x')), () => undefined)).toEqual({ ok: true, value: [] });
  });
});
