/**
 * The host page misbehaving around the overlay (built extension, headless
 * Chromium, demo e-Form): removing the badge and the panel, restyling them
 * with its own CSS, changing under the adapter's feet so it no longer
 * matches; and a content script asking for privileged operations. Nothing
 * may throw into the host page; a page that is no longer recognised must say
 * so; privileged requests are refused and logged without patient data.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import { badge, panelFrame, settledBadge, settledLines, startOverlayWorld, type OverlayWorld } from '../../e2e/harness/overlay-world.ts';
import { collectPageErrors, collectWorkerConsole, evaluateInContentScript, ScenarioLog } from './stress-kit.ts';

let world: OverlayWorld;
let page: Page;
let pageErrors: { errors: string[] };
const log = new ScenarioLog('browser-page');

beforeAll(async () => {
  world = await startOverlayWorld(inject('chromeExtensionDir'));
  page = await world.browser.context.newPage();
  pageErrors = collectPageErrors(page);
});

afterAll(async () => {
  await world?.close();
});

beforeEach(() => {
  pageErrors.errors.length = 0;
});

/** Where the badge and the panel are, and whether a person could see them. */
async function overlayOnScreen(p: Page): Promise<{ badge: boolean; panel: boolean }> {
  return p.evaluate(() => {
    const visible = (el: Element | null | undefined) => {
      if (!el) return false;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return box.width >= 8 && box.height >= 8 && style.display !== 'none' && style.visibility === 'visible' && Number(style.opacity) > 0.5;
    };
    const badgeHost = document.querySelector('vaccicard-badge');
    const panelHost = document.querySelector('vaccicard-panel');
    return {
      badge: visible(badgeHost) && visible(badgeHost?.shadowRoot?.querySelector('.vc-badge')),
      panel: visible(panelHost) && visible(panelHost?.shadowRoot?.querySelector('iframe')),
    };
  });
}

describe('a host page that fights the overlay', () => {
  it('removing the badge and the panel: both come back, still showing the patient', { timeout: 60_000 }, async () => {
    await log.run('host page removes the badge and the panel: both come back', async () => {
      await page.goto(world.eformUrl('covid-nurse'));
      expect(await settledBadge(page)).toMatchObject({ state: 'ok' });
      await settledLines(await panelFrame(page));
      const before = world.companion.consultCount();
      for (let i = 0; i < 3; i++) {
        await page.evaluate(() => {
          document.querySelector('vaccicard-badge')?.remove();
          document.querySelector('vaccicard-panel')?.remove();
        });
        await expect.poll(() => overlayOnScreen(page), { timeout: 5_000 }).toEqual({ badge: true, panel: true });
      }
      expect(await settledBadge(page)).toMatchObject({ state: 'ok' });
      expect((await settledLines(await panelFrame(page))).length).toBeGreaterThan(0);
      // Put back from what the background already knows: the hubs are not asked again.
      expect(world.companion.consultCount()).toBe(before);
      expect(pageErrors.errors).toEqual([]);
      return 'removed 3 times: badge and panel back each time, same answer, no new consultation';
    });
  });

  it('restyling them with its own CSS: both stay visible and readable', { timeout: 60_000 }, async () => {
    await log.run('host page restyles the badge and the panel: both stay visible', async () => {
      await page.goto(world.eformUrl('flu-gp-this-season'));
      expect(await settledBadge(page)).toMatchObject({ state: 'ok' });
      await settledLines(await panelFrame(page));
      expect(await overlayOnScreen(page)).toEqual({ badge: true, panel: true });
      await page.addStyleTag({
        // Aimed at the overlay's own elements (hiding their ancestors would hide the page's own header too).
        content: `
          vaccicard-badge, vaccicard-panel, header .ff-topbar__right > :last-child, aside#ff-sidebar > * {
            display: none !important; visibility: hidden !important; opacity: 0 !important;
            width: 0 !important; height: 0 !important; max-width: 0 !important; max-height: 0 !important;
            transform: scale(0) !important; clip-path: inset(50%) !important; filter: opacity(0) !important;
            position: absolute !important; left: -9999px !important; }
          * { font-size: 2px !important; color: transparent !important; }`,
      });
      await page.evaluate(() => {
        for (const el of document.querySelectorAll<HTMLElement>('vaccicard-badge, vaccicard-panel')) el.setAttribute('style', 'display:none !important; position:absolute !important; left:-9999px !important');
      });
      await expect.poll(() => overlayOnScreen(page), { timeout: 5_000 }).toEqual({ badge: true, panel: true });
      // The badge's words keep their own size and colour (shadow root) and the panel its own page.
      const badgeText = await badge(page).evaluate((b) => ({ size: getComputedStyle(b).fontSize, color: getComputedStyle(b).color }));
      expect(Number.parseFloat(badgeText.size)).toBeGreaterThan(9);
      expect(badgeText.color).not.toBe('rgba(0, 0, 0, 0)');
      expect(pageErrors.errors).toEqual([]);
      return 'hidden, zero-sized, scaled and moved by host CSS and inline styles: badge and panel still on screen';
    });
  });

  it('the page changes so the adapter no longer matches: "page not recognised", the history leaves the page', { timeout: 60_000 }, async () => {
    await log.run('host page changes under the adapter: visible "page not recognised", patient data removed', async () => {
      await page.goto(world.eformUrl('rsb-only'));
      expect(await settledBadge(page)).toMatchObject({ state: 'ok' });
      await settledLines(await panelFrame(page));
      // A platform update without reload: the form loses the marker the adapter relies on.
      await page.evaluate(() => document.querySelector('form#ff-eform')?.removeAttribute('data-form'));
      await expect.poll(async () => (await badge(page).getAttribute('data-reason')) ?? '', { timeout: 5_000 }).toBe('page-not-recognised');
      expect(await badge(page).getAttribute('data-state')).toBe('error');
      const said = (await badge(page).textContent()) ?? '';
      expect(said.length).toBeGreaterThan(5);
      await expect.poll(() => page.frames().filter((f) => f.url().endsWith('/panel.html') && !f.isDetached()).length, { timeout: 5_000 }).toBe(0);
      // The other way round: the INSZ field renamed.
      await page.goto(world.eformUrl('rsb-only'));
      expect(await settledBadge(page)).toMatchObject({ state: 'ok' });
      await page.evaluate(() => document.querySelector('#ff-patient input')?.setAttribute('name', 'patient.ssin'));
      await expect.poll(async () => (await badge(page).getAttribute('data-reason')) ?? '', { timeout: 5_000 }).toBe('page-not-recognised');
      expect(pageErrors.errors).toEqual([]);
      return 'badge turned to "page not recognised" (in words), the panel left the page; both for a lost form marker and a renamed INSZ field';
    });
  });
});

describe('a content script asking for what only extension pages may do', () => {
  it('every privileged request is refused, nothing changes, and the worker logs the refusal without patient data', { timeout: 60_000 }, async () => {
    await log.run('content script asks for privileged operations: refused, logged without patient data', async () => {
      const patient = world.info('own-registration-echo');
      await page.goto(world.eformUrl(patient.key));
      expect(await settledBadge(page)).toMatchObject({ state: 'ok' });
      const worker: Worker = await world.browser.serviceWorker();
      const consoleLines = collectWorkerConsole(worker);
      const secret = 'Z'.repeat(43);
      const requests = [
        { type: 'settings:save', settings: { companionUrl: 'http://127.0.0.1:1' }, pairingSecret: secret },
        { type: 'pairing:clear' },
        { type: 'cache:clear' },
        { type: 'connection:test', companionUrl: 'http://127.0.0.1:1' },
        { type: 'cache:info' },
        { type: 'settings:get' },
        { type: 'registration:context' },
        { type: 'registration:list', insz: patient.insz },
        {
          type: 'registration:submit',
          submissionId: '6f1c2b9e-3a4d-4e5f-8a9b-0c1d2e3f4a5b',
          registration: { patient: { insz: patient.insz, firstName: 'Anne', familyName: 'Dupont' }, administrationDate: '2026-10-14', vaccine: { cnk: '4176053' }, lot: 'LOT1' },
        },
      ];
      const answers = (await evaluateInContentScript(
        world.browser.context,
        page,
        world.browser.extensionId,
        `Promise.all(${JSON.stringify(requests)}.map((m) => chrome.runtime.sendMessage(m).catch((e) => ({ threw: String(e) }))))`,
      )) as Array<{ ok?: boolean; error?: { code?: string } }>;
      expect(answers).toHaveLength(requests.length);
      for (const [i, a] of answers.entries()) expect(a, requests[i]!.type).toMatchObject({ ok: false, error: { code: 'forbidden' } });

      // Nothing changed: the overlay still talks to the same companion with the same secret.
      const before = world.companion.consultCount();
      await page.goto(world.eformUrl('covid-nurse'));
      await page.locator('vaccicard-badge').waitFor();
      expect(await settledBadge(page)).toMatchObject({ state: 'ok' });
      expect(world.companion.consultCount()).toBeGreaterThanOrEqual(before);
      const options = await world.browser.context.newPage();
      await options.goto(world.browser.url('options.html'));
      const settings = (await options.evaluate(() =>
        (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'settings:get' }),
      )) as { settings: { companionUrl: string }; pairing: { paired: boolean } };
      await options.close();
      expect(settings.settings.companionUrl).toBe(world.companion.url);
      expect(settings.pairing.paired).toBe(true);

      // Logged as refused, with the request type and the sender kind, and nothing of the patient or the secret.
      await expect.poll(() => consoleLines.lines.filter((l) => l.includes('refused')).length, { timeout: 5_000 }).toBeGreaterThanOrEqual(requests.length);
      const text = consoleLines.lines.join('\n');
      for (const r of requests) expect(text).toContain(r.type);
      expect(text).not.toContain(patient.insz);
      expect(text).not.toContain(secret);
      expect(text).not.toMatch(/\d{11}/);
      expect(text).not.toContain('patient=');
      expect(pageErrors.errors).toEqual([]);
      return `${requests.length} privileged requests refused as forbidden, settings and pairing unchanged, ${consoleLines.lines.filter((l) => l.includes('refused')).length} refusals logged without patient data`;
    });
  });
});
