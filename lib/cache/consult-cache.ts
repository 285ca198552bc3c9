/**
 * The per-patient cache of companion answers, in IndexedDB. Every operation
 * resolves (never throws): when IndexedDB cannot be opened, is full or fails,
 * the answer says `unavailable` and the overlay works uncached (and says so).
 */
import type { ConsultResponse } from '../companion/contract.ts';
import { CachedConsult, openCacheDb, type CacheDb, type PatientHashKey } from './db.ts';
import { lazyDatabase } from './lazy-database.ts';
import { generatePatientKeySecret, patientCacheKey } from './patient-key.ts';

export interface CacheEntry {
  insz: string;
  response: ConsultResponse;
  fetchedAt: number;
}

export type CacheRead = { kind: 'hit'; entry: CacheEntry } | { kind: 'miss' } | { kind: 'unavailable' };
/** `dropped`: the cache was cleared while this answer was on its way; it is not kept. */
export type CacheWrite = 'stored' | 'dropped' | 'unavailable';
export type CacheCount = { ok: true; count: number } | { ok: false };

export interface ConsultCache {
  read(insz: string): Promise<CacheRead>;
  write(insz: string, response: ConsultResponse, fetchedAt: number): Promise<CacheWrite>;
  /** Deletes the entries fetched before `cutoff` (ms since epoch). */
  purgeFetchedBefore(cutoff: number): Promise<CacheCount>;
  /** Deletes every cached patient (and the key of their hashes). */
  clearAll(): Promise<CacheCount>;
  count(): Promise<CacheCount>;
}

/** Which operation failed and the error's name (never its message: it could quote data). */
export type CacheErrorReporter = (operation: string, errorName: string) => void;

const HMAC_KEY_ID = 'patient-hmac';

function errorName(e: unknown): string {
  return e instanceof Error || e instanceof DOMException ? e.name : typeof e;
}

export class IdbConsultCache implements ConsultCache {
  /** Another context upgrading or deleting the database: let go and reopen next time (and derive the key again). */
  private readonly database: () => Promise<CacheDb>;
  private keyPromise: Promise<PatientHashKey> | undefined;
  private readonly report: CacheErrorReporter;

  constructor(opts: { open?: () => Promise<CacheDb>; onError?: CacheErrorReporter } = {}) {
    this.database = lazyDatabase(opts.open ?? (() => openCacheDb()), () => {
      this.keyPromise = undefined;
    });
    this.report = opts.onError ?? (() => undefined);
  }

  private hmacKey(db: CacheDb): Promise<PatientHashKey> {
    if (!this.keyPromise) {
      this.keyPromise = (async () => {
        const existing = await db.get('keys', HMAC_KEY_ID);
        if (existing) return existing;
        const created = { id: globalThis.crypto.randomUUID(), key: await generatePatientKeySecret() };
        try {
          await db.add('keys', created, HMAC_KEY_ID);
          return created;
        } catch (e) {
          // Another context created it first: use theirs.
          const theirs = await db.get('keys', HMAC_KEY_ID);
          if (theirs) return theirs;
          throw e;
        }
      })().catch((e: unknown) => {
        this.keyPromise = undefined;
        throw e;
      });
    }
    return this.keyPromise;
  }

  private async guarded<T>(operation: string, fallback: T, run: (db: CacheDb) => Promise<T>): Promise<T> {
    try {
      const db = await this.database();
      return await run(db);
    } catch (e) {
      this.report(operation, errorName(e));
      return fallback;
    }
  }

  read(insz: string): Promise<CacheRead> {
    return this.guarded<CacheRead>('read', { kind: 'unavailable' }, async (db) => {
      const key = await patientCacheKey((await this.hmacKey(db)).key, insz);
      const raw = await db.get('consults', key);
      if (raw === undefined) return { kind: 'miss' };
      const parsed = CachedConsult.safeParse(raw);
      if (!parsed.success || parsed.data.insz !== insz) {
        // Written by an older version, or damaged: never shown.
        await db.delete('consults', key);
        return { kind: 'miss' };
      }
      const { response, fetchedAt } = parsed.data;
      return { kind: 'hit', entry: { insz, response, fetchedAt } };
    });
  }

  write(insz: string, response: ConsultResponse, fetchedAt: number): Promise<CacheWrite> {
    return this.guarded<CacheWrite>('write', 'unavailable', async (db) => {
      const hashKey = await this.hmacKey(db);
      const key = await patientCacheKey(hashKey.key, insz);
      const tx = db.transaction(['consults', 'keys'], 'readwrite');
      const current = await tx.objectStore('keys').get(HMAC_KEY_ID);
      if (current?.id !== hashKey.id) {
        // The cache was cleared meanwhile: this answer belongs to the cleared data.
        tx.abort();
        await tx.done.catch(() => undefined);
        this.keyPromise = undefined;
        return 'dropped';
      }
      await tx.objectStore('consults').put({ key, insz, fetchedAt, response });
      await tx.done;
      return 'stored';
    });
  }

  purgeFetchedBefore(cutoff: number): Promise<CacheCount> {
    return this.guarded<CacheCount>('purge', { ok: false }, async (db) => {
      const tx = db.transaction('consults', 'readwrite');
      let removed = 0;
      let cursor = await tx.store.index('fetchedAt').openCursor(IDBKeyRange.upperBound(cutoff, true));
      while (cursor) {
        await cursor.delete();
        removed++;
        cursor = await cursor.continue();
      }
      await tx.done;
      return { ok: true, count: removed };
    });
  }

  clearAll(): Promise<CacheCount> {
    return this.guarded<CacheCount>('clear', { ok: false }, async (db) => {
      const tx = db.transaction(['consults', 'keys'], 'readwrite');
      const removed = await tx.objectStore('consults').count();
      await tx.objectStore('consults').clear();
      await tx.objectStore('keys').delete(HMAC_KEY_ID);
      await tx.done;
      this.keyPromise = undefined;
      return { ok: true, count: removed };
    });
  }

  count(): Promise<CacheCount> {
    return this.guarded<CacheCount>('count', { ok: false }, async (db) => ({
      ok: true,
      count: await db.count('consults'),
    }));
  }
}
