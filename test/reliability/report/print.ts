/**
 * Prints the reliability table from the figures the last run recorded
 * (`tsx test/reliability/report/print.ts`). Exit code 1 when a row failed or
 * a part is missing. With `--docs`, also writes it into docs/reliability.md
 * between its table markers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIGURES_DIR, readAllFigures } from './figures.ts';
import { buildReport } from './table.ts';

const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/reliability.md');
const START = '<!-- reliability-table:start -->';
const END = '<!-- reliability-table:end -->';

/** Replaces the table between the markers of docs/reliability.md. */
export function writeDocsTable(block: string): void {
  const text = readFileSync(DOCS, 'utf8');
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < from) throw new Error(`docs/reliability.md has no ${START} … ${END} markers`);
  writeFileSync(DOCS, `${text.slice(0, from + START.length)}\n${block}\n${text.slice(to)}`);
}

export function printReport(options: { docs?: boolean } = {}): number {
  const { recorded, unreadable } = readAllFigures();
  const report = buildReport(recorded);
  const cpus = os.cpus();
  const lines = [
    '',
    `Reliability report (${report.profiles.join(', ') || 'no'} profile; Node ${process.versions.node}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB)`,
    '',
    report.table,
    '',
  ];
  if (report.missing.length > 0) lines.push(`Not recorded (did not run or failed before recording): ${report.missing.join(', ')}`);
  if (unreadable.length > 0) lines.push(`Unreadable figure files in ${FIGURES_DIR}: ${unreadable.join(', ')}`);
  lines.push(report.failed === 0 && report.missing.length === 0 ? 'All rows meet their requirement.' : `${report.failed} row(s) FAIL.`);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (options.docs) writeDocsTable(lines.slice(1).join('\n').trim());
  return report.failed === 0 && report.missing.length === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = printReport({ docs: process.argv.includes('--docs') });
