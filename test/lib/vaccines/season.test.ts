import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  COVID_VACCICARD_CUTOFF,
  DEFAULT_SEASON_WINDOW,
  SeasonInputError,
  daysBetween,
  fluSeasonOf,
  isInSeason,
  validateSeasonWindow,
  type SeasonWindow,
} from '../../../lib/vaccines/season.ts';

const SEED = 20260105;

describe('fluSeasonOf with the default window (1 September - 31 August)', () => {
  it.each([
    ['2026-09-01', '2026-2027', '2026-09-01', '2027-08-31'],
    ['2026-08-31', '2025-2026', '2025-09-01', '2026-08-31'],
    ['2027-08-31', '2026-2027', '2026-09-01', '2027-08-31'],
    ['2026-12-31', '2026-2027', '2026-09-01', '2027-08-31'],
    ['2027-01-01', '2026-2027', '2026-09-01', '2027-08-31'],
    ['2026-01-05', '2025-2026', '2025-09-01', '2026-08-31'],
    ['2028-02-29', '2027-2028', '2027-09-01', '2028-08-31'],
    ['1999-09-01', '1999-2000', '1999-09-01', '2000-08-31'],
    ['2000-03-01', '1999-2000', '1999-09-01', '2000-08-31'],
  ])('%s is in season %s (%s to %s)', (date, label, start, end) => {
    expect(fluSeasonOf(date)).toEqual({ label, start, end });
  });

  it('uses the default window when none is given', () => {
    expect(DEFAULT_SEASON_WINDOW).toEqual({ startMonth: 9, startDay: 1 });
    expect(fluSeasonOf('2026-10-15', DEFAULT_SEASON_WINDOW)).toEqual(fluSeasonOf('2026-10-15'));
  });
});

describe('fluSeasonOf with a configured window', () => {
  const october: SeasonWindow = { startMonth: 10, startDay: 1 };
  it.each([
    ['2026-09-30', october, '2025-2026', '2025-10-01', '2026-09-30'],
    ['2026-10-01', october, '2026-2027', '2026-10-01', '2027-09-30'],
    // Leap years: a window starting 1 March ends on 28 or 29 February.
    ['2027-06-01', { startMonth: 3, startDay: 1 }, '2027-2028', '2027-03-01', '2028-02-29'],
    ['2028-02-29', { startMonth: 3, startDay: 1 }, '2027-2028', '2027-03-01', '2028-02-29'],
    ['2026-06-01', { startMonth: 3, startDay: 1 }, '2026-2027', '2026-03-01', '2027-02-28'],
    ['2026-09-14', { startMonth: 9, startDay: 15 }, '2025-2026', '2025-09-15', '2026-09-14'],
    ['2026-09-15', { startMonth: 9, startDay: 15 }, '2026-2027', '2026-09-15', '2027-09-14'],
    ['2026-12-31', { startMonth: 12, startDay: 31 }, '2026-2027', '2026-12-31', '2027-12-30'],
    ['2026-12-30', { startMonth: 12, startDay: 31 }, '2025-2026', '2025-12-31', '2026-12-30'],
    ['2026-01-01', { startMonth: 1, startDay: 1 }, '2026-2027', '2026-01-01', '2026-12-31'],
    ['2026-02-28', { startMonth: 2, startDay: 28 }, '2026-2027', '2026-02-28', '2027-02-27'],
    ['2028-02-28', { startMonth: 2, startDay: 28 }, '2028-2029', '2028-02-28', '2029-02-27'],
  ] as const)('%s with window %o is %s', (date, window, label, start, end) => {
    expect(fluSeasonOf(date, window)).toEqual({ label, start, end });
  });
});

describe('season window validation', () => {
  it.each([
    [{ startMonth: 2, startDay: 31 }, 'window-day-out-of-range'],
    [{ startMonth: 2, startDay: 30 }, 'window-day-out-of-range'],
    [{ startMonth: 2, startDay: 29 }, 'window-day-out-of-range'],
    [{ startMonth: 4, startDay: 31 }, 'window-day-out-of-range'],
    [{ startMonth: 9, startDay: 0 }, 'window-day-out-of-range'],
    [{ startMonth: 0, startDay: 1 }, 'window-month-out-of-range'],
    [{ startMonth: 13, startDay: 1 }, 'window-month-out-of-range'],
    [{ startMonth: 9.5, startDay: 1 }, 'window-not-integer'],
    [{ startMonth: 9, startDay: Number.NaN }, 'window-not-integer'],
  ] as const)('rejects %o (%s)', (window, reason) => {
    expect(validateSeasonWindow(window)).toEqual({ ok: false, reason });
    expect(() => fluSeasonOf('2026-10-01', window)).toThrowError(SeasonInputError);
    try {
      fluSeasonOf('2026-10-01', window);
    } catch (e) {
      expect((e as SeasonInputError).reason).toBe(reason);
    }
  });

  it.each([
    [{ startMonth: 1, startDay: 31 }],
    [{ startMonth: 2, startDay: 28 }],
    [{ startMonth: 12, startDay: 31 }],
    [{ startMonth: 10, startDay: 1 }],
  ])('accepts %o', (window) => {
    expect(validateSeasonWindow(window)).toEqual({ ok: true, value: window });
  });
});

describe('bad dates', () => {
  it.each(['2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '26-01-01', '2026-1-1', '', 'today', '0099-01-01'])(
    'fluSeasonOf(%j) throws invalid-date',
    (date) => {
      expect(() => fluSeasonOf(date)).toThrowError(expect.objectContaining({ reason: 'invalid-date' }));
    },
  );

  it('isInSeason and daysBetween reject bad dates with a typed error', () => {
    expect(() => isInSeason('2026-02-30', { start: '2025-09-01', end: '2026-08-31' })).toThrowError(SeasonInputError);
    expect(() => daysBetween('2026-01-01', 'x')).toThrowError(SeasonInputError);
  });
});

describe('isInSeason', () => {
  const season = { start: '2026-09-01', end: '2027-08-31' };
  it.each([
    ['2026-09-01', true],
    ['2027-08-31', true],
    ['2027-02-28', true],
    ['2026-08-31', false],
    ['2027-09-01', false],
    ['2020-01-01', false],
  ])('%s in 2026-2027: %s', (date, inside) => {
    expect(isInSeason(date, season)).toBe(inside);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-01-05', '2026-01-05', 0],
    ['2026-01-05', '2026-01-06', 1],
    ['2026-01-06', '2026-01-05', -1],
    ['2028-02-28', '2028-03-01', 2],
    ['2027-02-28', '2027-03-01', 1],
    ['2026-01-01', '2027-01-01', 365],
    ['2028-01-01', '2029-01-01', 366],
    // Across the March daylight-saving switch: still whole days.
    ['2026-03-28', '2026-03-30', 2],
    ['2026-10-24', '2026-10-26', 2],
  ])('%s to %s is %d days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });
});

describe('covid cut-off', () => {
  it('is the date Vaccicard starts returning covid lines', () => {
    expect(COVID_VACCICARD_CUTOFF).toBe('2026-01-05');
  });
});

const isoDate = fc
  .date({ min: new Date(Date.UTC(1950, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const validWindow = fc
  .integer({ min: 1, max: 12 })
  .chain((startMonth) =>
    fc.integer({ min: 1, max: [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][startMonth - 1]! }).map((startDay) => ({
      startMonth,
      startDay,
    })),
  );

describe('season properties', () => {
  it('every date lies in its own season, which lasts 365 or 366 days and starts on the window day', () => {
    fc.assert(
      fc.property(isoDate, validWindow, (date, window) => {
        const s = fluSeasonOf(date, window);
        expect(isInSeason(date, s)).toBe(true);
        expect([364, 365]).toContain(daysBetween(s.start, s.end));
        expect(Number(s.start.slice(5, 7))).toBe(window.startMonth);
        expect(Number(s.start.slice(8, 10))).toBe(window.startDay);
        expect(s.label).toBe(`${s.start.slice(0, 4)}-${Number(s.start.slice(0, 4)) + 1}`);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('the day after a season ends starts the next season', () => {
    fc.assert(
      fc.property(isoDate, validWindow, (date, window) => {
        const s = fluSeasonOf(date, window);
        const next = new Date(Date.parse(`${s.end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
        const n = fluSeasonOf(next, window);
        expect(n.start).toBe(next);
        expect(Number(n.label.slice(0, 4))).toBe(Number(s.label.slice(0, 4)) + 1);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('daysBetween is antisymmetric and additive', () => {
    fc.assert(
      fc.property(isoDate, isoDate, isoDate, (a, b, c) => {
        expect(daysBetween(a, b) + daysBetween(b, a)).toBe(0);
        expect(daysBetween(a, c)).toBe(daysBetween(a, b) + daysBetween(b, c));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
