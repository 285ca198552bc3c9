/**
 * Headless Debian Chromium without the extension, on a loopback page of our
 * own (`http://127.0.0.1:<port>/`: a secure context, so IndexedDB and
 * WebCrypto behave as in the extension), for the in-browser micro-benchmarks.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM } from '../../test/e2e/harness/paths.ts';

export interface BenchPage {
  page: Page;
  browser: Browser;
  close(): Promise<void>;
}

export async function openBenchPage(bundles: readonly string[]): Promise<BenchPage> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end('<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head><body></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  for (const content of bundles) await page.addScriptTag({ content });
  return {
    page,
    browser,
    close: async () => {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
