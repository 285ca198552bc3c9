/**
 * The extension build the benchmark loads in Chromium: the project's own
 * configuration (wxt.config.ts), built into .output/bench/ so a benchmark
 * run and an e2e run (which builds .output/chrome-mv3-demo) never write the
 * same files at the same time. Used as `wxt build -c bench/wxt.config.ts --mode demo`.
 */
import { defineConfig } from 'wxt';
import base from '../wxt.config.ts';

export default defineConfig({ ...base, outDir: '.output/bench' });
