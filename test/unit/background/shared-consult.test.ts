import { describe, expect, it } from 'vitest';
import { SharedConsultFetcher, type FetchOutcome } from '../../../lib/background/shared-consult.ts';

function deferredRun() {
  const runs: Array<{ insz: string; signal: AbortSignal; resolve: (o: FetchOutcome) => void; reject: (e: unknown) => void }> = [];
  const run = (insz: string, signal: AbortSignal) =>
    new Promise<FetchOutcome>((resolve, reject) => runs.push({ insz, signal, resolve, reject }));
  return { runs, run };
}

const OK: FetchOutcome = { ok: true, response: { hubs: {} }, fetchedAt: 1, cacheWrite: 'stored' };

describe('SharedConsultFetcher', () => {
  it('runs one call for concurrent fetches of the same patient', async () => {
    const { runs, run } = deferredRun();
    const fetcher = new SharedConsultFetcher(run);
    const all = Promise.all(Array.from({ length: 5 }, () => fetcher.fetch('A')));
    const other = fetcher.fetch('B');
    expect(runs.map((r) => r.insz)).toEqual(['A', 'B']);
    runs[0]!.resolve(OK);
    runs[1]!.resolve({ ok: false, reason: 'no-consent' });
    expect(await all).toEqual(Array(5).fill(OK));
    expect(await other).toEqual({ ok: false, reason: 'no-consent' });
    expect(fetcher.running).toBe(0);
  });

  it('starts a new call once the previous one has finished', async () => {
    const { runs, run } = deferredRun();
    const fetcher = new SharedConsultFetcher(run);
    const first = fetcher.fetch('A');
    runs[0]!.resolve(OK);
    await first;
    const second = fetcher.fetch('A');
    expect(runs).toHaveLength(2);
    runs[1]!.resolve(OK);
    await second;
  });

  it('one waiter leaving does not stop the call for the others', async () => {
    const { runs, run } = deferredRun();
    const fetcher = new SharedConsultFetcher(run);
    const leaving = new AbortController();
    const a = fetcher.fetch('A', leaving.signal);
    const b = fetcher.fetch('A');
    leaving.abort();
    await expect(a).rejects.toMatchObject({ name: 'AbortError' });
    expect(runs[0]!.signal.aborted).toBe(false);
    runs[0]!.resolve(OK);
    expect(await b).toEqual(OK);
  });

  it('the call is abandoned when every waiter has left, and a later fetch starts afresh', async () => {
    const { runs, run } = deferredRun();
    const fetcher = new SharedConsultFetcher(run);
    const c1 = new AbortController();
    const c2 = new AbortController();
    const a = fetcher.fetch('A', c1.signal);
    const b = fetcher.fetch('A', c2.signal);
    c1.abort();
    c2.abort();
    await expect(a).rejects.toBeDefined();
    await expect(b).rejects.toBeDefined();
    expect(runs[0]!.signal.aborted).toBe(true);
    expect(fetcher.running).toBe(0);
    runs[0]!.reject(new DOMException('aborted', 'AbortError'));
    const c = fetcher.fetch('A');
    expect(runs).toHaveLength(2);
    runs[1]!.resolve(OK);
    expect(await c).toEqual(OK);
  });

  it('an already aborted signal rejects without starting anything', async () => {
    const { runs, run } = deferredRun();
    const fetcher = new SharedConsultFetcher(run);
    const c = new AbortController();
    c.abort();
    await expect(fetcher.fetch('A', c.signal)).rejects.toBeDefined();
    expect(runs).toHaveLength(0);
  });

  it('a run that throws rejects every waiter', async () => {
    const { runs, run } = deferredRun();
    const fetcher = new SharedConsultFetcher(run);
    const a = fetcher.fetch('A');
    const b = fetcher.fetch('A');
    runs[0]!.reject(new Error('bug'));
    await expect(a).rejects.toThrow('bug');
    await expect(b).rejects.toThrow('bug');
  });
});
