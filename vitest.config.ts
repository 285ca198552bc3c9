import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';

/**
 * Four projects, one `npm test`:
 * - extension: lib/ and UI code in happy-dom with WXT's fake browser and fake IndexedDB;
 * - companion: the Node proxy and its simulators, on real sockets;
 * - e2e: the built extension in headless Debian Chromium against the companion
 *   (and the reliability suite's browser tests, which need the same build);
 * - reliability: hostile input, faults, load and crashes, reported as figures
 *   (light in `npm test`; `npm run test:reliability` runs the full profile).
 */
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest(), preact()],
        test: {
          name: 'extension',
          environment: 'happy-dom',
          setupFiles: ['fake-indexeddb/auto'],
          include: ['test/lib/**/*.test.{ts,tsx}', 'test/unit/**/*.test.{ts,tsx}'],
        },
      },
      {
        test: {
          name: 'companion',
          environment: 'node',
          include: ['companion/test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts', 'test/reliability/browser/**/*.test.ts'],
          // Builds the extension once (Chromium demo build + Firefox build) for every e2e file.
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'reliability',
          environment: 'node',
          include: ['test/reliability/**/*.test.ts'],
          exclude: ['test/reliability/browser/**'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Load and fault timings are measured: one file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
