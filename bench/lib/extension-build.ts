/**
 * Builds the extension with WXT, as `npm run build` does: the production
 * build (`.output/chrome-mv3`, measured for size) and the demo build
 * (`.output/chrome-mv3-demo`: the same code with a fixed extension id, the one
 * the e2e harness and the companion's allowed origins expect).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function wxtBuild(root: string, args: readonly string[]): Promise<void> {
  await run(path.join(root, 'node_modules', '.bin', 'wxt'), ['build', ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 20 * 1024 * 1024,
  });
}

export const PRODUCTION_BUILD_DIR = (root: string) => path.join(root, '.output', 'chrome-mv3');
