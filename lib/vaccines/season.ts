/**
 * Flu seasons and the covid cut-off.
 *
 * A flu season is named after the two calendar years it touches, `YYYY-YYYY+1`,
 * where YYYY is the year its window starts. The window is configurable; the
 * default runs from 1 September to 31 August of the next year. The season ends
 * on the day before the next season starts, so leap days are always covered
 * (a window starting 1 March ends on 28 or 29 February).
 *
 * Dates are ISO calendar dates (`YYYY-MM-DD`) handled in UTC: no time zone can
 * move a date into another season.
 */

export interface SeasonWindow {
  /** 1-12. */
  startMonth: number;
  /** 1-31, and a day that exists in that month every year (so never 29 February). */
  startDay: number;
}

export const DEFAULT_SEASON_WINDOW: SeasonWindow = Object.freeze({ startMonth: 9, startDay: 1 });

/** Vaccicard returns covid vaccinations registered on or after this date (domain.md). */
export const COVID_VACCICARD_CUTOFF = '2026-01-05';

export interface FluSeason {
  /** `2026-2027`. */
  label: string;
  /** First day of the season (inclusive). */
  start: string;
  /** Last day of the season (inclusive). */
  end: string;
}

export type SeasonInputReason =
  | 'invalid-date'
  | 'window-month-out-of-range'
  | 'window-day-out-of-range'
  | 'window-not-integer';

/** Thrown for an impossible date or season window; `reason` says which. */
export class SeasonInputError extends Error {
  readonly reason: SeasonInputReason;
  constructor(reason: SeasonInputReason) {
    super(`season: ${reason}`);
    this.reason = reason;
    this.name = 'SeasonInputError';
  }
}

export type SeasonWindowResult = { ok: true; value: SeasonWindow } | { ok: false; reason: SeasonInputReason };

/** February has 28 days here: a window must start on a day that exists every year. */
const DAYS_IN_MONTH_EVERY_YEAR = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Checks a window (e.g. from settings) without throwing. */
export function validateSeasonWindow(window: SeasonWindow): SeasonWindowResult {
  const { startMonth, startDay } = window;
  if (!Number.isInteger(startMonth) || !Number.isInteger(startDay)) {
    return { ok: false, reason: 'window-not-integer' };
  }
  if (startMonth < 1 || startMonth > 12) return { ok: false, reason: 'window-month-out-of-range' };
  const maxDay = DAYS_IN_MONTH_EVERY_YEAR[startMonth - 1]!;
  if (startDay < 1 || startDay > maxDay) return { ok: false, reason: 'window-day-out-of-range' };
  return { ok: true, value: { startMonth, startDay } };
}

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a real ISO calendar date; throws `invalid-date` otherwise. */
function toEpochDay(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new SeasonInputError('invalid-date');
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC maps years 0-99 to 1900-1999: such dates are out of scope and rejected.
  if (y < 100 || back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new SeasonInputError('invalid-date');
  }
  return Math.round(ms / MS_PER_DAY);
}

function fromEpochDay(day: number): string {
  const dt = new Date(day * MS_PER_DAY);
  const y = String(dt.getUTCFullYear()).padStart(4, '0');
  const m = String(dt.getUTCMonth() + 1).padStart(2, '0');
  const d = String(dt.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

function windowStart(year: number, window: SeasonWindow): number {
  return Math.round(Date.UTC(year, window.startMonth - 1, window.startDay) / MS_PER_DAY);
}

/** The flu season containing `date`. Throws SeasonInputError on a bad date or window. */
export function fluSeasonOf(date: string, window: SeasonWindow = DEFAULT_SEASON_WINDOW): FluSeason {
  const checked = validateSeasonWindow(window);
  if (!checked.ok) throw new SeasonInputError(checked.reason);
  const day = toEpochDay(date);
  const year = Number(date.slice(0, 4));
  const startYear = day >= windowStart(year, checked.value) ? year : year - 1;
  const start = windowStart(startYear, checked.value);
  const nextStart = windowStart(startYear + 1, checked.value);
  return {
    label: `${startYear}-${startYear + 1}`,
    start: fromEpochDay(start),
    end: fromEpochDay(nextStart - 1),
  };
}

/** True when `date` lies in the season, both ends included. */
export function isInSeason(date: string, season: { start: string; end: string }): boolean {
  const day = toEpochDay(date);
  return day >= toEpochDay(season.start) && day <= toEpochDay(season.end);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}
