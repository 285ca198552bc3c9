/**
 * The side panel (opened as its extension page in a tab): look a patient up
 * by INSZ; an invalid number is explained and never sent.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatInsz } from '../../lib/identifiers/insz.ts';
import { GREEN, linesOf, startOverlayWorld, type OverlayWorld } from './harness/overlay-world.ts';

let world: OverlayWorld;
let page: Page;

beforeAll(async () => {
  world = await startOverlayWorld(inject('chromeExtensionDir'));
  page = await world.browser.context.newPage();
  await page.goto(world.browser.url('sidepanel.html'));
});

afterAll(async () => {
  await world?.close();
});

async function lookUp(value: string) {
  await page.fill('input[name="insz"]', value);
  await page.press('input[name="insz"]', 'Enter');
}

describe('side panel', () => {
  it.each([
    ['85.07.30-033.29', 'bad-check-digits'],
    ['85073003', 'wrong-length'],
    ['85O73003328', 'invalid-characters'],
    ['', 'empty'],
    ['85.13.30-001.05', 'impossible-date'],
  ])('refuses %j (%s) with words, and no request leaves the page', async (value, reason) => {
    const before = world.companion.consultCount();
    await lookUp(value);
    const error = page.locator('[data-insz-error]');
    await expect.poll(() => error.getAttribute('data-insz-error')).toBe(reason);
    expect(((await error.textContent()) ?? '').length).toBeGreaterThan(20);
    expect(await page.locator('input[name="insz"]').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.vc-badge').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(world.companion.consultCount()).toBe(before);
  });

  it('accepts a formatted INSZ and shows the same badge and history as the e-Form', async () => {
    const info = world.info('own-registration-echo');
    const before = world.companion.consultCount();
    await lookUp(` ${formatInsz(info.insz)} `);
    const b = page.locator('.vc-badge');
    await expect.poll(() => b.getAttribute('data-state'), { timeout: 20_000 }).toBe('ok');
    expect(world.companion.consultCount()).toBe(before + 1);
    await expect.poll(async () => (await linesOf(page)).length).toBe(1);
    const [line] = await linesOf(page);
    // No host page here: the line is recognised as own through the pharmacist's RIZIV, from Vaccicard.
    expect(line).toMatchObject({ block: 'flu', own: 'true', confirmed: 'true', source: 'Vaccicard', background: GREEN });
    expect(line!.rizivHref).toContain('silverpages');
    expect(await page.locator('input[name="insz"]').inputValue()).toBe(formatInsz(info.insz));
  });

  it('a refused number takes the previous patient off the screen', async () => {
    expect((await linesOf(page)).length).toBeGreaterThan(0);
    await lookUp('85.07.30-033.29');
    await expect.poll(async () => (await linesOf(page)).length).toBe(0);
    expect(await page.locator('.vc-badge').count()).toBe(0);
    expect(await page.locator('[data-patient-label]').count()).toBe(0);
  });

  it('shows a failure reason in words', async () => {
    await lookUp(world.info('behaviour-no-consent').insz);
    const b = page.locator('.vc-badge');
    await expect.poll(() => b.getAttribute('data-reason'), { timeout: 20_000 }).toBe('no-consent');
    expect(await b.getAttribute('data-state')).toBe('error');
    // On its own in the side panel, the badge says the whole sentence.
    expect(await b.locator('.vc-badge__text').textContent()).toBe(
      'Vaccicard could not be consulted: the patient has not given consent (eHealth)',
    );
  });

  it('the copy button and the links are reachable with the keyboard', async () => {
    await lookUp(world.info('covid-nurse').insz);
    await expect.poll(async () => (await linesOf(page)).length, { timeout: 20_000 }).toBe(1);
    await page.focus('input[name="insz"]');
    const reached = new Set<string>();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate(() => document.activeElement?.className ?? ''));
    }
    expect([...reached].some((c) => c.includes('vc-riziv__link'))).toBe(true);
    expect([...reached].some((c) => c.includes('vc-riziv__copy'))).toBe(true);
  });
});
