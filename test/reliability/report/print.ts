/**
 * Prints the reliability table from the figures the last run recorded
 * (`tsx test/reliability/report/print.ts`). Exit code 1 when a row failed or
 * a part is missing.
 */
import os from 'node:os';
import { FIGURES_DIR, readAllFigures } from './figures.ts';
import { buildReport } from './table.ts';

export function printReport(): number {
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
  return report.failed === 0 && report.missing.length === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = printReport();
