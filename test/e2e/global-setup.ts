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

async function wxtBuild(args: string[]): Promise<void> {
  await run(path.join(ROOT, 'node_modules', '.bin', 'wxt'), ['build', ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 20 * 1024 * 1024,
  });
}

export default async function setup(project: TestProject): Promise<void> {
  await wxtBuild(['--mode', 'demo']);
  await wxtBuild(['-b', 'firefox']);
  project.provide('chromeExtensionDir', CHROME_BUILD_DIR);
  project.provide('firefoxExtensionDir', FIREFOX_BUILD_DIR);
}

declare module 'vitest' {
  export interface ProvidedContext {
    chromeExtensionDir: string;
    firefoxExtensionDir: string;
  }
}
