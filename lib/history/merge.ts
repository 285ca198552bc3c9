/**
 * The merged vaccination history of one patient: this pharmacy's own lines and
 * the Vaccicard lines from the RSW and RSB hubs, as one list of lines in three
 * blocks. Pure: the same input gives the same output, whatever its order.
 *
 * Rules
 * 1. Not given. A Vaccicard record whose lifecycle says it was not given
 *    (`LIFECYCLE_MEANING` in lifecycle.ts: cancelled, aborted, refused,
 *    notadministrated, planned, ...) is left out. No lifecycle, or one not in
 *    the table, means given.
 * 2. Hub duplicates. RSW and RSB may return the same vaccination: equal record
 *    ids, a shared transaction id with the same date and vaccine, or the same
 *    date, vaccine and vaccinator RIZIV make one line with `hubs: ['rsw','rsb']`
 *    (details in vaccicard-groups.ts). Missing fields are filled from the copy.
 *    "Same vaccine" is as in rule 4, and the finer codes both records carry
 *    (Vaccinnet code, ATC, indications) must not contradict each other.
 * 3. Own. A Vaccicard line is own (green) when its vaccinator is one of
 *    `identity.pharmacistRizivs` (first eight digits) or its organisation is
 *    `identity.pharmacyNumber` (digits compared, separators ignored).
 * 4. Echo. An own vaccination and a Vaccicard line are the same vaccination when
 *    they have the same date, the same vaccine (same CNK when both carry one,
 *    otherwise the same disease) and, when both carry a vaccinator RIZIV, the
 *    same first eight digits. The patient is implied: one consultation is about
 *    one patient, and both lists were fetched for that patient. Matching is one
 *    to one: CNK matches first, then disease-only ones, each stage pairing as
 *    many lines as it can, in key order (echo-match.ts). A match is ONE line:
 *    own, confirmed, with the own line's source and key, the Vaccicard hubs, and
 *    registration state `confirmed` when the own line has a registration. Own
 *    fields win; missing ones come from Vaccicard (disease, CNK, name, RIZIV, lot).
 * 5. Other lines. An own Vaccicard line with no own counterpart: own, confirmed,
 *    source `Vaccicard`. An own line with no echo: own, not confirmed. Anything
 *    else: not own, source `Vaccicard`.
 * 6. Withdrawn or rejected registrations are shown with their state, but they
 *    are never matched, never confirmed, and never count as given (not for the
 *    flu-season check, not for the covid interval, no season warning).
 * 7. Blocks. `flu`: flu lines in the flu season that contains `today` (window
 *    `seasonWindow`, default 1 September). `covid`: covid lines dated on or after
 *    COVID_VACCICARD_CUTOFF. `other`: everything else (earlier seasons, earlier
 *    covid, other diseases, own lines with no disease). Each block is newest
 *    first; equal dates are ordered by key.
 * 8. Warnings. `cnk-check-failed`: the line's CNK fails its Luhn check (own CNK
 *    checked here, or a Vaccicard record that says `cnkValid: false`).
 *    `riziv-check-failed`: the line's vaccinator RIZIV is not a valid 11-digit
 *    number (or a record says `rizivValid: false`). `flu-already-this-season`:
 *    every given flu line of the current season that has an earlier given one in
 *    that season (earlier by date, then by key).
 * 9. Summary. `fluThisSeason`: a given flu line in the current season dated on or
 *    before `today`. `lastCovidDate` / `daysSinceLastCovid`: the latest given
 *    covid dose in any block dated on or before `today`.
 * 10. Keys. Own lines (matched or not): `own:<id>`; Vaccicard lines:
 *    `vaccicard:<smallest record id>`. Equal own ids get `#2`, `#3`, ... in
 *    content order. Keys are unique and the same for the same input, and an own
 *    line keeps its key when Vaccicard starts echoing it.
 */
import {
  type Disease,
  type HubId,
  type IsoDate,
  type LineWarning,
  type MergedHistory,
  type OwnVaccination,
  type RegistrationState,
  type VaccinationLine,
  type VaccinationRecord,
} from '../vaccination.ts';
import { parseCnk } from '../identifiers/cnk.ts';
import { isValidProviderRiziv } from '../identifiers/riziv.ts';
import {
  COVID_VACCICARD_CUTOFF,
  DEFAULT_SEASON_WINDOW,
  daysBetween,
  fluSeasonOf,
  isInSeason,
  type SeasonWindow,
} from '../vaccines/season.ts';
import { canonicalJson, compareStrings } from './canonical.ts';
import { matchEchoes, type KeyedOwn } from './echo-match.ts';
import { isAdministered } from './lifecycle.ts';
import { isOwnRecord, type PharmacyIdentity } from './own-detection.ts';
import { groupVaccicardRecords, type VaccicardEntry, type VaccicardGroup } from './vaccicard-groups.ts';

export type { PharmacyIdentity } from './own-detection.ts';

export interface MergeInput {
  /** From RSW and RSB; the same vaccination may come from both. */
  vaccicard: Array<{ hub: HubId; record: VaccinationRecord }>;
  /** This pharmacy's lines: from the host page and registrations made through this product. */
  own: OwnVaccination[];
  identity: PharmacyIdentity;
  today: IsoDate;
  seasonWindow?: SeasonWindow;
}

/** Where a line came from: the inputs it stands for. */
export interface LineProvenance {
  own?: OwnVaccination;
  vaccicard: VaccicardEntry[];
}

export interface DetailedMerge {
  history: MergedHistory;
  /** By line key. Every given input is in exactly one line. */
  provenance: Map<string, LineProvenance>;
  /** Vaccicard records left out because their lifecycle says they were not given. */
  notAdministered: VaccicardEntry[];
}

/** Registration states that mean the vaccination does not count as given. */
const VOID_REGISTRATION_STATES: ReadonlySet<RegistrationState> = new Set(['withdrawn', 'rejected']);

const countsAsGiven = (own: OwnVaccination) =>
  !(own.registration && VOID_REGISTRATION_STATES.has(own.registration.state));

/**
 * Merges one patient's own and Vaccicard vaccinations (rules at the top of this file).
 * Throws SeasonInputError when `today` is not a real date or `seasonWindow` is
 * impossible (settings check windows with validateSeasonWindow first).
 */
export function mergeHistory(input: MergeInput): MergedHistory {
  return mergeHistoryDetailed(input).history;
}

interface DraftLine {
  line: VaccinationLine;
  given: boolean;
  provenance: LineProvenance;
}

/** `mergeHistory` plus, for each line, the inputs it stands for (tests, diagnostics). */
export function mergeHistoryDetailed(input: MergeInput): DetailedMerge {
  const window = input.seasonWindow ?? DEFAULT_SEASON_WINDOW;
  const season = fluSeasonOf(input.today, window);

  const administered: VaccicardEntry[] = [];
  const notAdministered: VaccicardEntry[] = [];
  for (const entry of input.vaccicard) {
    (isAdministered(entry.record.lifecycle) ? administered : notAdministered).push(entry);
  }
  const groups = groupVaccicardRecords(administered);
  const owns = keyOwnLines(input.own);

  const pairs = matchEchoes(
    owns.filter((o) => countsAsGiven(o.own)).sort((a, b) => compareStrings(a.key, b.key)),
    groups,
  );
  const groupOfOwn = new Map(pairs.map((p) => [p.own.key, p.group]));
  const echoedGroups = new Set(pairs.map((p) => p.group.key));

  const drafts: DraftLine[] = [];
  for (const o of owns) drafts.push(ownLine(o, groupOfOwn.get(o.key)));
  for (const g of groups) if (!echoedGroups.has(g.key)) drafts.push(vaccicardLine(g, input.identity));

  const flu: DraftLine[] = [];
  const covid: DraftLine[] = [];
  const other: DraftLine[] = [];
  for (const d of drafts) {
    if (d.line.disease === 'flu' && isInSeason(d.line.date, season)) flu.push(d);
    else if (d.line.disease === 'covid' && d.line.date >= COVID_VACCICARD_CUTOFF) covid.push(d);
    else other.push(d);
  }

  // A second given flu dose in the season: warn on every dose after the first.
  const fluGiven = flu.filter((d) => d.given).sort(oldestFirst);
  for (const d of fluGiven.slice(1)) d.line.warnings.push({ kind: 'flu-already-this-season' });

  const fluThisSeason = fluGiven.some((d) => d.line.date <= input.today);
  const covidDates = drafts
    .filter((d) => d.given && d.line.disease === 'covid' && d.line.date <= input.today)
    .map((d) => d.line.date)
    .sort(compareStrings);
  const lastCovidDate = covidDates.at(-1);

  const summary: MergedHistory['summary'] = { fluThisSeason };
  if (lastCovidDate !== undefined) {
    summary.lastCovidDate = lastCovidDate;
    summary.daysSinceLastCovid = daysBetween(lastCovidDate, input.today);
  }

  const provenance = new Map(drafts.map((d) => [d.line.key, d.provenance]));
  const newestFirst = (list: DraftLine[]) =>
    list
      .sort((a, b) => compareStrings(b.line.date, a.line.date) || compareStrings(a.line.key, b.line.key))
      .map((d) => d.line);
  return {
    history: {
      season: season.label,
      flu: newestFirst(flu),
      covid: newestFirst(covid),
      other: newestFirst(other),
      summary,
    },
    provenance,
    notAdministered,
  };
}

/** Date ascending; equal dates by key ascending. */
function oldestFirst(a: DraftLine, b: DraftLine): number {
  return compareStrings(a.line.date, b.line.date) || compareStrings(a.line.key, b.line.key);
}

/** Own keys from ids, made unique in content order so that input order does not matter. */
function keyOwnLines(own: readonly OwnVaccination[]): KeyedOwn[] {
  const sorted = [...own].sort(
    (a, b) => compareStrings(a.id, b.id) || compareStrings(canonicalJson(a), canonicalJson(b)),
  );
  const used = new Set<string>();
  return sorted.map((o) => {
    const base = `own:${o.id}`;
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}#${n}`;
    used.add(key);
    return { key, own: o };
  });
}

function ownLine({ key, own }: KeyedOwn, echo: VaccicardGroup | undefined): DraftLine {
  const record = echo?.record;
  const disease: Disease = own.disease ?? record?.disease ?? 'other';
  const cnk = own.cnk ?? record?.cnk;
  const riziv = present(own.riziv) ?? present(record?.vaccinator?.riziv);
  const line: VaccinationLine = withoutUndefined({
    key,
    date: own.date,
    disease,
    cnk,
    name: own.name ?? record?.name,
    riziv,
    vaccinatorRole: record?.vaccinator?.role,
    lot: own.lot ?? record?.lot,
    source: own.source,
    own: true,
    confirmed: echo !== undefined,
    hubs: echo ? [...echo.hubs] : [],
    registration: own.registration && (echo ? { id: own.registration.id, state: 'confirmed' } : { ...own.registration }),
    warnings: identifierWarnings(cnk, riziv, echo ? [echo.record] : []),
  });
  return { line, given: countsAsGiven(own), provenance: { own, vaccicard: echo ? [...echo.entries] : [] } };
}

function vaccicardLine(group: VaccicardGroup, identity: PharmacyIdentity): DraftLine {
  const record = group.record;
  const own = group.entries.some((e) => isOwnRecord(e.record, identity));
  const line: VaccinationLine = withoutUndefined({
    key: `vaccicard:${group.key}`,
    date: record.date,
    disease: record.disease,
    cnk: record.cnk,
    name: record.name,
    riziv: present(record.vaccinator?.riziv),
    vaccinatorRole: record.vaccinator?.role,
    lot: record.lot,
    source: 'Vaccicard' as const,
    own,
    confirmed: own,
    hubs: [...group.hubs],
    warnings: identifierWarnings(record.cnk, present(record.vaccinator?.riziv), [record]),
  });
  return { line, given: true, provenance: { vaccicard: [...group.entries] } };
}

function identifierWarnings(
  cnk: string | undefined,
  riziv: string | undefined,
  records: readonly VaccinationRecord[],
): LineWarning[] {
  const warnings: LineWarning[] = [];
  if (cnk !== undefined) {
    const parsed = parseCnk(cnk);
    const flagged = records.some((r) => r.cnk === cnk && r.cnkValid === false);
    if (!parsed.ok || !parsed.value.checkDigitValid || flagged) warnings.push({ kind: 'cnk-check-failed', cnk });
  }
  if (riziv !== undefined) {
    const flagged = records.some((r) => r.vaccinator?.riziv === riziv && r.vaccinator.rizivValid === false);
    if (!isValidProviderRiziv(riziv) || flagged) warnings.push({ kind: 'riziv-check-failed', riziv });
  }
  return warnings;
}

/** A blank string is no value. */
function present(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

/** Drops `undefined` members so lines carry only what is known. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
