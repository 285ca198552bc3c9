/**
 * KMEHR dates (`xsd:date`, optionally with a time zone: `2020-12-15`,
 * `2020-12-15Z`, `2020-12-15+01:00`) to an IsoDate. A date that does not exist
 * (2026-02-30) or lies outside 1900-2199 is refused with a reason; nothing is
 * ever guessed.
 */
import { IsoDate } from '../vaccination.ts';

export type KmehrDateResult =
  | { ok: true; date: IsoDate }
  | { ok: false; problem: 'missing' | 'invalid'; reason: string };

const XSD_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?$/;

export function parseKmehrDate(raw: string | undefined): KmehrDateResult {
  if (raw === undefined || raw.trim() === '') return { ok: false, problem: 'missing', reason: 'no date' };
  const m = XSD_DATE.exec(raw.trim());
  if (!m) return { ok: false, problem: 'invalid', reason: 'a date that is not in YYYY-MM-DD form' };
  const year = Number(m[1]);
  if (year < 1900 || year > 2199) return { ok: false, problem: 'invalid', reason: 'a date outside the years 1900-2199' };
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  if (!IsoDate.safeParse(date).success) {
    return { ok: false, problem: 'invalid', reason: 'a date that does not exist in the calendar' };
  }
  return { ok: true, date };
}
