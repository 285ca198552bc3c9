/** The results as one markdown table (and the machine line above it). */
import type { MachineInfo } from './machine.ts';
import type { ResultRow, SuiteResult } from './results.ts';

function fmt(value: number, unit: ResultRow['unit']): string {
  if (!Number.isFinite(value)) return '—';
  const digits = unit === 'x' ? 2 : Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const text = value.toFixed(digits);
  return unit === 'x' ? `${text}×` : `${text} ${unit}`;
}

function cells(row: ResultRow): [string, string] {
  if (row.summary) return [fmt(row.summary.median, row.unit), fmt(row.summary.p95, row.unit)];
  return [row.value === undefined ? '—' : fmt(row.value, row.unit), '—'];
}

function details(row: ResultRow): string {
  const parts: string[] = [];
  if (row.summary) parts.push(`n=${row.summary.n}`);
  for (const [k, v] of Object.entries(row.extra ?? {})) parts.push(`${k} ${typeof v === 'number' ? fmt(v, row.unit) : v}`);
  return parts.join(', ');
}

const escapeCell = (s: string) => s.replace(/\|/g, '\\|');

export function machineLine(m: MachineInfo): string {
  return `${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB · ${m.os} · Node ${m.node} · ${m.chromium} · load ${m.loadAverage} at start`;
}

export function markdownTable(suites: readonly SuiteResult[]): string {
  const lines = ['| Measure | median | p95 | target | met | details |', '|---|---:|---:|---|:---:|---|'];
  for (const suite of suites) {
    lines.push(`| **${escapeCell(suite.title)}** | | | | | |`);
    for (const row of suite.rows) {
      const [median, p95] = cells(row);
      const met = row.target ? (row.target.met ? 'yes' : '**no**') : '';
      lines.push(`| ${escapeCell(row.label)} | ${median} | ${p95} | ${escapeCell(row.target?.text ?? '')} | ${met} | ${escapeCell(details(row))} |`);
    }
  }
  return lines.join('\n');
}

export function notesSection(suites: readonly SuiteResult[]): string {
  const out: string[] = [];
  for (const suite of suites) {
    if (suite.notes.length === 0) continue;
    out.push(`**${suite.title}** (${(suite.durationMs / 1000).toFixed(1)} s)`);
    for (const note of suite.notes) out.push(`- ${note}`);
    out.push('');
  }
  return out.join('\n');
}
