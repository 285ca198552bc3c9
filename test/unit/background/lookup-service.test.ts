import { describe, expect, it } from 'vitest';
import { LookupService } from '../../../lib/background/lookup-service.ts';
import { SharedConsultFetcher, type FetchOutcome } from '../../../lib/background/shared-consult.ts';
import type { CacheRead, ConsultCache } from '../../../lib/cache/consult-cache.ts';
import type { ConsultResponse } from '../../../lib/companion/contract.ts';

const INSZ = '85073003328';
const CACHED: ConsultResponse = { hubs: { rsw: { status: 'ok', transactions: [], durationMs: 1 } } };
const FRESH: ConsultResponse = { hubs: { rsb: { status: 'ok', transactions: [], durationMs: 1 } } };
const TTL = 60_000;
const MAX_STALE = 3_600_000;
const NOW = 10_000_000;

function setup(opts: { cachedAgeMs?: number; cacheDown?: boolean; fetched: FetchOutcome }) {
  let calls = 0;
  const read: CacheRead = opts.cacheDown
    ? { kind: 'unavailable' }
    : opts.cachedAgeMs === undefined
      ? { kind: 'miss' }
      : { kind: 'hit', entry: { insz: INSZ, response: CACHED, fetchedAt: NOW - opts.cachedAgeMs } };
  const cache: ConsultCache = {
    read: async () => read,
    write: async () => 'stored',
    purgeFetchedBefore: async () => ({ ok: true, count: 0 }),
    clearAll: async () => ({ ok: true, count: 0 }),
    count: async () => ({ ok: true, count: 0 }),
  };
  const fetcher = new SharedConsultFetcher(async () => {
    calls++;
    return opts.fetched;
  });
  const service = new LookupService({
    cache,
    fetcher,
    now: () => NOW,
    policy: async () => ({ ttlMs: TTL, maxStaleMs: MAX_STALE }),
  });
  return { service, calls: () => calls };
}

const fetchedOk: FetchOutcome = { ok: true, response: FRESH, fetchedAt: NOW, cacheWrite: 'stored' };
const down: FetchOutcome = { ok: false, reason: 'companion-down' };

describe('LookupService', () => {
  it('answers a fresh entry from the cache without asking', async () => {
    const { service, calls } = setup({ cachedAgeMs: TTL - 1, fetched: fetchedOk });
    expect(await service.lookup(INSZ)).toEqual({
      insz: INSZ,
      outcome: { kind: 'answer', response: CACHED, fetchedAt: NOW - TTL + 1, servedFrom: 'cache' },
      cacheUnavailable: false,
    });
    expect(calls()).toBe(0);
  });

  it('asks the hubs on refresh even when fresh', async () => {
    const { service, calls } = setup({ cachedAgeMs: 1, fetched: fetchedOk });
    expect((await service.lookup(INSZ, { refresh: true })).outcome).toMatchObject({ servedFrom: 'hubs', response: FRESH });
    expect(calls()).toBe(1);
  });

  it('asks the hubs when the entry is stale and returns the new answer', async () => {
    const { service, calls } = setup({ cachedAgeMs: TTL, fetched: fetchedOk });
    expect((await service.lookup(INSZ)).outcome).toEqual({
      kind: 'answer',
      response: FRESH,
      fetchedAt: NOW,
      servedFrom: 'hubs',
    });
    expect(calls()).toBe(1);
  });

  it.each(['companion-down', 'timeout'] as const)('serves a stale entry with its age on %s', async (reason) => {
    const { service } = setup({ cachedAgeMs: MAX_STALE, fetched: { ok: false, reason } });
    expect((await service.lookup(INSZ)).outcome).toEqual({
      kind: 'answer',
      response: CACHED,
      fetchedAt: NOW - MAX_STALE,
      servedFrom: 'cache',
      staleAgeMs: MAX_STALE,
    });
  });

  it.each(['not-paired', 'hub-error', 'invalid-insz'] as const)('does not hide %s behind a stale entry', async (reason) => {
    const { service } = setup({ cachedAgeMs: TTL + 1, fetched: { ok: false, reason } });
    expect((await service.lookup(INSZ)).outcome).toEqual({ kind: 'failure', reason });
  });

  it('gives the failure once the entry is past the max-stale window', async () => {
    const { service } = setup({ cachedAgeMs: MAX_STALE + 1, fetched: down });
    expect((await service.lookup(INSZ)).outcome).toEqual({ kind: 'failure', reason: 'companion-down' });
  });

  it('gives the failure when nothing is cached', async () => {
    const { service } = setup({ fetched: down });
    expect((await service.lookup(INSZ)).outcome).toEqual({ kind: 'failure', reason: 'companion-down' });
  });

  it('flags an unavailable cache, on read or on write', async () => {
    const readDown = setup({ cacheDown: true, fetched: fetchedOk });
    expect(await readDown.service.lookup(INSZ)).toMatchObject({ cacheUnavailable: true, outcome: { servedFrom: 'hubs' } });
    const writeDown = setup({ fetched: { ...fetchedOk, cacheWrite: 'unavailable' } });
    expect(await writeDown.service.lookup(INSZ)).toMatchObject({ cacheUnavailable: true });
    const notCacheable = setup({ fetched: { ...fetchedOk, cacheWrite: 'not-cacheable' } });
    expect(await notCacheable.service.lookup(INSZ)).toMatchObject({ cacheUnavailable: false });
  });
});
