/**
 * Registration end to end: the built extension in headless Chromium, the demo
 * e-Form, and the companion with its simulated hubs (which accept
 * PutTransaction and return accepted registrations in later consultations).
 * A flu and a covid vaccination are registered from the in-page panel, one
 * from the side panel; each goes from pending to confirmed (the echo). A
 * covid registration without a lot is refused in the form (no request); a
 * registration is withdrawn. Screenshots: `UPDATE_SCREENSHOTS=1` writes
 * docs/screenshots/registration-*.png again.
 */
import { mkdir, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { DEMO_IDENTITY } from '../../companion/src/config/demo.ts';
import { formatInsz } from '../../lib/identifiers/insz.ts';
import { luhnCheckDigit } from '../../lib/identifiers/cnk.ts';
import { ROOT } from './harness/paths.ts';
import { GREEN, linesOf, panelFrame, settledBadge, settledLines, startOverlayWorld, type OverlayWorld } from './harness/overlay-world.ts';

const VACCINATOR = { riziv: DEMO_IDENTITY.titularPharmacistRiziv, firstName: 'Claire', familyName: 'Lemaître' };
const SECOND = { riziv: DEMO_IDENTITY.secondPharmacistRiziv, firstName: 'Tom', familyName: 'Peeters' };
/** A flu CNK the catalog does not know (this season's are not in any public source): typed, with its name. */
const FLU_CNK = `398655${luhnCheckDigit('398655')}`;
const FLU_NAME = 'VAXIGRIP 0,5ML SPUITAMP 2026-2027';
const COMIRNATY = '4293254';
/** The committed screenshots are written again only when asked (`UPDATE_SCREENSHOTS=1`); otherwise into a temporary folder. */
let SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');

let world: OverlayWorld;
let page: Page;

beforeAll(async () => {
  world = await startOverlayWorld(inject('chromeExtensionDir'), {
    settings: { pharmacyName: 'Pharmacie du Parc (demo)', vaccinators: [VACCINATOR, SECOND], defaultVaccinator: VACCINATOR.riziv },
    // English words, Belgian-style dates in the browser's own date field (dd/mm/yyyy).
    locale: 'en-GB',
  });
  page = await world.browser.context.newPage();
  if (process.env.UPDATE_SCREENSHOTS !== '1') SCREENSHOTS = await mkdtemp(path.join(os.tmpdir(), 'vaccicard-registration-shots-'));
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await world?.close();
});

const registerCalls = () => world.companion.log.filter((l) => l.op === 'register').length;

/** Every registration state the frame's green line of that key shows, from now on. */
async function recordRegistrationStates(frame: Frame | Page): Promise<void> {
  await frame.evaluate(() => {
    const w = window as unknown as { __regStates: string[] };
    w.__regStates = [];
    const note = () => {
      for (const el of document.querySelectorAll('[data-line][data-registration-state]')) {
        const s = `${el.getAttribute('data-registration-state')}/${el.getAttribute('data-confirmed')}`;
        if (w.__regStates.at(-1) !== s) w.__regStates.push(s);
      }
    };
    note();
    new MutationObserver(note).observe(document.body, { subtree: true, attributes: true, childList: true });
  });
}

const recordedStates = (frame: Frame | Page) =>
  frame.evaluate(() => (window as unknown as { __regStates?: string[] }).__regStates ?? []);

async function openForm(frame: Frame | Page) {
  await frame.locator('[data-action="open-registration"]').click();
  await frame.locator('form[data-registration-form]').waitFor({ timeout: 10_000 });
}

async function fillTypedFlu(frame: Frame | Page) {
  await frame.selectOption('select[name="vaccine"]', 'other');
  await frame.fill('input[name="cnk"]', FLU_CNK);
  await frame.fill('input[name="vaccineName"]', FLU_NAME);
  await frame.selectOption('select[name="disease"]', 'flu');
  await frame.fill('input[name="lot"]', 'VXG26A41');
}

/** The one green registration line of the panel, once it is confirmed in Vaccicard. */
async function confirmedRegistrationLine(frame: Frame | Page, timeout = 45_000) {
  await expect
    .poll(
      async () =>
        (await linesOf(frame)).filter((l) => l.own === 'true' && l.confirmed === 'true' && l.source === 'PopVax FarmaFlux').length,
      { timeout, interval: 250 },
    )
    .toBe(1);
  return (await linesOf(frame)).find((l) => l.source === 'PopVax FarmaFlux')!;
}

describe('registration from the in-page panel', () => {
  it('a covid registration without a lot is refused in the form: words beside the field, no request', async () => {
    const info = world.info('no-vaccinations');
    await page.goto(world.eformUrl(info.key, 'registration'));
    expect(await settledBadge(page)).toMatchObject({ state: 'ok' });
    const frame = await panelFrame(page);
    await settledLines(frame);
    await openForm(frame);
    const before = registerCalls();
    await frame.selectOption('select[name="vaccine"]', COMIRNATY);
    // Covid-19: adverse events disabled with the reason shown; the lot marked required.
    expect(await frame.locator('textarea[name="adverseEvents"]').isDisabled()).toBe(true);
    expect(await frame.locator('[data-hint-for="adverseEvents"][data-disabled-reason]').textContent()).toContain('covid-19');
    expect(await frame.locator('input[name="lot"]').getAttribute('aria-required')).toBe('true');
    await frame.locator('[data-action="submit-registration"]').click();
    const error = frame.locator('[data-error-for="lot"]');
    await expect.poll(() => error.textContent()).toBe('the lot number is mandatory for a covid-19 vaccination');
    expect(await frame.locator('input[name="lot"]').getAttribute('aria-invalid')).toBe('true');
    expect(await frame.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('lot');
    await page.waitForTimeout(500);
    expect(registerCalls()).toBe(before);
    await frame.locator('[data-action="cancel-registration"]').click();
    expect(await frame.locator('form[data-registration-form]').count()).toBe(0);
  });

  it('registers a flu vaccination (typed CNK): a green pending line at once, then confirmed by its echo', async () => {
    const info = world.info('no-vaccinations');
    await page.goto(world.eformUrl(info.key, 'registration'));
    expect(await settledBadge(page)).toMatchObject({ state: 'ok' });
    const frame = await panelFrame(page);
    expect(await settledLines(frame)).toHaveLength(0);
    await openForm(frame);
    expect(await frame.locator('[data-registration-patient]').textContent()).toContain(formatInsz(info.insz));
    expect(await frame.locator('select[name="vaccinator"]').inputValue()).toBe(VACCINATOR.riziv);
    await fillTypedFlu(frame);
    await frame.fill('textarea[name="adverseEvents"]', 'Légère douleur au point d’injection & rougeur <2 cm');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'registration-form-overlay.png') });
    await recordRegistrationStates(frame);
    const before = registerCalls();
    await frame.locator('[data-action="submit-registration"]').click();
    await frame.locator('[data-registration-done]').waitFor({ timeout: 20_000 });
    expect(await frame.locator('form[data-registration-form]').count()).toBe(0);

    const line = await confirmedRegistrationLine(frame);
    expect(line).toMatchObject({ block: 'flu', own: 'true', confirmed: 'true', background: GREEN, hasConfirmedMark: true });
    for (const part of [FLU_CNK, FLU_NAME, VACCINATOR.riziv]) expect(line.text).toContain(part);
    const states = await recordedStates(frame);
    expect(['pending/false', 'sent/false']).toContain(states[0]);
    expect(states.at(-1)).toBe('confirmed/true');
    expect(registerCalls()).toBe(before + 1);
    // The companion also saw the echo: its record is confirmed.
    await expect
      .poll(async () => (await frame.locator('[data-line][data-registration-state]').getAttribute('data-registration-state')), {
        timeout: 20_000,
      })
      .toBe('confirmed');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'registration-confirmed-overlay.png') });
    await frame
      .locator('[data-line][data-registration-state]')
      .screenshot({ path: path.join(SCREENSHOTS, 'registration-confirmed-line.png') });
  });

  it('registers a covid vaccination from the catalog: pending, then confirmed', async () => {
    const info = world.info('flu-previous-season');
    await page.goto(world.eformUrl(info.key, 'popup'));
    expect(await settledBadge(page)).toMatchObject({ state: 'ok' });
    const frame = await panelFrame(page);
    await settledLines(frame);
    await openForm(frame);
    await frame.selectOption('select[name="vaccine"]', COMIRNATY);
    await frame.fill('input[name="lot"]', 'FP8823');
    await frame.selectOption('select[name="vaccinator"]', SECOND.riziv);
    await recordRegistrationStates(frame);
    await frame.locator('[data-action="submit-registration"]').click();
    const line = await confirmedRegistrationLine(frame);
    expect(line).toMatchObject({ block: 'covid', background: GREEN, hasConfirmedMark: true });
    for (const part of [COMIRNATY, 'Comirnaty', SECOND.riziv, 'FP8823']) expect(line.text).toContain(part);
    const states = await recordedStates(frame);
    expect(['pending/false', 'sent/false']).toContain(states[0]);
    expect(states).toContain('confirmed/true');
  });

  it('a second flu registration this season warns first; going back sends nothing', async () => {
    const info = world.info('no-vaccinations');
    await page.goto(world.eformUrl(info.key, 'direct'));
    const frame = await panelFrame(page);
    await settledLines(frame);
    await openForm(frame);
    await fillTypedFlu(frame);
    const before = registerCalls();
    await frame.locator('[data-action="submit-registration"]').click();
    const warning = frame.locator('[data-registration-warning="flu-already-this-season"]');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('already has a flu vaccination in season');
    await frame.locator('[data-action="back-to-form"]').click();
    await frame.locator('[data-action="cancel-registration"]').click();
    await page.waitForTimeout(300);
    expect(registerCalls()).toBe(before);
  });

  it('withdraws the flu registration: confirm first, then the line says withdrawn', async () => {
    const info = world.info('no-vaccinations');
    await page.goto(world.eformUrl(info.key, 'direct'));
    const frame = await panelFrame(page);
    await settledLines(frame);
    const line = frame.locator('[data-line][data-registration-state]');
    await expect.poll(() => line.getAttribute('data-registration-state'), { timeout: 20_000 }).toBe('confirmed');
    await line.locator('[data-action="withdraw-registration"]').click();
    await frame.locator('[data-withdraw-confirm]').waitFor();
    await frame.locator('[data-action="confirm-withdraw"]').click();
    await expect.poll(() => line.getAttribute('data-registration-state'), { timeout: 30_000 }).toBe('withdrawn');
    expect(await line.getAttribute('data-confirmed')).toBe('false');
    await line.screenshot({ path: path.join(SCREENSHOTS, 'registration-withdrawn-line.png') });
    // Its echo goes from Vaccicard too: no other green line stands for it.
    await expect
      .poll(async () => (await linesOf(frame)).filter((l) => l.own === 'true' && l.source === 'Vaccicard').length, { timeout: 20_000 })
      .toBe(0);
    expect(world.companion.log.filter((l) => l.op === 'withdraw').length).toBeGreaterThanOrEqual(1);
  });
});

describe('registration from the side panel', () => {
  it('registers a flu vaccination for the INSZ looked up and sees it confirmed', async () => {
    const info = world.info('non-flu-vaccine');
    const side = await world.browser.context.newPage();
    try {
      // As wide as a browser's side panel.
      await side.setViewportSize({ width: 420, height: 900 });
      await side.goto(world.browser.url('sidepanel.html'));
      await side.fill('input[name="insz"]', formatInsz(info.insz));
      await side.press('input[name="insz"]', 'Enter');
      await expect.poll(() => side.locator('.vc-badge').getAttribute('data-state'), { timeout: 20_000 }).toBe('ok');
      await openForm(side);
      await fillTypedFlu(side);
      await side.locator('form[data-registration-form]').screenshot({ path: path.join(SCREENSHOTS, 'registration-form.png') });
      await recordRegistrationStates(side);
      await side.locator('[data-action="submit-registration"]').click();
      const line = await confirmedRegistrationLine(side);
      expect(line).toMatchObject({ block: 'flu', background: GREEN, hasConfirmedMark: true });
      const states = await recordedStates(side);
      expect(['pending/false', 'sent/false']).toContain(states[0]);
      await side.screenshot({ path: path.join(SCREENSHOTS, 'registration-sidepanel.png') });
    } finally {
      await side.close();
    }
  });
});
