import { describe, expect, it } from 'vitest';
import {
  DEFAULT_COVID_MIN_INTERVAL_DAYS,
  RegistrationWarning,
  registrationWarnings,
  type WarningSubject,
} from '../../../lib/registration/warnings.ts';
import type { Disease, MergedHistory, RegistrationState, VaccinationLine } from '../../../lib/vaccination.ts';

let n = 0;
function line(disease: Disease, date: string, state?: RegistrationState): VaccinationLine {
  n += 1;
  const l: VaccinationLine = {
    key: `k${n}`,
    date,
    disease,
    source: 'Vaccicard',
    own: state !== undefined,
    confirmed: false,
    hubs: ['rsw'],
    warnings: [],
  };
  if (state) l.registration = { id: `r${n}`, state };
  return l;
}

/** Lines in the blocks the merge would put them in (only the block matters little: every block is read). */
function history(lines: VaccinationLine[]): MergedHistory {
  return {
    season: '2026-2027',
    flu: lines.filter((l) => l.disease === 'flu' && l.date >= '2026-09-01'),
    covid: lines.filter((l) => l.disease === 'covid'),
    other: lines.filter((l) => l.disease === 'other' || (l.disease === 'flu' && l.date < '2026-09-01')),
    summary: { fluThisSeason: false },
  };
}

const subject = (disease: Disease, administrationDate = '2026-10-15'): WarningSubject => ({ administrationDate, vaccine: { disease } });
const TODAY = '2026-10-15';

describe('registrationWarnings: flu', () => {
  it('warns when a flu vaccination is already in the season, with its dates', () => {
    const w = registrationWarnings(subject('flu'), history([line('flu', '2026-10-02'), line('flu', '2026-09-20')]), TODAY);
    expect(w).toEqual([{ kind: 'flu-already-this-season', season: '2026-2027', dates: ['2026-09-20', '2026-10-02'] }]);
    expect(RegistrationWarning.array().parse(w)).toEqual(w);
  });

  it('does not warn for a flu vaccination of the previous season', () => {
    expect(registrationWarnings(subject('flu'), history([line('flu', '2026-08-31')]), TODAY)).toEqual([]);
  });

  it('uses the season of the administration date, not of today', () => {
    // Registered on 2 September for 30 August: the 2025-2026 season.
    const h = history([line('flu', '2025-10-20'), line('flu', '2026-09-01')]);
    expect(registrationWarnings(subject('flu', '2026-08-30'), h, '2026-09-02')).toEqual([
      { kind: 'flu-already-this-season', season: '2025-2026', dates: ['2025-10-20'] },
    ]);
  });

  it('follows the configured season window', () => {
    const h = history([line('flu', '2026-09-20')]);
    expect(registrationWarnings(subject('flu'), h, TODAY, { seasonWindow: { startMonth: 10, startDay: 1 } })).toEqual([]);
  });

  it('ignores withdrawn and rejected registrations and lines dated after today', () => {
    const h = history([line('flu', '2026-10-01', 'withdrawn'), line('flu', '2026-10-02', 'rejected'), line('flu', '2026-10-20')]);
    expect(registrationWarnings(subject('flu'), h, TODAY)).toEqual([]);
  });

  it('counts this pharmacy\'s pending, sent and confirmed registrations', () => {
    for (const state of ['pending', 'sent', 'confirmed'] as const) {
      expect(registrationWarnings(subject('flu'), history([line('flu', '2026-10-01', state)]), TODAY)).toHaveLength(1);
    }
  });

  it('covid doses do not count as flu, and other vaccines get no warning', () => {
    const h = history([line('covid', '2026-10-01'), line('flu', '2026-10-01')]);
    expect(registrationWarnings(subject('flu'), history([line('covid', '2026-10-01')]), TODAY)).toEqual([]);
    expect(registrationWarnings(subject('other'), h, TODAY)).toEqual([]);
  });
});

describe('registrationWarnings: covid', () => {
  it(`default interval ${DEFAULT_COVID_MIN_INTERVAL_DAYS} days: 89 days warns, 90 does not`, () => {
    expect(DEFAULT_COVID_MIN_INTERVAL_DAYS).toBe(90);
    expect(registrationWarnings(subject('covid'), history([line('covid', '2026-07-18')]), TODAY)).toEqual([
      { kind: 'covid-dose-recent', otherDate: '2026-07-18', days: 89, minimumIntervalDays: 90 },
    ]);
    expect(registrationWarnings(subject('covid'), history([line('covid', '2026-07-17')]), TODAY)).toEqual([]);
  });

  it('reports the closest dose, before or after the administration date', () => {
    const h = history([line('covid', '2026-08-01'), line('covid', '2026-10-10'), line('covid', '2026-01-10')]);
    expect(registrationWarnings(subject('covid', '2026-10-05'), h, TODAY)).toEqual([
      { kind: 'covid-dose-recent', otherDate: '2026-10-10', days: 5, minimumIntervalDays: 90 },
    ]);
  });

  it('a dose on the same day is 0 days apart', () => {
    expect(registrationWarnings(subject('covid'), history([line('covid', TODAY)]), TODAY)).toEqual([
      { kind: 'covid-dose-recent', otherDate: TODAY, days: 0, minimumIntervalDays: 90 },
    ]);
  });

  it('takes a configured interval, and ignores withdrawn doses', () => {
    const h = history([line('covid', '2026-06-01')]);
    expect(registrationWarnings(subject('covid'), h, TODAY, { covidMinIntervalDays: 180 })).toHaveLength(1);
    expect(registrationWarnings(subject('covid'), history([line('covid', '2026-10-01', 'withdrawn')]), TODAY)).toEqual([]);
  });

  it('no covid history, no warning', () => {
    expect(registrationWarnings(subject('covid'), history([line('flu', '2026-10-01')]), TODAY)).toEqual([]);
  });

  it('today may be an instant (its Belgian date) and bad arguments are programming errors', () => {
    const h = history([line('covid', '2026-10-01')]);
    expect(registrationWarnings(subject('covid', '2026-09-30'), h, new Date('2026-09-30T22:30:00Z'))).toHaveLength(1);
    expect(registrationWarnings(subject('covid', '2026-09-30'), h, new Date('2026-09-30T21:30:00Z'))).toEqual([]);
    expect(() => registrationWarnings(subject('covid'), h, 'today')).toThrow(RangeError);
    expect(() => registrationWarnings(subject('covid'), h, TODAY, { covidMinIntervalDays: 0 })).toThrow(RangeError);
  });
});
