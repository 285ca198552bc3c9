/**
 * The built extension in headless Chromium under stress (e2e harness):
 * its service worker stopped in the middle of a lookup, the companion
 * restarted in the middle of a lookup, and its cache database over quota or
 * unavailable. A gate between the extension and the companion holds each
 * consultation for a moment, so "in the middle" is a window the test sees.
 * No test clicks anything: the overlay must recover on its own.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_EXTENSION_ORIGIN } from '../../../demo/extension-key.ts';
import { CACHE_DB_NAME } from '../../../lib/cache/db.ts';
import { startCompanion, type RunningCompanion } from '../../e2e/harness/companion.ts';
import { panelFrame, pharmacySettings, settledBadge, settledLines, startOverlayWorld, type OverlayWorld } from '../../e2e/harness/overlay-world.ts';
import { startCompanionGate, type CompanionGate } from './companion-gate.ts';
import { collectPageErrors, ScenarioLog } from './stress-kit.ts';

const HOLD_MS = 2_500;

let world: OverlayWorld;
let gate: CompanionGate;
let page: Page;
let pageErrors: { errors: string[] };
/** The companion now answering (replaced by the restart scenario). */
let companion: RunningCompanion;
const extra: RunningCompanion[] = [];
const log = new ScenarioLog('browser-worker');

beforeAll(async () => {
  world = await startOverlayWorld(inject('chromeExtensionDir'));
  companion = world.companion;
  gate = await startCompanionGate(() => companion.port);
  await world.browser.configure(pharmacySettings(gate.url));
  page = await world.browser.context.newPage();
  pageErrors = collectPageErrors(page);
});

afterAll(async () => {
  await gate?.close();
  await Promise.allSettled(extra.map((c) => c.stop()));
  await world?.close();
});

async function waitUntil(probe: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeEach(() => {
  pageErrors.errors.length = 0;
});

describe('the overlay recovers on its own', () => {
  it('the service worker stopped while a consultation is in flight: the badge turns green by itself', { timeout: 90_000 }, async () => {
    await log.run('service worker stopped mid-lookup: recovers without any click', async () => {
      gate.holdConsultsMs = HOLD_MS;
      const before = gate.consults();
      await page.goto(world.eformUrl('covid-nurse'));
      await waitUntil(() => gate.held() > 0, 15_000, 'the consultation reaches the gate');
      await world.browser.stopServiceWorker();
      const b = await settledBadge(page, 30_000);
      expect(b).toMatchObject({ state: 'ok' });
      expect((await settledLines(await panelFrame(page))).length).toBeGreaterThan(0);
      expect(gate.consults()).toBeGreaterThan(before + 1);
      expect(pageErrors.errors).toEqual([]);
      return `badge green after the stop, ${gate.consults() - before} consultations sent (the interrupted one asked again)`;
    });
  });

  it('the companion restarted while a consultation is in flight: the badge turns green by itself', { timeout: 120_000 }, async () => {
    await log.run('companion restarted mid-lookup: recovers without any click', async () => {
      gate.holdConsultsMs = HOLD_MS;
      await page.goto(world.eformUrl('flu-gp-this-season'));
      await waitUntil(() => gate.held() > 0, 15_000, 'the consultation reaches the gate');
      const port = companion.port;
      const started = Date.now();
      await companion.stop();
      // The held consultation is forwarded to a companion that is gone: the extension sees it die.
      gate.holdConsultsMs = 0;
      await waitUntil(() => gate.held() === 0, 15_000, 'the held consultation meets the stopped companion');
      companion = await startCompanion({ secret: world.secret, allowedOrigins: [DEMO_EXTENSION_ORIGIN], port, hubTimeoutMs: 5_000 });
      extra.push(companion);
      const b = await settledBadge(page, 60_000);
      // Spinning, or briefly "companion not running", is fine; ending there is not.
      await waitUntil(async () => (await settledBadge(page, 60_000)).state === 'ok', 60_000, `the badge turns green (it shows ${b.state} ${b.reason ?? ''})`);
      expect((await settledLines(await panelFrame(page))).length).toBeGreaterThan(0);
      expect(pageErrors.errors).toEqual([]);
      return `badge green ${Math.round((Date.now() - started) / 1000)} s after the companion was stopped (restart included)`;
    });
  });

  it('the cache database over quota: the overlay works uncached and says so', { timeout: 90_000 }, async () => {
    await log.run('IndexedDB over quota: overlay works uncached and says so', async () => {
      gate.holdConsultsMs = 0;
      // Chromium's quota override does not reach extension origins: the worker's writes to the
      // cache database fail the way a full disk makes them fail.
      const worker = await world.browser.serviceWorker();
      await worker.evaluate((name) => {
        const g = globalThis as unknown as { __restoreQuota?: () => void };
        const originals = { put: IDBObjectStore.prototype.put, add: IDBObjectStore.prototype.add };
        for (const method of ['put', 'add'] as const) {
          IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
            if (this.transaction.db.name === name) throw new DOMException('simulated: the quota is exceeded', 'QuotaExceededError');
            return originals[method].apply(this, args);
          };
        }
        g.__restoreQuota = () => Object.assign(IDBObjectStore.prototype, originals);
      }, CACHE_DB_NAME);
      try {
        const before = gate.consults();
        for (let i = 0; i < 2; i++) {
          await page.goto(world.eformUrl('rsb-only'));
          expect(await settledBadge(page)).toMatchObject({ state: 'ok' });
          const frame = await panelFrame(page);
          expect((await settledLines(frame)).length).toBeGreaterThan(0);
          await expect.poll(() => frame.locator('[data-cache-unavailable]').count(), { timeout: 10_000 }).toBe(1);
        }
        // Nothing could be kept: the second visit asked the companion again.
        expect(gate.consults() - before).toBe(2);
        const said = ((await (await panelFrame(page)).locator('[data-cache-unavailable]').textContent()) ?? '').trim();
        expect(said.length).toBeGreaterThan(10);
        expect(pageErrors.errors).toEqual([]);
        return `badge green twice, the companion asked each time, panel says: "${said}"`;
      } finally {
        await worker.evaluate(() => (globalThis as unknown as { __restoreQuota?: () => void }).__restoreQuota?.()).catch(() => undefined);
      }
    });
  });

  it('the cache database cannot be opened: the overlay works uncached (asks again each time) and says so', { timeout: 90_000 }, async () => {
    await log.run('IndexedDB unavailable: overlay works uncached and says so', async () => {
      gate.holdConsultsMs = 0;
      const worker = await world.browser.serviceWorker();
      // From now on the worker cannot open the cache database (as when the profile's storage is broken)...
      await worker.evaluate((name) => {
        const open = IDBFactory.prototype.open;
        IDBFactory.prototype.open = function (this: IDBFactory, db: string, version?: number) {
          if (db === name) throw new DOMException('simulated: the cache database cannot be opened', 'UnknownError');
          return open.call(this, db, version);
        } as typeof open;
      }, CACHE_DB_NAME);
      // ...and the connection it holds goes away (deleting the database makes it let go).
      const options = await world.browser.context.newPage();
      await options.goto(world.browser.url('options.html'));
      await options.evaluate((name) => new Promise<void>((resolve) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = request.onerror = request.onblocked = () => resolve();
      }), CACHE_DB_NAME);
      await options.close();
      const before = gate.consults();
      for (let i = 0; i < 2; i++) {
        await page.goto(world.eformUrl('non-flu-vaccine'));
        expect(await settledBadge(page)).toMatchObject({ state: 'ok' });
        const frame = await panelFrame(page);
        expect((await settledLines(frame)).length).toBeGreaterThan(0);
        await expect.poll(() => frame.locator('[data-cache-unavailable]').count(), { timeout: 10_000 }).toBe(1);
      }
      // Nothing cached: the second visit asked the companion again.
      expect(gate.consults() - before).toBe(2);
      expect(pageErrors.errors).toEqual([]);
      return 'badge green twice, the companion asked each time, the panel says the cache is unavailable';
    });
  });
});
