/**
 * Builds the extension once for the whole e2e run: the Chromium demo build
 * (fixed extension id, see demo/extension-key.ts) and the Firefox build.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { CHROME_BUILD_DIR, FIREFOX_BUILD_DIR, ROOT } from './harness/paths.ts';

const run = promisify(execFile);

async function wxt(args: string[]): Promise<void> {
  await run(path.join(ROOT, 'node_modules', '.bin', 'wxt'), args, {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 20 * 1024 * 1024,
  });
}

export default async function setup(project: TestProject): Promise<void> {
  await wxt(['build', '--mode', 'demo']);
  // The store archives: a production Chrome build zipped, and the Firefox build (the
  // sidebar test reads its folder) zipped with the sources archive reviewers rebuild from.
  await wxt(['zip']);
  await wxt(['zip', '-b', 'firefox']);
  project.provide('chromeExtensionDir', CHROME_BUILD_DIR);
  project.provide('firefoxExtensionDir', FIREFOX_BUILD_DIR);
  project.provide('storeArchivesDir', path.join(ROOT, '.output'));
}

declare module 'vitest' {
  export interface ProvidedContext {
    chromeExtensionDir: string;
    firefoxExtensionDir: string;
    storeArchivesDir: string;
  }
}
