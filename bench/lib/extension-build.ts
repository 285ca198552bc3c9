/**
 * Builds the extension with WXT, as `npm run build` does: the production
 * build (`.output/chrome-mv3`, measured for size) and the demo build (the same
 * code with a fixed extension id, the one the demo's companion origins
 * expect), which the benchmark builds into `.output/bench/chrome-mv3-demo`
 * (bench/wxt.config.ts) so it never races an e2e run's build.
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

export const BENCH_DEMO_BUILD_DIR = (root: string) => path.join(root, '.output', 'bench', 'chrome-mv3-demo');

/** The demo build in the benchmark's own output folder. */
export async function benchDemoBuild(root: string): Promise<string> {
  await wxtBuild(root, ['-c', path.join(root, 'bench', 'wxt.config.ts'), '--mode', 'demo']);
  return BENCH_DEMO_BUILD_DIR(root);
}
