/**
 * Runs hostile inputs through one parser boundary and keeps the score the
 * report needs: every input must end in the outcome its generator expects
 * (a result, or a typed error with a reason), never throw past the boundary,
 * never change a built-in prototype, never quote the patient data planted in
 * it, and never take pathological time (the slowest is recorded).
 */
import type { HostileFigures } from '../report/figures.ts';
import { changedPrototypes, snapshotPrototypes, type PrototypeSnapshot } from './prototypes.ts';

/** What the boundary returned, reduced to what is checked. */
export type Outcome =
  | { ok: true; value: unknown }
  | { ok: false; code: string; reason: string };

export interface HostileCase {
  /** The hostile family (doctype, truncated, proto-names, ...), for the per-family counts. */
  family: string;
  /** Short words for the report's "slowest input" (no document text). */
  label: string;
  /** Text or bytes handed to the boundary. */
  size: number;
  /** Patient data planted in the input: no reason or warning may quote it. */
  secrets: readonly string[];
}

export interface Verdict {
  /** Which expectation failed, in words; undefined when the outcome is the expected one. */
  problem?: string;
}

export type Check = (outcome: Outcome) => Verdict;

export class BoundaryScore {
  private readonly before: PrototypeSnapshot = snapshotPrototypes();
  readonly figures: HostileFigures;
  /** Every failure, for the test's assertion message. */
  readonly failures: string[] = [];

  constructor(boundary: HostileFigures['boundary']) {
    this.figures = {
      part: 'hostile',
      boundary,
      inputs: 0,
      correct: 0,
      rejected: 0,
      crashes: 0,
      pollutions: 0,
      leaks: 0,
      wrong: 0,
      slowestMs: 0,
      slowestInput: 'none',
      families: {},
    };
  }

  /**
   * Runs `run` on one case, classifies what happened and scores it. Returns a
   * failure description (for fast-check to report with its seed), or undefined.
   */
  async judge(c: HostileCase, run: () => Outcome | Promise<Outcome>, check: Check, texts: (o: Outcome) => string[] = reasonsOf): Promise<string | undefined> {
    const f = this.figures;
    f.inputs++;
    const family = (f.families[c.family] ??= { tried: 0, rejected: 0 });
    family.tried++;
    let outcome: Outcome | undefined;
    let threw: unknown;
    const started = performance.now();
    try {
      outcome = await run();
    } catch (error) {
      threw = error;
    }
    const ms = performance.now() - started;
    if (ms > f.slowestMs) {
      f.slowestMs = ms;
      f.slowestInput = `${c.label} (${formatSize(c.size)})`;
    }
    const problems: string[] = [];
    const polluted = changedPrototypes(this.before);
    if (polluted.length > 0) {
      f.pollutions++;
      problems.push(`prototype changed: ${polluted.join(', ')}`);
    }
    if (outcome === undefined) {
      f.crashes++;
      problems.push(`threw past the boundary: ${threw instanceof Error ? threw.name : typeof threw}`);
    } else {
      if (!outcome.ok && outcome.reason.trim() === '') problems.push(`typed error ${outcome.code} without a reason`);
      const said = texts(outcome);
      const leaked = c.secrets.filter((s) => s.length > 0 && said.some((t) => t.includes(s)));
      if (leaked.length > 0) {
        f.leaks++;
        // Shown with the planted values masked, so the message itself leaks nothing.
        const masked = said.filter((t) => leaked.some((s) => t.includes(s))).map((t) => leaked.reduce((acc, s) => acc.split(s).join('‹patient data›'), t));
        problems.push(`a reason quotes planted patient data: ${JSON.stringify(masked.slice(0, 2))}`);
      }
      const verdict = check(outcome);
      if (verdict.problem) {
        f.wrong++;
        problems.push(verdict.problem);
      } else if (outcome.ok) f.correct++;
      else {
        f.rejected++;
        family.rejected++;
      }
    }
    if (problems.length === 0) return undefined;
    const message = `${c.family} / ${c.label}: ${problems.join('; ')}`;
    this.failures.push(message);
    return message;
  }
}

/** Distinct failures (numbers in them blurred) with their counts, most frequent first: the assertion message. */
export function distinctFailures(failures: readonly string[], max = 20): string[] {
  const counts = new Map<string, number>();
  for (const f of failures) {
    const key = f.replace(/\d+/g, '#');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, max).map(([k, n]) => `${n}× ${k}`);
}

/** The reason of a typed error; a result's texts are checked by the caller's `texts`. */
export function reasonsOf(outcome: Outcome): string[] {
  return outcome.ok ? [] : [outcome.reason];
}

function formatSize(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1_000) return `${Math.round(bytes / 1_000)} kB`;
  return `${bytes} B`;
}
