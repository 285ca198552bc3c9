/**
 * What every suite reports: rows of figures with their unit, the target they
 * are held against (when there is one) and whether it is met, plus notes that
 * say exactly what was measured. The runner prints them as markdown and
 * writes them as JSON.
 */
import type { Summary } from './stats.ts';

export interface Target {
  /** In words, e.g. `≤ 50 ms`, `≤ 1.5 × floor`. */
  text: string;
  met: boolean;
}

export interface ResultRow {
  /** Stable id for JSON consumers, e.g. `badge.visible`. */
  id: string;
  /** What a person reads in the table. */
  label: string;
  unit: 'ms' | 'MB' | 'KB' | 'µs' | 'x' | 'bytes';
  /** Repeated timings: median, p95 (and p99). Absent for one-off figures such as sizes. */
  summary?: Summary;
  /** A one-off figure (size, ratio) when there is no summary. */
  value?: number;
  /** Extra figures shown in the details column (e.g. `{ gzip: 12.3 }`). */
  extra?: Record<string, number | string>;
  target?: Target;
}

export interface SuiteResult {
  id: string;
  title: string;
  rows: ResultRow[];
  notes: string[];
  /** Wall time of the suite, setup included. */
  durationMs: number;
}

export type Suite = (context: BenchContext) => Promise<Omit<SuiteResult, 'durationMs'>>;

export interface BenchContext {
  /** Repository root. */
  root: string;
  /** Fewer repetitions (a smoke run), announced in the output. */
  quick: boolean;
  /** Progress lines on stderr. */
  log(message: string): void;
}
