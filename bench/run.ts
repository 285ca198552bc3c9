/**
 * `npm run bench [-- --json FILE] [--only size,parse,...] [--quick]`
 *
 * Runs the benchmark suites one after the other (never in parallel: they
 * share two cores), prints the machine and one markdown table to stdout,
 * progress to stderr, and writes everything as JSON when `--json` is given.
 * The figures are held against the targets of issue 7, but nothing fails
 * when a target is missed: these are measurements, not timed tests.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CHROMIUM } from '../test/e2e/harness/paths.ts';
import { closeSharedCompanionWorld } from './companion/world.ts';
import { machineInfo } from './lib/machine.ts';
import type { BenchContext, Suite, SuiteResult } from './lib/results.ts';
import { machineLine, markdownTable, notesSection } from './lib/table.ts';
import { cacheSuite } from './suites/cache.ts';
import { companionSuite } from './suites/companion.ts';
import { overlaySuite } from './suites/overlay.ts';
import { parseSuite } from './suites/parse.ts';
import { roundTripSuite } from './suites/round-trips.ts';
import { sizeSuite } from './suites/size.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** In the order of the list, except size first: it builds the production bundle the others do not need. */
const SUITES: Readonly<Record<string, Suite>> = {
  overlay: overlaySuite,
  companion: companionSuite,
  'round-trips': roundTripSuite,
  parse: parseSuite,
  cache: cacheSuite,
  size: sizeSuite,
};

function usage(): never {
  process.stderr.write(`usage: npm run bench -- [--json FILE] [--only ${Object.keys(SUITES).join(',')}] [--quick]\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      args: process.argv.slice(2),
      options: { json: { type: 'string' }, only: { type: 'string' }, quick: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }).values;
  } catch {
    usage();
  }
  if (args.help) usage();
  const wanted = args.only ? args.only.split(',').map((s) => s.trim()) : Object.keys(SUITES);
  for (const name of wanted) if (!(name in SUITES)) usage();

  const started = performance.now();
  const machine = await machineInfo(CHROMIUM);
  const ctx: BenchContext = {
    root: ROOT,
    quick: args.quick ?? false,
    log: (message) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1)}s] ${message}\n`),
  };
  ctx.log(machineLine(machine));

  const results: SuiteResult[] = [];
  try {
    for (const name of wanted) {
      const t0 = performance.now();
      const result = await SUITES[name]!(ctx);
      results.push({ ...result, durationMs: Math.round(performance.now() - t0) });
      ctx.log(`${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  } finally {
    await closeSharedCompanionWorld();
  }
  const totalMs = Math.round(performance.now() - started);
  const date = new Date().toISOString();

  const out = [
    `Benchmark run of ${date}${ctx.quick ? ' (QUICK: fewer repetitions, not for publication)' : ''}, ${(totalMs / 1000).toFixed(0)} s in all`,
    '',
    `Machine: ${machineLine(machine)}`,
    '',
    markdownTable(results),
    '',
    notesSection(results),
  ].join('\n');
  process.stdout.write(`${out}\n`);

  if (args.json) {
    const file = path.resolve(args.json);
    await writeFile(file, `${JSON.stringify({ date, quick: ctx.quick, totalMs, machine, suites: results }, null, 2)}\n`);
    ctx.log(`JSON written to ${file}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
