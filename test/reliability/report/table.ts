/**
 * The reliability report: recorded figures → rows (measure, value, required,
 * verdict) → a Markdown table, the same text in the terminal and in
 * docs/reliability.md. Pure: no file or clock access.
 */
import type { BrowserFigures, FaultFigures, HostileFigures, IdentifierFigures, LoadFigures, RecordedFigures, RegistrationFigures } from './figures.ts';

export interface ReportRow {
  area: string;
  measure: string;
  value: string;
  required: string;
  /** `ok`, `FAIL`, or `—` when the row is informative only. */
  verdict: 'ok' | 'FAIL' | '—';
}

const n = (x: number) => x.toLocaleString('en-US');
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${Math.round(x)} ms`);
const mb = (x: number) => `${x.toFixed(1)} MB`;
const zero = (area: string, measure: string, value: number): ReportRow => ({ area, measure, value: n(value), required: '0', verdict: value === 0 ? 'ok' : 'FAIL' });
const info = (area: string, measure: string, value: string): ReportRow => ({ area, measure, value, required: '', verdict: '—' });
const all = (area: string, measure: string, done: number, of: number): ReportRow => ({ area, measure, value: `${n(done)} / ${n(of)}`, required: 'all', verdict: done === of && of > 0 ? 'ok' : 'FAIL' });

const BOUNDARY_WORDS: Record<HostileFigures['boundary'], string> = {
  kmehr: 'KMEHR messages (extension: parse + history)',
  soap: 'hub SOAP answers (companion: list, transaction, fault)',
  'hub-bytes': 'hub answer bytes (companion: bytes → text → parse)',
  'registration-soap': 'registration answers (companion: PutTransaction, RevokeTransaction, Vaccinnet)',
};

/** Slowest input tolerated, per boundary (inputs go up to a few megabytes). */
export const SLOWEST_LIMIT_MS = 10_000;

function hostileRows(all_: HostileFigures[]): ReportRow[] {
  if (all_.length === 0) return [];
  const area = 'Hostile input';
  const sum = (k: 'inputs' | 'correct' | 'rejected' | 'crashes' | 'pollutions' | 'leaks' | 'wrong') => all_.reduce((a, f) => a + f[k], 0);
  const rows: ReportRow[] = all_.map((f) =>
    info(area, `inputs tried: ${BOUNDARY_WORDS[f.boundary]}`, `${n(f.inputs)} (${n(f.correct)} correct result, ${n(f.rejected)} typed error)`),
  );
  rows.push(info(area, 'inputs tried, all boundaries', n(sum('inputs'))));
  rows.push({ area, measure: 'rejected with a typed error and a reason', value: n(sum('rejected')), required: 'as expected', verdict: sum('wrong') === 0 ? 'ok' : 'FAIL' });
  rows.push(zero(area, 'wrong outcome (result or error other than the expected one)', sum('wrong')));
  rows.push(zero(area, 'crashes (threw past the boundary)', sum('crashes')));
  rows.push(zero(area, 'prototype pollutions', sum('pollutions')));
  rows.push(zero(area, 'reasons quoting planted patient data', sum('leaks')));
  const slowest = all_.reduce((a, f) => (f.slowestMs > a.slowestMs ? f : a));
  rows.push({
    area,
    measure: 'slowest input',
    value: `${ms(slowest.slowestMs)}: ${slowest.slowestInput}`,
    required: `< ${ms(SLOWEST_LIMIT_MS)}`,
    verdict: slowest.slowestMs < SLOWEST_LIMIT_MS ? 'ok' : 'FAIL',
  });
  const families = new Map<string, { tried: number; rejected: number }>();
  for (const f of all_) {
    for (const [name, c] of Object.entries(f.families)) {
      const t = families.get(name) ?? { tried: 0, rejected: 0 };
      families.set(name, { tried: t.tried + c.tried, rejected: t.rejected + c.rejected });
    }
  }
  rows.push(info(area, 'by family (tried / rejected)', [...families].sort(([a], [b]) => a.localeCompare(b)).map(([k, c]) => `${k} ${n(c.tried)}/${n(c.rejected)}`).join(', ')));
  return rows;
}

function identifierRows(f: IdentifierFigures | undefined): ReportRow[] {
  if (!f) return [];
  const area = 'Identifiers';
  return [
    all(area, 'valid INSZ and BIS generated (both centuries) accepted', f.validInsz.accepted, f.validInsz.tried),
    all(area, 'valid RIZIV generated (mod 97, mod 89, 11 and 8 digits) accepted', f.validRiziv.accepted, f.validRiziv.tried),
    all(area, `INSZ single-digit changes and adjacent transpositions that break the check, rejected (${n(f.inszMutants.stillValid)} others still pass a check)`, f.inszMutants.rejected, f.inszMutants.breaking),
    all(area, `RIZIV single-digit changes and adjacent transpositions that break the check, rejected (${n(f.rizivMutants.stillValid)} others still pass a check)`, f.rizivMutants.rejected, f.rizivMutants.breaking),
  ];
}

function faultRows(f: FaultFigures | undefined): ReportRow[] {
  if (!f) return [];
  const area = 'Faults (one hub)';
  const rows = f.scenarios.map((s): ReportRow => ({
    area,
    measure: `${s.fault} → ${s.expectedCode} (slowest ${ms(s.maxMs)}, hub timeout ${ms(s.timeoutMs)}), other hub's data returned`,
    value: `${n(s.survived)} / ${n(s.rounds)}`,
    required: 'all',
    verdict: s.survived === s.rounds && s.rounds > 0 ? 'ok' : 'FAIL',
  }));
  const survived = f.scenarios.reduce((a, s) => a + s.survived, 0);
  const rounds = f.scenarios.reduce((a, s) => a + s.rounds, 0);
  rows.push(all(area, 'faults survived', survived, rounds));
  const m = f.memory;
  const growth = m.heapAfterMb - m.heapBeforeMb;
  rows.push({
    area,
    measure: `memory after ${n(m.faultedCalls)} faulted consultations (heap after GC, RSS)`,
    value: `heap ${mb(m.heapBeforeMb)} → ${mb(m.heapAfterMb)}, RSS ${mb(m.rssBeforeMb)} → ${mb(m.rssAfterMb)}`,
    required: 'heap growth < 10 MB',
    verdict: growth < 10 ? 'ok' : 'FAIL',
  });
  rows.push(zero(area, 'hub connections left open after the faulted calls', m.openConnectionsAfter));
  return rows;
}

function loadRows(f: LoadFigures | undefined): ReportRow[] {
  if (!f) return [];
  const area = 'Load';
  const kinds = Object.entries(f.errorKinds).map(([k, c]) => `${k} ${c}`).join(', ');
  return [
    info(
      area,
      `consultations: ${f.concurrency} concurrent from ${f.tabs} simulated tabs for ${f.durationS} s`,
      `${n(f.requests)} (${n(f.ok)} answered, ${(f.ok / f.durationS).toFixed(1)} a second; ${n(f.rateLimited)} rate-limited)`,
    ),
    { ...zero(area, 'errors other than the rate limit', f.errors), ...(kinds ? { value: `${n(f.errors)} (${kinds})` } : {}) },
    info(area, 'latency p50 / p99 / max', `${ms(f.p50Ms)} / ${ms(f.p99Ms)} / ${ms(f.maxMs)}`),
    info(area, 'companion peak RSS', mb(f.peakRssMb)),
    {
      area,
      measure: `rate limit (burst ${f.rateLimit.burst}): 429 with Retry-After, then answers again`,
      value: `${n(f.rateLimit.answered429)} × 429, Retry-After ${f.rateLimit.retryAfterSeconds} s, ${f.rateLimit.recovered ? 'recovered' : 'NOT recovered'}`,
      required: '429 and recovers',
      verdict: f.rateLimit.answered429 > 0 && f.rateLimit.recovered ? 'ok' : 'FAIL',
    },
  ];
}

function registrationRows(f: RegistrationFigures | undefined): ReportRow[] {
  if (!f) return [];
  const area = 'Registrations';
  return [
    info(
      area,
      `accepted / stored upstream, across ${f.kills} SIGKILLs of the companion at random moments`,
      `${n(f.accepted)} / ${n(f.stored)} (${n(f.unansweredAtKills)} requests cut off by a kill and resent; ${n(f.resendsRecognised)} Vaccinnet resends recognised by id)`,
    ),
    zero(area, 'registrations lost', f.lost),
    zero(area, 'registrations duplicated', f.duplicated),
  ];
}

function browserRows(f: BrowserFigures | undefined): ReportRow[] {
  if (!f) return [];
  return f.scenarios.map((s) => ({ area: 'Extension under stress', measure: s.name, value: s.detail, required: 'passes', verdict: s.passed ? 'ok' : 'FAIL' }));
}

export function reportRows(recorded: readonly RecordedFigures[]): ReportRow[] {
  const figures = recorded.map((r) => r.figures);
  const one = <P extends RecordedFigures['figures']['part']>(part: P) => figures.find((f) => f.part === part) as Extract<RecordedFigures['figures'], { part: P }> | undefined;
  const browsers = figures.filter((f): f is BrowserFigures => f.part === 'browser');
  const browser = browsers.length > 0 ? { part: 'browser' as const, scenarios: browsers.flatMap((b) => b.scenarios) } : undefined;
  return [
    ...hostileRows(figures.filter((f): f is HostileFigures => f.part === 'hostile')),
    ...identifierRows(one('identifiers')),
    ...faultRows(one('faults')),
    ...loadRows(one('load')),
    ...registrationRows(one('registrations')),
    ...browserRows(browser),
  ];
}

/** The parts the full suite records: any missing one is named under the table. */
export const EXPECTED_PARTS = ['hostile-kmehr', 'hostile-soap', 'hostile-hub-bytes', 'hostile-registration-soap', 'identifiers', 'faults', 'load', 'registrations', 'browser-worker', 'browser-page'] as const;

const escapeCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function markdownTable(rows: readonly ReportRow[]): string {
  const lines = ['| Area | Measure | Value | Required | |', '|---|---|---|---|---|'];
  let lastArea = '';
  for (const r of rows) {
    lines.push(`| ${r.area === lastArea ? '' : escapeCell(r.area)} | ${escapeCell(r.measure)} | ${escapeCell(r.value)} | ${escapeCell(r.required)} | ${r.verdict} |`);
    lastArea = r.area;
  }
  return lines.join('\n');
}

export interface Report {
  table: string;
  failed: number;
  missing: string[];
  profiles: string[];
}

export function buildReport(recorded: readonly RecordedFigures[]): Report {
  const rows = reportRows(recorded);
  const names = new Set(recorded.map((r) => r.name));
  return {
    table: markdownTable(rows),
    failed: rows.filter((r) => r.verdict === 'FAIL').length,
    missing: EXPECTED_PARTS.filter((p) => !names.has(p)),
    profiles: [...new Set(recorded.map((r) => r.profile))].sort(),
  };
}
