/**
 * 6. The cache: IndexedDB get and put latency through our cache module
 * (IdbConsultCache: keyed hash of the INSZ, zod check of what is read) with
 * 10,000 patients cached, in headless Chromium.
 */
import path from 'node:path';
import type { ConsultResponse } from '../../lib/companion/contract.ts';
import { buildVaccinationMessage } from '../../companion/src/simulator/kmehr-vaccination.ts';
import { browserBundle } from '../lib/browser-bundle.ts';
import { openBenchPage } from '../lib/plain-chromium.ts';
import type { ResultRow, Suite } from '../lib/results.ts';
import { summarise } from '../lib/stats.ts';
import { benchPatientInsz, benchVaccinations } from '../fixtures/vaccinations.ts';

type CacheApi = typeof import('../browser/cache-entry.ts');
const PATIENTS = 10_000;
const TRANSACTIONS = 3;

/** A typical answer: three vaccinations at RSW, none at RSB (the same for every cached patient). */
function typicalResponse(): ConsultResponse {
  const insz = benchPatientInsz(9);
  return {
    hubs: {
      rsw: {
        status: 'ok',
        durationMs: 120,
        transactions: benchVaccinations(TRANSACTIONS, 9).map((v) => ({
          id: v.localId,
          kmehr: buildVaccinationMessage({
            patient: { insz, firstname: 'Bench', familyname: 'Patient', sex: 'female' },
            localId: v.localId,
            hub: 'rsw',
            date: v.date,
            time: v.time,
            vaccine: v.vaccine,
            vaccinator: v.vaccinator,
            lot: v.lot,
          }),
        })),
      },
      rsb: { status: 'ok', durationMs: 95, transactions: [] },
    },
  };
}

export const cacheSuite: Suite = async (ctx) => {
  ctx.log('cache: bundling the cache module for Chromium');
  const bundle = await browserBundle(path.join(ctx.root, 'bench/browser/cache-entry.ts'), '__benchCache');
  const bench = await openBenchPage([bundle]);
  const response = typicalResponse();
  const entryKb = (JSON.stringify(response).length / 1024).toFixed(1);
  const count = ctx.quick ? 1_000 : PATIENTS;
  try {
    ctx.log(`cache: filling IndexedDB with ${count} patients`);
    const filled = await bench.page.evaluate(
      ([n, r]) => (globalThis as unknown as { __benchCache: CacheApi }).__benchCache.fill(n, r, 32),
      [count, response] as const,
    );
    if (filled.entries !== count || filled.errors.length > 0) throw new Error(`cache fill: ${filled.entries} entries, errors ${filled.errors.join('; ')}`);
    const n = ctx.quick ? 50 : 300;
    ctx.log(`cache: ${n} reads and ${n} writes`);
    // Warm-up: 20 of each, not counted.
    await bench.page.evaluate(([c]) => (globalThis as unknown as { __benchCache: CacheApi }).__benchCache.timeReads(20, c, 3), [count] as const);
    const reads = await bench.page.evaluate(([k, c]) => (globalThis as unknown as { __benchCache: CacheApi }).__benchCache.timeReads(k, c, 3), [n, count] as const);
    const writes = await bench.page.evaluate(
      ([k, c, r]) => (globalThis as unknown as { __benchCache: CacheApi }).__benchCache.timeWrites(k, c, r),
      [n, count, response] as const,
    );
    const rows: ResultRow[] = [
      { id: 'cache.get', label: `IndexedDB get (hit) through IdbConsultCache, ${count.toLocaleString('en')} patients cached`, unit: 'ms', summary: summarise(reads), extra: { p99: `${summarise(reads).p99.toFixed(2)} ms` } },
      { id: 'cache.put', label: `IndexedDB put (replace) through IdbConsultCache, ${count.toLocaleString('en')} patients cached`, unit: 'ms', summary: summarise(writes), extra: { p99: `${summarise(writes).p99.toFixed(2)} ms` } },
    ];
    const notes = [
      `Each cached answer: ${TRANSACTIONS} vaccinations at RSW (KMEHR as the simulator writes it), none at RSB: ${entryKb} KB of JSON. Filled through the module (${(filled.ms / 1000).toFixed(1)} s, 32 writes in flight).`,
      'A read = HMAC of the INSZ (WebCrypto) + IndexedDB get + zod check of the entry; a write = HMAC + a readwrite transaction checking the key id + put. One at a time, patients taken in a fixed stride through the set; 20 warm-up reads first.',
      'Chromium on a loopback page (a secure context, like the extension origin); the extension runs the same module in its service worker.',
    ];
    return { id: 'cache', title: '6. Cache (IndexedDB in Chromium)', rows, notes };
  } finally {
    await bench.close();
  }
};
