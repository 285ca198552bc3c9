/**
 * One e2e world: the demo platform, the companion with its simulator, and
 * Chromium with the extension, configured like a pharmacy (the simulator's
 * demo pharmacy and pharmacists, so own lines are recognised).
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Frame, Locator, Page } from 'playwright-core';
import { DEMO_EXTENSION_ORIGIN } from '../../../demo/extension-key.ts';
import { demoPatients } from '../../../demo/patients.ts';
import type { DemoPatient } from '../../../demo/demo-patient.ts';
import { startDemoServer, type DemoServer } from '../../../demo/server.ts';
import { DEMO_IDENTITY } from '../../../companion/src/config/demo.ts';
import { SYNTHETIC_PATIENTS, type SyntheticPatientInfo } from '../../../companion/src/simulator/synthetic.ts';
import type { SettingsPatch } from '../../../lib/settings/schema.ts';
import { launchWithExtension, type ExtensionBrowser } from './browser.ts';
import { startCompanion, type RunningCompanion } from './companion.ts';

export interface OverlayWorld {
  browser: ExtensionBrowser;
  companion: RunningCompanion;
  demo: DemoServer;
  secret: string;
  patients: readonly DemoPatient[];
  synthetic: readonly SyntheticPatientInfo[];
  patient(id: string): DemoPatient;
  info(key: string): SyntheticPatientInfo;
  eformUrl(id: string, entry?: 'popup' | 'registration' | 'direct', layout?: 'v2'): string;
  close(): Promise<void>;
}

/**
 * Only the titular pharmacist: the companion's demo identity lists a second
 * pharmacist whose RIZIV is also the simulator's "pharmacist of another
 * pharmacy", whose lines must stay white.
 */
export function pharmacySettings(companionUrl: string): SettingsPatch {
  return {
    companionUrl,
    pharmacyNumber: DEMO_IDENTITY.pharmacyNumber,
    pharmacistRizivs: [DEMO_IDENTITY.titularPharmacistRiziv],
  };
}

export async function startOverlayWorld(
  extensionDir: string,
  options: { settings?: SettingsPatch; hubTimeoutMs?: number; locale?: string } = {},
): Promise<OverlayWorld> {
  const secret = randomBytes(32).toString('base64url');
  const started = await Promise.allSettled([
    startCompanion({ secret, allowedOrigins: [DEMO_EXTENSION_ORIGIN], hubTimeoutMs: options.hubTimeoutMs ?? 5000 }),
    startDemoServer({ patients: demoPatients() }),
    launchWithExtension(extensionDir, options.locale ? { locale: options.locale } : {}),
  ] as const);
  const stopAll = () =>
    Promise.allSettled(
      started.map((s) => (s.status === 'fulfilled' ? (('stop' in s.value ? s.value.stop() : s.value.close()) as Promise<void>) : undefined)),
    );
  const [c, d, b] = started;
  if (c.status !== 'fulfilled' || d.status !== 'fulfilled' || b.status !== 'fulfilled') {
    await stopAll();
    throw [c, d, b].find((s) => s.status === 'rejected')!.reason;
  }
  const [companion, demo, browser] = [c.value, d.value, b.value];
  try {
    expect(browser.extensionId).toBe(DEMO_EXTENSION_ORIGIN.replace('chrome-extension://', ''));
    await browser.configure({ ...pharmacySettings(companion.url), ...options.settings }, secret);
  } catch (error) {
    await stopAll();
    throw error;
  }
  const patients = demoPatients();
  const synthetic = SYNTHETIC_PATIENTS;
  return {
    browser,
    companion,
    demo,
    secret,
    patients,
    synthetic,
    patient: (id) => {
      const p = patients.find((x) => x.id === id);
      if (!p) throw new Error(`no demo patient ${id}`);
      return p;
    },
    info: (key) => {
      const i = synthetic.find((x) => x.key === key);
      if (!i) throw new Error(`no synthetic patient ${key}`);
      return i;
    },
    eformUrl: (id, entry = 'direct', layout) =>
      `${demo.url}/eform?patient=${encodeURIComponent(id)}&entry=${entry}${layout ? `&layout=${layout}` : ''}`,
    close: async () => {
      await Promise.allSettled([browser.close(), companion.stop(), demo.close()]);
    },
  };
}

/** The badge on a host page (inside its open shadow root). */
export function badge(page: Page): Locator {
  return page.locator('vaccicard-badge .vc-badge');
}

export interface BadgeSnapshot {
  state: string | null;
  reason: string | null;
  hub: string | null;
  stale: string | null;
  text: string;
}

/** The badge's attributes and text, read at one instant (or null when there is no badge). */
export async function badgeSnapshot(page: Page): Promise<BadgeSnapshot | null> {
  const el = badge(page);
  if ((await el.count()) === 0) return null;
  return el.evaluate((b) => ({
    state: b.getAttribute('data-state'),
    reason: b.getAttribute('data-reason'),
    hub: b.getAttribute('data-hub'),
    stale: b.getAttribute('data-stale'),
    text: b.textContent ?? '',
  }));
}

/** Waits until the badge leaves `loading` and returns that settled snapshot. */
export async function settledBadge(page: Page, timeout = 20_000): Promise<BadgeSnapshot> {
  let snapshot: BadgeSnapshot | null = null;
  await expect
    .poll(
      async () => {
        snapshot = await badgeSnapshot(page);
        return snapshot?.state ?? 'none';
      },
      { timeout },
    )
    .toMatch(/^(ok|error)$/);
  return snapshot!;
}

/** Starts recording every state the badge shows from now on (read with `recordedBadgeStates`). */
export async function recordBadgeStates(page: Page): Promise<void> {
  await page.evaluate(() => {
    const root = document.querySelector('vaccicard-badge')?.shadowRoot;
    const w = window as unknown as { __badgeStates: (string | null)[] };
    w.__badgeStates = [];
    if (!root) return;
    new MutationObserver(() => {
      w.__badgeStates.push(root.querySelector('.vc-badge')?.getAttribute('data-state') ?? null);
    }).observe(root, { subtree: true, attributes: true, childList: true, characterData: true });
  });
}

export async function recordedBadgeStates(page: Page): Promise<(string | null)[]> {
  return page.evaluate(() => (window as unknown as { __badgeStates?: (string | null)[] }).__badgeStates ?? []);
}

/** The in-page history panel (extension page in an iframe), once attached. */
export async function panelFrame(page: Page, timeout = 10_000): Promise<Frame> {
  let found: Frame | undefined;
  await expect
    .poll(
      () => {
        found = page.frames().find((f) => f.url().endsWith('/panel.html') && !f.isDetached());
        return Boolean(found);
      },
      { timeout },
    )
    .toBe(true);
  return found!;
}

export interface LineFacts {
  key: string | null;
  block: string | null;
  source: string | null;
  own: string | null;
  confirmed: string | null;
  text: string;
  background: string;
  hasConfirmedMark: boolean;
  rizivHref: string | null;
}

/** Every line the panel (or side panel) shows, with its block and colour. */
export async function linesOf(frame: Frame | Page): Promise<LineFacts[]> {
  return frame.$$eval('[data-line]', (els) =>
    els.map((el) => ({
      key: el.getAttribute('data-line'),
      block: el.closest('section[data-block]')?.getAttribute('data-block') ?? null,
      source: el.getAttribute('data-source'),
      own: el.getAttribute('data-own'),
      confirmed: el.getAttribute('data-confirmed'),
      text: el.textContent ?? '',
      background: getComputedStyle(el).backgroundColor,
      hasConfirmedMark: el.querySelector('[data-confirmed-mark]') !== null,
      rizivHref: el.querySelector('a.vc-riziv__link')?.getAttribute('href') ?? null,
    })),
  );
}

/** Waits for the panel to show the history (or a final error) and returns its lines. */
export async function settledLines(frame: Frame, timeout = 20_000): Promise<LineFacts[]> {
  await expect
    .poll(async () => frame.locator('.vc-history').getAttribute('data-status'), { timeout })
    .toMatch(/^(ok|error)$/);
  return linesOf(frame);
}

export const GREEN = 'rgb(230, 244, 234)';
export const WHITE = 'rgb(255, 255, 255)';

/** `2026-10-14` → `14/10/2026`. */
export function ddmmyyyy(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
