/**
 * What the browser stress tests share: each scenario is recorded for the
 * report (passed only when its test body ran to the end), errors thrown into
 * a host page are collected, and the extension's own contexts (its service
 * worker, a content script's isolated world) are reached through CDP.
 */
import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import { recordFigures, type BrowserFigures } from '../report/figures.ts';

export class ScenarioLog {
  private readonly figures: BrowserFigures = { part: 'browser', scenarios: [] };

  constructor(private readonly name: string) {}

  /** Runs `body` as one reported scenario; `detail` says what was shown (no patient data). */
  async run(scenario: string, body: () => Promise<string>): Promise<void> {
    const entry = { name: scenario, passed: false, detail: 'failed before its end' };
    this.figures.scenarios.push(entry);
    try {
      entry.detail = await body();
      entry.passed = true;
    } catch (error) {
      entry.detail = `failed: ${error instanceof Error ? error.message.split('\n')[0]!.slice(0, 160) : 'error'}`;
      throw error;
    } finally {
      recordFigures(this.name, this.figures);
    }
  }
}

/**
 * Errors the extension causes in a host page: uncaught exceptions in the page,
 * and console errors coming from the extension's scripts or resources (the
 * demo page's own missing favicon is not ours).
 */
export function collectPageErrors(page: Page): { errors: string[] } {
  const collected = { errors: [] as string[] };
  page.on('pageerror', (e) => collected.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const where = m.location().url;
    if (where.startsWith('chrome-extension://') || !/^Failed to load resource/.test(m.text())) collected.errors.push(`console.error: ${m.text()} (${where})`);
  });
  return collected;
}

/** Everything the extension's service worker writes to its console from now on (while it lives). */
export function collectWorkerConsole(worker: Worker): { lines: string[] } {
  const collected = { lines: [] as string[] };
  worker.on('console', (m) => collected.lines.push(`${m.type()}: ${m.text()}`));
  return collected;
}

/**
 * Evaluates `expression` in the extension's content-script world of `page`
 * (its isolated world), where `chrome.runtime` is the content script's own:
 * the background sees a content-script sender.
 */
export async function evaluateInContentScript(context: BrowserContext, page: Page, extensionId: string, expression: string): Promise<unknown> {
  const cdp: CDPSession = await context.newCDPSession(page);
  try {
    const worlds: Array<{ id: number; origin: string; name: string; auxData?: { type?: string; isDefault?: boolean } }> = [];
    cdp.on('Runtime.executionContextCreated', (e: { context: (typeof worlds)[number] }) => worlds.push(e.context));
    await cdp.send('Runtime.enable');
    const deadline = Date.now() + 5_000;
    let world: (typeof worlds)[number] | undefined;
    while (!(world = worlds.find((w) => w.auxData?.type === 'isolated' && w.origin.startsWith(`chrome-extension://${extensionId}`))) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!world) throw new Error(`no content-script world in the page (worlds: ${worlds.map((w) => `${w.auxData?.type}:${w.origin}`).join(', ')})`);
    const result = (await cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true })) as {
      result: { value?: unknown };
      exceptionDetails?: { text: string };
    };
    if (result.exceptionDetails) throw new Error(`content-script evaluation threw: ${result.exceptionDetails.text}`);
    return result.result.value;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
