import { describe, expect, it } from 'vitest';
import { brusselsDateTime, brusselsToday } from '../../../lib/registration/brussels-time.ts';

describe('Belgian local date and time', () => {
  it.each([
    ['2026-10-15T10:00:00Z', '2026-10-15', '12:00:00'],
    ['2026-09-30T22:30:00Z', '2026-10-01', '00:30:00'],
    ['2026-12-31T23:00:00Z', '2027-01-01', '00:00:00'],
    ['2026-12-31T22:59:59Z', '2026-12-31', '23:59:59'],
    // Summer time starts at 01:00 UTC on the last Sunday of March.
    ['2026-03-29T00:59:59Z', '2026-03-29', '01:59:59'],
    ['2026-03-29T01:00:00Z', '2026-03-29', '03:00:00'],
    // And ends at 01:00 UTC on the last Sunday of October.
    ['2026-10-25T00:59:59Z', '2026-10-25', '02:59:59'],
    ['2026-10-25T01:00:00Z', '2026-10-25', '02:00:00'],
  ])('%s → %s %s', (instant, date, time) => {
    expect(brusselsDateTime(new Date(instant))).toEqual({ date, time });
    expect(brusselsToday(new Date(instant))).toBe(date);
  });

  it('refuses an invalid Date', () => {
    expect(() => brusselsDateTime(new Date('nope'))).toThrow(RangeError);
  });
});
