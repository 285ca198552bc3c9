/**
 * Warnings shown before a registration is sent. They never block: the
 * pharmacist may proceed (a second flu dose can be intended, a history line
 * can be wrong).
 *
 * - `flu-already-this-season`: registering a flu vaccination while the
 *   history already has a given flu vaccination in the flu season of the
 *   administration date (not necessarily today's season: a late registration
 *   of 30 August belongs to the season that ends that day).
 * - `covid-dose-recent`: registering a covid vaccination within
 *   `covidMinIntervalDays` (default 90) of another given covid dose, before
 *   or after it. 90 days: the Belgian Superior Health Council advises at least
 *   three months between covid-19 doses (and after an infection). Not
 *   verified against its latest advice: one constant, configurable per call.
 *
 * History lines count only when given: the merge already leaves out
 * Vaccicard records that were not administered; here registrations of this
 * pharmacy that were withdrawn or rejected are left out too, and so are lines
 * dated after `today` (a date in the future is not a given dose).
 */
import { z } from 'zod';
import { DEFAULT_SEASON_WINDOW, daysBetween, fluSeasonOf, isInSeason, type SeasonWindow } from '../vaccines/season.ts';
import { IsoDate, type Disease, type MergedHistory, type VaccinationLine } from '../vaccination.ts';
import { brusselsToday } from './brussels-time.ts';

export const DEFAULT_COVID_MIN_INTERVAL_DAYS = 90;

export const RegistrationWarning = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('flu-already-this-season'),
    /** `2026-2027`. */
    season: z.string(),
    /** Dates of the flu vaccinations already in that season, oldest first. */
    dates: z.array(IsoDate).min(1),
  }),
  z.object({
    kind: z.literal('covid-dose-recent'),
    /** The covid dose closest to the administration date. */
    otherDate: IsoDate,
    /** Whole days between the two doses (0 = same day). */
    days: z.number().int().nonnegative(),
    minimumIntervalDays: z.number().int().positive(),
  }),
]);
export type RegistrationWarning = z.infer<typeof RegistrationWarning>;

export interface RegistrationWarningOptions {
  /** Default 90 days. */
  covidMinIntervalDays?: number;
  /** The pharmacy's flu-season window (settings); default 1 September. */
  seasonWindow?: SeasonWindow;
}

/** What the warnings need of a registration: a checked `Registration` fits. */
export interface WarningSubject {
  administrationDate: IsoDate;
  vaccine: { disease: Disease };
}

const NOT_GIVEN_STATES: ReadonlySet<string> = new Set(['withdrawn', 'rejected']);

function givenLines(history: MergedHistory, today: IsoDate, disease: Disease): VaccinationLine[] {
  return [...history.flu, ...history.covid, ...history.other].filter(
    (line) =>
      line.disease === disease &&
      !NOT_GIVEN_STATES.has(line.registration?.state ?? '') &&
      daysBetween(line.date, today) >= 0,
  );
}

export function registrationWarnings(
  registration: WarningSubject,
  history: MergedHistory,
  today: string | Date,
  options: RegistrationWarningOptions = {},
): RegistrationWarning[] {
  const todayIso = today instanceof Date ? brusselsToday(today) : today;
  if (!IsoDate.safeParse(todayIso).success) throw new RangeError('registrationWarnings: today must be a YYYY-MM-DD date');
  const minInterval = options.covidMinIntervalDays ?? DEFAULT_COVID_MIN_INTERVAL_DAYS;
  if (!Number.isInteger(minInterval) || minInterval < 1) {
    throw new RangeError('registrationWarnings: covidMinIntervalDays must be a whole number ≥ 1');
  }
  const date = registration.administrationDate;
  const warnings: RegistrationWarning[] = [];

  if (registration.vaccine.disease === 'flu') {
    const season = fluSeasonOf(date, options.seasonWindow ?? DEFAULT_SEASON_WINDOW);
    const dates = [...new Set(givenLines(history, todayIso, 'flu').map((l) => l.date).filter((d) => isInSeason(d, season)))].sort();
    if (dates.length > 0) warnings.push({ kind: 'flu-already-this-season', season: season.label, dates });
  }

  if (registration.vaccine.disease === 'covid') {
    let closest: { date: IsoDate; days: number } | undefined;
    for (const line of givenLines(history, todayIso, 'covid')) {
      const days = Math.abs(daysBetween(line.date, date));
      if (!closest || days < closest.days || (days === closest.days && line.date > closest.date)) {
        closest = { date: line.date, days };
      }
    }
    if (closest && closest.days < minInterval) {
      warnings.push({ kind: 'covid-dose-recent', otherDate: closest.date, days: closest.days, minimumIntervalDays: minInterval });
    }
  }
  return warnings;
}
