/**
 * BENCH ONLY: bundled into an IIFE and run in headless Chromium by
 * bench/suites/cache.ts. Our cache module (lib/cache/consult-cache.ts) on
 * Chromium's real IndexedDB: fill it with `count` patients, then time reads
 * (hits) and writes (replacing an entry) of patients picked in a fixed order.
 */
import type { ConsultResponse } from '../../lib/companion/contract.ts';
import { IdbConsultCache } from '../../lib/cache/consult-cache.ts';
import { CACHE_DB_NAME } from '../../lib/cache/db.ts';

/** A checksum-valid INSZ per index (born 1950-1999, a sequence number per day). */
export function inszOf(index: number): string {
  const yy = 50 + (index % 50);
  const day = 1 + (Math.floor(index / 50) % 28);
  const seq = 1 + Math.floor(index / 1400);
  const base = `${String(yy).padStart(2, '0')}01${String(day).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
  return base + String(97 - (Number(base) % 97)).padStart(2, '0');
}

let cache: IdbConsultCache | undefined;
const errors: string[] = [];

function theCache(): IdbConsultCache {
  cache ??= new IdbConsultCache({ onError: (op, name) => errors.push(`${op}: ${name}`) });
  return cache;
}

export async function fill(count: number, response: ConsultResponse, parallel: number): Promise<{ ms: number; stored: number; entries: number; errors: string[] }> {
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(CACHE_DB_NAME);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
  const c = theCache();
  const t0 = performance.now();
  let next = 0;
  let stored = 0;
  const fetchedAt = Date.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        const i = next++;
        if ((await c.write(inszOf(i), response, fetchedAt - i)) === 'stored') stored++;
      }
    }),
  );
  const counted = await c.count();
  return { ms: performance.now() - t0, stored, entries: counted.ok ? counted.count : -1, errors: [...errors] };
}

/** Reads `n` cached patients one after the other (a stride through the whole set); ms per read. */
export async function timeReads(n: number, count: number, expectedTransactions: number): Promise<number[]> {
  const c = theCache();
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const insz = inszOf((k * 7919) % count);
    const t0 = performance.now();
    const read = await c.read(insz);
    out.push(performance.now() - t0);
    const rsw = read.kind === 'hit' ? read.entry.response.hubs.rsw : undefined;
    if (rsw?.status !== 'ok' || rsw.transactions.length !== expectedTransactions) throw new Error(`cache read of patient ${k} was ${read.kind}`);
  }
  return out;
}

/** Replaces `n` cached patients' answers one after the other; ms per write. */
export async function timeWrites(n: number, count: number, response: ConsultResponse): Promise<number[]> {
  const c = theCache();
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const insz = inszOf((k * 104_729 + 13) % count);
    const t0 = performance.now();
    const written = await c.write(insz, response, Date.now());
    out.push(performance.now() - t0);
    if (written !== 'stored') throw new Error(`cache write was ${written}`);
  }
  return out;
}
