/**
 * `npm run test:reliability`: the whole reliability suite in its full profile
 * (long corpus, 30-second load, repeated faults, randomised kills, browser
 * stress on the built extension), then the report table. Figures of an
 * earlier run are cleared first, so the table is of this run only.
 *
 * Extra arguments go to vitest (e.g. a file filter).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { clearFigures } from './report/figures.ts';
import { printReport } from './report/print.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

clearFigures();
const filters = process.argv.slice(2);
const vitest = spawnSync(
  path.join(ROOT, 'node_modules', '.bin', 'vitest'),
  ['run', '--project', 'reliability', '--project', 'e2e', ...(filters.length > 0 ? filters : ['test/reliability'])],
  { cwd: ROOT, stdio: 'inherit', env: { ...process.env, RELIABILITY_PROFILE: process.env.RELIABILITY_PROFILE ?? 'full' } },
);
const reportCode = printReport();
process.exitCode = vitest.status !== 0 ? (vitest.status ?? 1) : reportCode;
