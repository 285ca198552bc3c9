/**
 * The archives `npm run zip` makes for the stores (built by the e2e global
 * setup): the Chrome and Firefox packages carry only the built extension
 * (no demo key, no tests, logs or source maps), and the Firefox sources
 * archive carries what rebuilds the extension and nothing of the tests,
 * benchmarks, companion or docs.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, inject, it } from 'vitest';

async function archive(suffix: string): Promise<string[]> {
  const dir = inject('storeArchivesDir');
  const name = (await readdir(dir)).find((f) => f.endsWith(`-${suffix}.zip`));
  if (!name) throw new Error(`no *-${suffix}.zip in ${dir}`);
  const zip = await JSZip.loadAsync(await readFile(path.join(dir, name)));
  return Object.keys(zip.files).filter((f) => !zip.files[f]!.dir);
}

async function manifestOf(suffix: string): Promise<Record<string, unknown>> {
  const dir = inject('storeArchivesDir');
  const name = (await readdir(dir)).find((f) => f.endsWith(`-${suffix}.zip`))!;
  const zip = await JSZip.loadAsync(await readFile(path.join(dir, name)));
  return JSON.parse(await zip.file('manifest.json')!.async('string')) as Record<string, unknown>;
}

const NOT_IN_A_PACKAGE = /(^|\/)(test|tests|__tests__|test-results|bench|docs|companion)\/|\.test\.[jt]sx?$|\.log$|\.map$/;

describe.each(['chrome', 'firefox'])('the %s store package', (browser) => {
  it('holds the built extension and no test, log or source-map file', async () => {
    const files = await archive(browser);
    expect(files).toContain('manifest.json');
    expect(files).toContain('background.js');
    expect(files).toContain('content-scripts/eform.js');
    expect(files).toContain('panel.html');
    expect(files).toContain('sidepanel.html');
    for (const lang of ['nl', 'fr', 'de', 'en']) expect(files).toContain(`_locales/${lang}/messages.json`);
    expect(files.filter((f) => NOT_IN_A_PACKAGE.test(f))).toEqual([]);
  });

  it('has no demo key (the store assigns the id)', async () => {
    expect((await manifestOf(browser)).key).toBeUndefined();
  });
});

describe('the sources archive (Firefox review)', () => {
  it('holds what rebuilds the extension', async () => {
    const files = await archive('sources');
    for (const f of ['package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json', 'demo/extension-key.ts']) {
      expect(files).toContain(f);
    }
    expect(files.some((f) => f.startsWith('entrypoints/'))).toBe(true);
    expect(files.some((f) => f.startsWith('lib/'))).toBe(true);
    expect(files.some((f) => f.startsWith('components/'))).toBe(true);
  });

  it('holds no tests, logs, benchmarks, companion, docs or demo platform', async () => {
    const files = await archive('sources');
    const unwanted = files.filter(
      (f) =>
        /^(test|test-results|bench|companion|docs|scripts|\.ci)\//.test(f) ||
        /\.test\.tsx?$|\.log$/.test(f) ||
        (f.startsWith('demo/') && f !== 'demo/extension-key.ts') ||
        f.startsWith('node_modules/') ||
        f.startsWith('.output/'),
    );
    expect(unwanted).toEqual([]);
  });
});
