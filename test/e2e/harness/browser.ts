/**
 * Headless Debian Chromium with the built extension loaded (playwright-core,
 * persistent context). The extension id is the host of its service worker's
 * URL. Settings go in the way the options page sends them: a `settings:save`
 * message from the options page (privileged requests are refused from
 * anywhere else).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { SettingsPatch } from '../../../lib/settings/schema.ts';
import { CHROMIUM } from './paths.ts';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  url(pagePath: string): string;
  serviceWorker(): Promise<Worker>;
  /** Sends `settings:save` from the options page; throws with the background's answer when refused. */
  configure(settings: SettingsPatch, pairingSecret?: string): Promise<void>;
  /** Stops the extension's service worker (as Chromium does when idle). */
  stopServiceWorker(): Promise<void>;
  close(): Promise<void>;
}

export async function launchWithExtension(
  extensionDir: string,
  options: { viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<ExtensionBrowser> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'vaccicard-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-sync',
      '--disable-background-networking',
      '--disable-component-update',
      `--lang=${options.locale ?? 'en-US'}`,
    ],
    viewport: options.viewport ?? { width: 1400, height: 900 },
    locale: options.locale ?? 'en-US',
  });
  const serviceWorker = async (): Promise<Worker> =>
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const worker = await serviceWorker();
  const extensionId = new URL(worker.url()).host;
  const url = (pagePath: string) => `chrome-extension://${extensionId}/${pagePath.replace(/^\//, '')}`;

  return {
    context,
    extensionId,
    url,
    serviceWorker,
    configure: async (settings, pairingSecret) => {
      const page = await context.newPage();
      try {
        await page.goto(url('options.html'));
        const answer = await page.evaluate(
          (message) =>
            (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(
              message,
            ),
          { type: 'settings:save', settings, ...(pairingSecret !== undefined && { pairingSecret }) },
        );
        if (!(answer && typeof answer === 'object' && (answer as { ok?: unknown }).ok === true)) {
          throw new Error(`settings:save refused: ${JSON.stringify(answer)}`);
        }
      } finally {
        await page.close();
      }
    },
    stopServiceWorker: async () => {
      const page: Page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      try {
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
      } finally {
        await cdp.detach();
      }
    },
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
