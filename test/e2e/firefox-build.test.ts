/**
 * The Firefox build: its manifest declares the sidebar, and the sidebar page
 * it ships loads and renders (run here in Chromium with the `browser` API
 * the page expects stubbed: Firefox itself is not installed in CI).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM } from './harness/paths.ts';

const dir = () => inject('firefoxExtensionDir');
let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  const root = dir();
  server = createServer((req, res) => {
    const file = path.join(root, path.normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^([/\\])+/, ''));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        const type = file.endsWith('.html') ? 'text/html' : file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'application/octet-stream';
        res.writeHead(200, { 'content-type': type }).end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

describe('Firefox build', () => {
  it('declares the sidebar page and ships it with its scripts', async () => {
    const manifest = JSON.parse(await readFile(path.join(dir(), 'manifest.json'), 'utf8')) as {
      sidebar_action?: { default_panel?: string };
      key?: string;
      content_scripts?: { js: string[] }[];
      web_accessible_resources?: unknown[];
    };
    expect(manifest.sidebar_action?.default_panel).toBe('sidepanel.html');
    expect(manifest.key).toBeUndefined();
    expect(manifest.content_scripts?.[0]?.js).toEqual(['content-scripts/eform.js']);
    expect(JSON.stringify(manifest.web_accessible_resources)).toContain('panel.html');
    const html = await readFile(path.join(dir(), 'sidepanel.html'), 'utf8');
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) expect((await stat(path.join(dir(), src.replace(/^\//, '')))).isFile()).toBe(true);
  });

  it('its sidebar page loads, speaks the browser’s language and refuses an invalid INSZ', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // What Firefox gives an extension page: `browser.*` (the polyfill then uses it as is).
    await page.addInitScript(() => {
      const listeners = () => ({ addListener() {}, removeListener() {}, hasListener: () => false });
      const port = { name: 'sidepanel', postMessage() {}, disconnect() {}, onMessage: listeners(), onDisconnect: listeners() };
      const runtime = { id: 'vaccicard@example', connect: () => port, getURL: (p: string) => p, onMessage: listeners(), sendMessage: async () => ({}) };
      const g = globalThis as Record<string, unknown>;
      g.browser = { runtime, i18n: { getUILanguage: () => 'fr', getMessage: () => '' } };
      g.chrome = { runtime };
    });
    await page.goto(`${base}/sidepanel.html`);
    await expect.poll(() => page.locator('input[name="insz"]').count()).toBe(1);
    expect(await page.locator('h1').textContent()).toBe('Rechercher un patient');
    await page.fill('input[name="insz"]', '85.07.30-033.29');
    await page.press('input[name="insz"]', 'Enter');
    await expect.poll(() => page.locator('[data-insz-error]').getAttribute('data-insz-error')).toBe('bad-check-digits');
    expect(errors).toEqual([]);
    await page.close();
  });
});
