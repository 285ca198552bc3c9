/**
 * The cache's IndexedDB database (extension origin: content scripts and host
 * pages cannot open it). Two stores: `consults` (one entry per patient, keyed
 * by the keyed hash of the INSZ, indexed by fetch time for the purge) and
 * `keys` (the HMAC key for those hashes).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { z } from 'zod';
import { ConsultResponse } from '../companion/contract.ts';

export const CACHE_DB_NAME = 'vaccicard-cache';
export const CACHE_DB_VERSION = 1;

export const CachedConsult = z.object({
  /** HMAC of the INSZ (patient-key.ts). */
  key: z.string().regex(/^[0-9a-f]{64}$/),
  insz: z.string().regex(/^\d{11}$/),
  fetchedAt: z.number().nonnegative(),
  response: ConsultResponse,
});
export type CachedConsult = z.infer<typeof CachedConsult>;

/** The HMAC key of the patient hashes, with an id that changes whenever the key is replaced. */
export interface PatientHashKey {
  id: string;
  key: CryptoKey;
}

export interface CacheDbSchema extends DBSchema {
  consults: { key: string; value: CachedConsult; indexes: { fetchedAt: number } };
  keys: { key: string; value: PatientHashKey };
}

export type CacheDb = IDBPDatabase<CacheDbSchema>;

/** Opens (and creates or upgrades) the cache database through the global `indexedDB`. */
export function openCacheDb(name: string = CACHE_DB_NAME): Promise<CacheDb> {
  return openDB<CacheDbSchema>(name, CACHE_DB_VERSION, {
    upgrade(db) {
      const consults = db.createObjectStore('consults', { keyPath: 'key' });
      consults.createIndex('fetchedAt', 'fetchedAt');
      db.createObjectStore('keys');
    },
  });
}
