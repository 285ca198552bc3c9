/**
 * The e-Form overlay end to end: the built extension in headless Chromium, the
 * demo platform, and the companion with its simulated hubs on real sockets.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BadgeReason } from '../../lib/messages.ts';
import type { ExpectedHubStatus } from '../../companion/src/simulator/synthetic.ts';
import { TYPO_PATIENT_ID } from '../../demo/patients.ts';
import {
  badge,
  ddmmyyyy,
  GREEN,
  linesOf,
  panelFrame,
  recordBadgeStates,
  recordedBadgeStates,
  settledBadge,
  settledLines,
  startOverlayWorld,
  WHITE,
  type OverlayWorld,
} from './harness/overlay-world.ts';

let world: OverlayWorld;
let page: Page;

beforeAll(async () => {
  world = await startOverlayWorld(inject('chromeExtensionDir'));
  page = await world.browser.context.newPage();
});

afterAll(async () => {
  await world?.close();
});

/** What the badge must say when no hub answered with this code. */
const REASON_FOR: Partial<Record<ExpectedHubStatus, BadgeReason>> = {
  'no-consent': 'no-consent',
  'no-relation': 'no-relation',
  excluded: 'excluded',
  'patient-unknown': 'patient-unknown',
  timeout: 'timeout',
  'hub-error': 'hub-error',
  'malformed-response': 'hub-error',
};

describe('badge and panel for the synthetic patients', () => {
  it('the echo patient: ONE green FarmaFlux line, confirmed in Vaccicard', async () => {
    const info = world.info('own-registration-echo');
    const own = info.ownRegistration!;
    await page.goto(world.eformUrl(info.key, 'popup'));
    const b = await settledBadge(page);
    expect(b).toMatchObject({ state: 'ok', reason: null, hub: null });
    const lines = await settledLines(await panelFrame(page));
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({ block: 'flu', source: 'FarmaFlux', own: 'true', confirmed: 'true', background: GREEN });
    expect(line!.hasConfirmedMark).toBe(true);
    for (const part of [ddmmyyyy(own.date), own.cnk, own.riziv]) expect(line!.text).toContain(part);
    expect(line!.rizivHref).toContain(`Form.NihdiNumber=${own.riziv}`);
    // The copy button works inside the framed panel.
    const frame = await panelFrame(page);
    const copy = frame.locator('[data-line] button.vc-riziv__copy').first();
    await copy.click();
    await expect.poll(() => copy.getAttribute('data-copy')).toBe('copied');
  });

  it('white Vaccicard lines for other vaccinators, a green unconfirmed PopVax line for today’s own registration', async () => {
    const info = world.info('flu-gp-this-season');
    await page.goto(world.eformUrl(info.key, 'registration'));
    expect(await settledBadge(page)).toMatchObject({ state: 'ok' });
    const lines = await settledLines(await panelFrame(page));
    const flu = lines.filter((l) => l.block === 'flu');
    const covid = lines.filter((l) => l.block === 'covid');
    expect(flu).toHaveLength(info.expectedMerge.flu);
    expect(flu[0]).toMatchObject({ source: 'Vaccicard', own: 'false', confirmed: 'false', background: WHITE, hasConfirmedMark: false });
    expect(covid).toEqual([
      expect.objectContaining({ source: 'PopVax FarmaFlux', own: 'true', confirmed: 'false', background: GREEN, hasConfirmedMark: false }),
    ]);
    const frame = await panelFrame(page);
    expect(await frame.locator('[data-summary="flu-this-season"]').count()).toBe(1);
    expect(await frame.locator('[data-summary="days-since-covid"]').getAttribute('data-days')).toBe('0');
  });

  it.each([
    'covid-nurse',
    'flu-previous-season',
    'non-flu-vaccine',
    'cnk-check-failed',
    'same-vaccination-both-hubs',
    'many-vaccinations',
    'rsb-only',
    'no-vaccinations',
  ])('%s: blocks and lines as the simulator says', async (key) => {
    const info = world.info(key);
    await page.goto(world.eformUrl(key));
    const b = await settledBadge(page);
    expect(b, JSON.stringify(b)).toMatchObject({ state: 'ok' });
    const frame = await panelFrame(page);
    const lines = await settledLines(frame);
    const count = (block: string) => lines.filter((l) => l.block === block).length;
    expect({ flu: count('flu'), covid: count('covid'), other: count('other') }).toEqual({
      flu: info.expectedMerge.flu,
      covid: info.expectedMerge.covid,
      other: info.expectedMerge.other,
    });
    for (const l of lines) expect(l).toMatchObject({ source: 'Vaccicard', own: 'false', background: WHITE });
    for (const kind of info.expectedMerge.warnings) {
      expect(await frame.locator(`[data-warning="${kind}"]`).count()).toBeGreaterThan(0);
    }
    expect(await frame.locator('section[data-block="other"] details').getAttribute('open')).toBeNull();
    expect(await frame.locator('[data-note="vaccinnet"] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      'https://www.reseausantewallon.be',
      'https://brusselshealthnetwork.be',
      'https://www.vaccinnet.be',
    ]);
  });

  it('only RSW failed: a cross naming RSW, RSB’s line still shown, the failure listed', async () => {
    const info = world.info('rsw-fails-rsb-answers');
    await page.goto(world.eformUrl(info.key));
    expect(await settledBadge(page)).toMatchObject({ state: 'error', reason: 'hub-error', hub: 'rsw' });
    const frame = await panelFrame(page);
    const lines = await settledLines(frame);
    expect(lines.filter((l) => l.block === 'flu')).toHaveLength(1);
    expect(await frame.locator('[data-hub-failures] li[data-hub="rsw"]').count()).toBe(1);
  });

  it('a slow hub: the badge spins at once, then turns green', async () => {
    await page.goto(world.eformUrl('slow-rsb'));
    await expect.poll(() => badge(page).getAttribute('data-state'), { timeout: 2_000, interval: 20 }).toBe('loading');
    expect(await badge(page).getAttribute('role')).toBe('status');
    expect(await settledBadge(page)).toMatchObject({ state: 'ok' });
  });

  it.each(['no-consent', 'no-relation', 'excluded', 'unknown', 'timeout', 'error', 'malformed'])(
    'behaviour-%s: a cross with the reason in words, no lines',
    async (behaviour) => {
      const info = world.info(`behaviour-${behaviour}`);
      const expected = REASON_FOR[info.expectedHubs.rsw];
      await page.goto(world.eformUrl(info.key));
      const b = await settledBadge(page);
      expect(b).toMatchObject({ state: 'error', reason: expected, hub: null });
      expect(b.text.length).toBeGreaterThan(10);
      const frame = await panelFrame(page);
      await expect.poll(() => frame.locator('[data-placeholder="error"]').count()).toBe(1);
      expect(await linesOf(frame)).toEqual([]);
    },
  );
});

describe('the page itself', () => {
  it('every entry path starts the lookup at once', async () => {
    const key = 'covid-nurse';
    // Sensitisation pop-up on the home screen → e-Form.
    await page.goto(`${world.demo.url}/?popup=${key}`);
    await page.click('.ff-modal a.ff-button--primary');
    await page.waitForURL(/entry=popup/);
    expect(await settledBadge(page)).toMatchObject({ state: 'ok' });
    // Registration screen → e-Form.
    await page.goto(`${world.demo.url}/registration?patient=${key}`);
    expect(await badge(page).count()).toBe(0);
    await page.click('a.ff-button--primary');
    await page.waitForURL(/entry=registration/);
    expect(await settledBadge(page)).toMatchObject({ state: 'ok' });
    // Direct link.
    await page.goto(world.eformUrl(key, 'direct'));
    expect(await settledBadge(page)).toMatchObject({ state: 'ok' });
  });

  it('an INSZ with a typing error is refused on the page: nothing is sent', async () => {
    const before = world.companion.consultCount();
    await page.goto(world.eformUrl(TYPO_PATIENT_ID));
    expect(await settledBadge(page)).toMatchObject({ state: 'error', reason: 'invalid-insz' });
    expect(page.frames().some((f) => f.url().endsWith('/panel.html'))).toBe(false);
    await page.waitForTimeout(500);
    expect(world.companion.consultCount()).toBe(before);
  });

  it('a platform update the adapter does not know fails visibly', async () => {
    await page.goto(world.eformUrl('covid-nurse', 'direct', 'v2'));
    expect(await settledBadge(page)).toMatchObject({ state: 'error', reason: 'page-not-recognised' });
    // Still next to the word "Vaccicard" in the header.
    expect(await page.locator('.ff-topbar__right vaccicard-badge').count()).toBe(1);
  });

  it('a patient change without reload: the old lookup is dropped, nothing of the old patient stays', async () => {
    const first = world.info('own-registration-echo');
    await page.goto(world.eformUrl(first.key));
    expect(await settledBadge(page)).toMatchObject({ state: 'ok' });
    const oldFrame = await panelFrame(page);
    expect(await settledLines(oldFrame)).toHaveLength(1);

    await page.selectOption('#demo-patient-switch', 'slow-rsb');
    // At once: the old panel page is gone (the new patient may already be cached, so no spinner is required).
    await expect.poll(() => oldFrame.isDetached(), { timeout: 2_000, interval: 20 }).toBe(true);
    const frame = await panelFrame(page);
    const lines = await settledLines(frame);
    expect(await settledBadge(page)).toMatchObject({ state: 'ok' });
    expect(lines.map((l) => l.block)).toEqual(['covid']);
    expect(lines.some((l) => l.text.includes(first.ownRegistration!.cnk))).toBe(false);
    expect(page.url()).toContain('patient=slow-rsb');

    // The platform closes the patient: the overlay leaves the page.
    await page.selectOption('#demo-patient-switch', '');
    await expect.poll(() => badge(page).count()).toBe(0);
    await expect.poll(() => page.frames().filter((f) => f.url().endsWith('/panel.html')).length).toBe(0);
  });

  it('the badge and the panel reconnect after the service worker is stopped', async () => {
    await page.goto(world.eformUrl('covid-nurse'));
    expect(await settledBadge(page)).toMatchObject({ state: 'ok' });
    await world.browser.stopServiceWorker();
    await page.waitForTimeout(300);
    // The panel asks again; the badge follows through its reconnected port: it spins, then turns green.
    const before = world.companion.consultCount();
    await recordBadgeStates(page);
    const frame = await panelFrame(page);
    await frame.locator('[data-action="refresh"]').click();
    await expect.poll(() => world.companion.consultCount(), { timeout: 10_000 }).toBe(before + 1);
    await expect
      .poll(async () => {
        const states = await recordedBadgeStates(page);
        return states.includes('loading') && states.at(-1) === 'ok';
      }, { timeout: 10_000 })
      .toBe(true);
    // And a new patient after the restart works as before.
    await world.browser.stopServiceWorker();
    await page.selectOption('#demo-patient-switch', 'flu-previous-season');
    expect(await settledBadge(page)).toMatchObject({ state: 'ok' });
    const lines = await settledLines(await panelFrame(page));
    expect(lines.map((l) => l.block)).toEqual(['other']);
  });

  it('the host page cannot read the panel: it is an extension page in a cross-origin frame', async () => {
    await page.goto(world.eformUrl('covid-nurse'));
    await settledBadge(page);
    const reach = await page.evaluate(() => {
      const iframe = document.querySelector('vaccicard-panel')?.shadowRoot?.querySelector('iframe');
      try {
        return iframe?.contentDocument === null ? 'blocked' : 'readable';
      } catch {
        return 'blocked';
      }
    });
    expect(reach).toBe('blocked');
    // The badge holds no patient data.
    const badgeHtml = await page.evaluate(() => document.querySelector('vaccicard-badge')?.shadowRoot?.innerHTML ?? '');
    expect(badgeHtml).not.toMatch(/\d{11}|\d{2}\/\d{2}\/\d{4}/);
  });
});
