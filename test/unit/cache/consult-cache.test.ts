import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { openDB } from 'idb';
import { IdbConsultCache } from '../../../lib/cache/consult-cache.ts';
import { CACHE_DB_NAME } from '../../../lib/cache/db.ts';
import type { ConsultResponse } from '../../../lib/companion/contract.ts';

const ALICE = '85073003328';
const BOB = '17073003384';
const answer = (marker: string): ConsultResponse => ({
  hubs: { rsw: { status: 'ok', transactions: [{ id: marker, kmehr: '<k/>' }], durationMs: 1 } },
});

async function rawEntries(): Promise<Array<{ key: string; insz: string }>> {
  const db = await openDB(CACHE_DB_NAME);
  const all = (await db.getAll('consults')) as Array<{ key: string; insz: string }>;
  db.close();
  return all;
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('IdbConsultCache', () => {
  it('keeps one answer per patient, keyed by an HMAC of the INSZ', async () => {
    const cache = new IdbConsultCache();
    expect(await cache.read(ALICE)).toEqual({ kind: 'miss' });
    expect(await cache.write(ALICE, answer('a'), 1000)).toBe('stored');
    expect(await cache.write(BOB, answer('b'), 2000)).toBe('stored');
    expect(await cache.read(ALICE)).toEqual({ kind: 'hit', entry: { insz: ALICE, response: answer('a'), fetchedAt: 1000 } });
    expect(await cache.read(BOB)).toMatchObject({ kind: 'hit', entry: { fetchedAt: 2000 } });
    await cache.write(ALICE, answer('a2'), 3000);
    expect(await cache.read(ALICE)).toMatchObject({ kind: 'hit', entry: { response: answer('a2'), fetchedAt: 3000 } });
    expect(await cache.count()).toEqual({ ok: true, count: 2 });

    const keys = (await rawEntries()).map((e) => e.key);
    for (const k of keys) {
      expect(k).toMatch(/^[0-9a-f]{64}$/);
      expect(k).not.toContain(ALICE);
    }
  });

  it('finds the same entries from a new instance (a restarted worker)', async () => {
    await new IdbConsultCache().write(ALICE, answer('a'), 1000);
    expect(await new IdbConsultCache().read(ALICE)).toMatchObject({ kind: 'hit' });
  });

  it('purges entries fetched before a cut-off only', async () => {
    const cache = new IdbConsultCache();
    await cache.write(ALICE, answer('a'), 1000);
    await cache.write(BOB, answer('b'), 5000);
    expect(await cache.purgeFetchedBefore(5000)).toEqual({ ok: true, count: 1 });
    expect(await cache.read(ALICE)).toEqual({ kind: 'miss' });
    expect(await cache.read(BOB)).toMatchObject({ kind: 'hit' });
  });

  it('clears everything and replaces the hash key', async () => {
    const cache = new IdbConsultCache();
    await cache.write(ALICE, answer('a'), 1000);
    await cache.write(BOB, answer('b'), 1000);
    const before = (await rawEntries()).find((e) => e.insz === ALICE)!.key;
    expect(await cache.clearAll()).toEqual({ ok: true, count: 2 });
    expect(await cache.count()).toEqual({ ok: true, count: 0 });
    expect(await cache.read(ALICE)).toEqual({ kind: 'miss' });
    await cache.write(ALICE, answer('a'), 2000);
    const after = (await rawEntries()).find((e) => e.insz === ALICE)!.key;
    expect(after).not.toBe(before);
  });

  it('drops an answer whose write raced a clear (another instance cleared meanwhile)', async () => {
    const writer = new IdbConsultCache();
    await writer.write(BOB, answer('b'), 1000); // writer now holds the current hash key
    await new IdbConsultCache().clearAll();
    expect(await writer.write(ALICE, answer('a'), 2000)).toBe('dropped');
    expect(await rawEntries()).toEqual([]);
    expect(await writer.write(ALICE, answer('a'), 3000)).toBe('stored');
  });

  it('treats a damaged entry as a miss and deletes it', async () => {
    const cache = new IdbConsultCache();
    await cache.write(ALICE, answer('a'), 1000);
    const db = await openDB(CACHE_DB_NAME);
    const [entry] = (await db.getAll('consults')) as Array<Record<string, unknown>>;
    await db.put('consults', { ...entry, response: { hubs: { rsw: { status: 'bogus' } } } });
    db.close();
    expect(await cache.read(ALICE)).toEqual({ kind: 'miss' });
    expect(await rawEntries()).toEqual([]);
  });

  it('says unavailable, and reports the error name only, when IndexedDB cannot be opened', async () => {
    const reports: string[] = [];
    const cache = new IdbConsultCache({
      open: () => Promise.reject(new DOMException(`secret ${ALICE}`, 'InvalidStateError')),
      onError: (op, name) => reports.push(`${op}:${name}`),
    });
    expect(await cache.read(ALICE)).toEqual({ kind: 'unavailable' });
    expect(await cache.write(ALICE, answer('a'), 1)).toBe('unavailable');
    expect(await cache.purgeFetchedBefore(1)).toEqual({ ok: false });
    expect(await cache.clearAll()).toEqual({ ok: false });
    expect(await cache.count()).toEqual({ ok: false });
    expect(reports).toEqual([
      'read:InvalidStateError',
      'write:InvalidStateError',
      'purge:InvalidStateError',
      'clear:InvalidStateError',
      'count:InvalidStateError',
    ]);
  });

  it('says unavailable when the disk is full, and keeps working for reads', async () => {
    const reports: string[] = [];
    const cache = new IdbConsultCache({ onError: (op, name) => reports.push(`${op}:${name}`) });
    await cache.write(BOB, answer('b'), 1000);
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    expect(await cache.write(ALICE, answer('a'), 2000)).toBe('unavailable');
    expect(reports).toEqual(['write:QuotaExceededError']);
    expect(await cache.read(BOB)).toMatchObject({ kind: 'hit' });
  });

  it('opens again after a failed open', async () => {
    let attempts = 0;
    const { openCacheDb } = await import('../../../lib/cache/db.ts');
    const cache = new IdbConsultCache({
      open: () => (++attempts === 1 ? Promise.reject(new Error('busy')) : openCacheDb()),
    });
    expect(await cache.read(ALICE)).toEqual({ kind: 'unavailable' });
    expect(await cache.write(ALICE, answer('a'), 1)).toBe('stored');
    expect(attempts).toBe(2);
  });
});
