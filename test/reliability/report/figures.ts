/**
 * The figures each part of the suite measures, as one zod schema per part.
 * A test file writes its figures (recordFigures) before it asserts on them,
 * so a failing run still reports what it saw; the report reads them back
 * (readAllFigures) and prints the table.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const FIGURES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test-results/reliability');

const Count = z.number().int().nonnegative();

/** Inputs fed to one parser boundary. */
export const HostileFigures = z.object({
  part: z.literal('hostile'),
  /**
   * Which boundary: `kmehr` (parseKmehrMessage + history), `soap` (consultation answers), `hub-bytes`
   * (bytes → text in the companion), `registration-soap` (PutTransaction/RevokeTransaction, Vaccinnet answers).
   */
  boundary: z.enum(['kmehr', 'soap', 'hub-bytes', 'registration-soap']),
  inputs: Count,
  /** Ended in the result the generator expected. */
  correct: Count,
  /** Ended in a typed error with a non-empty reason (what the generator expected). */
  rejected: Count,
  /** Threw past the boundary. */
  crashes: Count,
  /** Object/Array/Function/String prototypes changed. */
  pollutions: Count,
  /** A reason or warning quoted a patient number or name planted in the input. */
  leaks: Count,
  /** Outcome other than the one expected (a wrong result, or the wrong error). */
  wrong: Count,
  slowestMs: z.number().nonnegative(),
  slowestInput: z.string(),
  /** Per hostile family: tried / rejected. */
  families: z.record(z.string(), z.object({ tried: Count, rejected: Count })),
});
export type HostileFigures = z.infer<typeof HostileFigures>;

export const IdentifierFigures = z.object({
  part: z.literal('identifiers'),
  validInsz: z.object({ tried: Count, accepted: Count }),
  validRiziv: z.object({ tried: Count, accepted: Count }),
  /** Single-digit changes and adjacent transpositions: those that break every check, and how many of them were rejected. */
  inszMutants: z.object({ breaking: Count, rejected: Count, stillValid: Count }),
  rizivMutants: z.object({ breaking: Count, rejected: Count, stillValid: Count }),
});
export type IdentifierFigures = z.infer<typeof IdentifierFigures>;

export const FaultScenario = z.object({
  fault: z.string(),
  rounds: Count,
  /** Rounds that ended in the expected typed failure of the faulted hub, the other hub's data intact, within the deadline. */
  survived: Count,
  expectedCode: z.string(),
  /** Slowest failure of the faulted hub (its own duration as the companion measured it), against its timeout. */
  maxMs: z.number().nonnegative(),
  timeoutMs: z.number().positive(),
});

export const FaultFigures = z.object({
  part: z.literal('faults'),
  scenarios: z.array(FaultScenario),
  memory: z.object({
    faultedCalls: Count,
    heapBeforeMb: z.number(),
    heapAfterMb: z.number(),
    rssBeforeMb: z.number(),
    rssAfterMb: z.number(),
    /** Sockets the proxy still held open towards the companion after the calls. */
    openConnectionsAfter: Count,
  }),
});
export type FaultFigures = z.infer<typeof FaultFigures>;

export const LoadFigures = z.object({
  part: z.literal('load'),
  tabs: Count,
  concurrency: Count,
  durationS: z.number().positive(),
  requests: Count,
  ok: Count,
  rateLimited: Count,
  /** Anything but 200 or 429: refused connections, resets, 5xx, wrong bodies. */
  errors: Count,
  errorKinds: z.record(z.string(), Count),
  p50Ms: z.number().nonnegative(),
  p99Ms: z.number().nonnegative(),
  maxMs: z.number().nonnegative(),
  peakRssMb: z.number().nonnegative(),
  rateLimit: z.object({
    burst: Count,
    answered429: Count,
    retryAfterSeconds: z.number().nonnegative(),
    recovered: z.boolean(),
  }),
});
export type LoadFigures = z.infer<typeof LoadFigures>;

export const RegistrationFigures = z.object({
  part: z.literal('registrations'),
  kills: Count,
  accepted: Count,
  stored: Count,
  lost: Count,
  duplicated: Count,
  /** Deliveries the upstream received beyond one per registration (resends recognised by id). */
  resendsRecognised: Count,
  /** Requests still unanswered when the companion was killed (resent later with the same key). */
  unansweredAtKills: Count,
});
export type RegistrationFigures = z.infer<typeof RegistrationFigures>;

export const BrowserFigures = z.object({
  part: z.literal('browser'),
  scenarios: z.array(z.object({ name: z.string(), passed: z.boolean(), detail: z.string() })),
});
export type BrowserFigures = z.infer<typeof BrowserFigures>;

export const Figures = z.discriminatedUnion('part', [HostileFigures, IdentifierFigures, FaultFigures, LoadFigures, RegistrationFigures, BrowserFigures]);
export type Figures = z.infer<typeof Figures>;

export interface RecordedFigures {
  /** File name without extension: one per test file and boundary. */
  name: string;
  profile: string;
  recordedAt: string;
  figures: Figures;
}

/** Writes (replaces) one part's figures. */
export function recordFigures(name: string, figures: Figures): void {
  const checked = Figures.parse(figures);
  mkdirSync(FIGURES_DIR, { recursive: true });
  const entry: RecordedFigures = {
    name,
    profile: process.env.RELIABILITY_PROFILE === 'full' ? 'full' : 'light',
    recordedAt: new Date().toISOString(),
    figures: checked,
  };
  writeFileSync(path.join(FIGURES_DIR, `${name}.json`), `${JSON.stringify(entry, null, 2)}\n`);
}

/** Every part recorded so far; files that do not parse are reported, not skipped silently. */
export function readAllFigures(dir: string = FIGURES_DIR): { recorded: RecordedFigures[]; unreadable: string[] } {
  const recorded: RecordedFigures[] = [];
  const unreadable: string[] = [];
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return { recorded, unreadable };
  }
  for (const file of files) {
    try {
      const raw = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Partial<RecordedFigures>;
      const figures = Figures.parse(raw.figures);
      recorded.push({ name: String(raw.name), profile: String(raw.profile), recordedAt: String(raw.recordedAt), figures });
    } catch {
      unreadable.push(file);
    }
  }
  return { recorded, unreadable };
}

/** Forgets every recorded part (the runner does this before a run, so the table is of one run). */
export function clearFigures(dir: string = FIGURES_DIR): void {
  rmSync(dir, { recursive: true, force: true });
}
