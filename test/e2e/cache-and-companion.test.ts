/**
 * The cache and the companion's absence: a second lookup is answered from the
 * cache without calling the companion; with the companion stopped, a cached
 * answer is shown stale with its age, and once it is too old, the right error.
 * A companion that does not know the extension's secret: not paired.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { DEMO_EXTENSION_ORIGIN } from '../../demo/extension-key.ts';
import { startCompanion } from './harness/companion.ts';
import { closedPort } from './harness/ports.ts';
import { panelFrame, pharmacySettings, settledBadge, settledLines, startOverlayWorld, type OverlayWorld } from './harness/overlay-world.ts';

const TTL_S = 5;
const MAX_STALE_S = 10;

let world: OverlayWorld;
let page: Page;

beforeAll(async () => {
  world = await startOverlayWorld(inject('chromeExtensionDir'), {
    settings: { cacheTtlSeconds: TTL_S, cacheMaxStaleSeconds: MAX_STALE_S },
  });
  page = await world.browser.context.newPage();
});

afterAll(async () => {
  await world?.close();
});

describe('cache and companion', () => {
  it('a second lookup of the same patient is served from the cache, without a companion call', async () => {
    const key = 'covid-nurse';
    const before = world.companion.consultCount();
    await page.goto(world.eformUrl(key));
    expect(await settledBadge(page)).toMatchObject({ state: 'ok', stale: null });
    expect(world.companion.consultCount()).toBe(before + 1);

    // Another tab, same patient, within the time-to-live.
    const second = await world.browser.context.newPage();
    await second.goto(world.eformUrl(key, 'registration'));
    expect(await settledBadge(second)).toMatchObject({ state: 'ok', stale: null });
    expect(await settledLines(await panelFrame(second))).toHaveLength(1);
    expect(world.companion.consultCount()).toBe(before + 1);
    await second.close();
  });

  it('companion stopped: the cached answer is shown stale with its age, then the right error once it expired', async () => {
    const key = 'flu-gp-this-season';
    await page.goto(world.eformUrl(key));
    expect(await settledBadge(page)).toMatchObject({ state: 'ok', stale: null });
    const fetchedAt = Date.now();
    await world.companion.stop();

    // Past the time-to-live, within the stale limit: shown from cache, marked stale, with its age.
    await page.waitForTimeout(Math.max(0, fetchedAt + (TTL_S + 1) * 1000 - Date.now()));
    await page.reload();
    const stale = await settledBadge(page);
    expect(stale).toMatchObject({ state: 'ok', stale: 'true' });
    expect(stale.text).toMatch(/stale, (just now|\d+ min ago)/);
    const frame = await panelFrame(page);
    expect((await settledLines(frame)).length).toBeGreaterThan(0);
    expect(await frame.locator('[data-stale-age]').textContent()).toContain('cannot be reached');

    // Past the stale limit: no data, the reason in words.
    await page.waitForTimeout(Math.max(0, fetchedAt + (MAX_STALE_S + 1) * 1000 - Date.now()));
    await page.reload();
    expect(await settledBadge(page)).toMatchObject({ state: 'error', reason: 'companion-down' });
    expect(await (await panelFrame(page)).locator('[data-line]').count()).toBe(0);
  });

  it('nothing listening at the companion address: companion not running', async () => {
    await world.browser.configure(pharmacySettings(`http://127.0.0.1:${await closedPort()}`));
    await page.goto(world.eformUrl('rsb-only'));
    expect(await settledBadge(page)).toMatchObject({ state: 'error', reason: 'companion-down' });
  });

  it('a companion with another pairing secret: not paired', async () => {
    const other = await startCompanion({
      secret: randomBytes(32).toString('base64url'),
      allowedOrigins: [DEMO_EXTENSION_ORIGIN],
    });
    try {
      await world.browser.configure(pharmacySettings(other.url));
      await page.goto(world.eformUrl('non-flu-vaccine'));
      expect(await settledBadge(page)).toMatchObject({ state: 'error', reason: 'not-paired' });
    } finally {
      await other.stop();
    }
  });
});
