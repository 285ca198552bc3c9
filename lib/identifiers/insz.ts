/**
 * INSZ / NISS (Belgian national register number) and BIS numbers.
 *
 * Layout `YYMMDD SSS CC`: birth date, a sequence (odd = male, even = female)
 * and two check digits `97 - (YYMMDDSSS mod 97)`; for births in 2000 or later
 * the check is computed on `2YYMMDDSSS`. BIS numbers add 20 (sex unknown) or
 * 40 (sex known) to the month. Day or month may be 0 when unknown.
 */

export type InszError =
  | 'empty'
  | 'invalid-characters'
  | 'wrong-length'
  | 'bad-check-digits'
  | 'impossible-date';

export type Sex = 'male' | 'female';

export interface InszInfo {
  /** The 11 digits, no separators. */
  insz: string;
  kind: 'insz' | 'bis';
  century: 1900 | 2000;
  birthYear: number;
  /** 1-12, absent when the number says the month is unknown. */
  birthMonth?: number;
  /** 1-31, absent when the number says the day is unknown. */
  birthDay?: number;
  /** ISO date, only when year, month and day are all known. */
  birthDate?: string;
  /** Absent for BIS numbers registered with an unknown sex (month + 20). */
  sex?: Sex;
}

export type InszResult = { ok: true; value: InszInfo } | { ok: false; reason: InszError };

/** Whitespace, dots, slashes, hyphens and the Unicode dashes word processors substitute. */
const SEPARATORS = /[\s.\-/\u2010-\u2015\u2212]/g;

/** Strips the separators people type or paste (`85.07.30-033.28`, spaces, slashes, `–`). */
export function normalizeInsz(input: string): string {
  return input.replace(SEPARATORS, '');
}

function checkDigits(base: number): number {
  return 97 - (base % 97);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Validates an INSZ or BIS number typed in any common format.
 * `today` bounds the birth date (a number cannot belong to someone not yet born).
 */
export function parseInsz(input: string, today: Date = new Date()): InszResult {
  const digits = normalizeInsz(input);
  if (digits.length === 0) return { ok: false, reason: 'empty' };
  if (!/^\d+$/.test(digits)) return { ok: false, reason: 'invalid-characters' };
  if (digits.length !== 11) return { ok: false, reason: 'wrong-length' };

  const base = Number(digits.slice(0, 9));
  const check = Number(digits.slice(9));
  let century: 1900 | 2000;
  if (checkDigits(base) === check) century = 1900;
  else if (checkDigits(2_000_000_000 + base) === check) century = 2000;
  else return { ok: false, reason: 'bad-check-digits' };

  const yy = Number(digits.slice(0, 2));
  const rawMonth = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  const sequence = Number(digits.slice(6, 9));

  let kind: 'insz' | 'bis' = 'insz';
  let month = rawMonth;
  let sexKnown = true;
  if (rawMonth >= 40 && rawMonth <= 52) {
    kind = 'bis';
    month = rawMonth - 40;
  } else if (rawMonth >= 20 && rawMonth <= 32) {
    kind = 'bis';
    month = rawMonth - 20;
    sexKnown = false;
  } else if (rawMonth > 12) {
    return { ok: false, reason: 'impossible-date' };
  }

  const year = century + yy;
  if (day > 31) return { ok: false, reason: 'impossible-date' };
  if (month !== 0 && day !== 0 && day > daysInMonth(year, month)) {
    return { ok: false, reason: 'impossible-date' };
  }
  if (month === 0 && day !== 0 && kind === 'insz') {
    // A known day in an unknown month is not a date the register issues.
    return { ok: false, reason: 'impossible-date' };
  }

  const info: InszInfo = { insz: digits, kind, century, birthYear: year };
  if (month !== 0) info.birthMonth = month;
  if (day !== 0) info.birthDay = day;
  if (month !== 0 && day !== 0) info.birthDate = `${year}-${pad2(month)}-${pad2(day)}`;
  if (sexKnown) info.sex = sequence % 2 === 1 ? 'male' : 'female';

  const earliestPossible = Date.UTC(year, (month || 1) - 1, day || 1);
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  if (earliestPossible > todayUtc) return { ok: false, reason: 'impossible-date' };

  return { ok: true, value: info };
}

export function isValidInsz(input: string, today?: Date): boolean {
  return parseInsz(input, today).ok;
}

/** `85073003328` → `85.07.30-033.28`, the way Belgian documents print it. */
export function formatInsz(insz: string): string {
  const d = normalizeInsz(insz);
  if (!/^\d{11}$/.test(d)) return insz;
  return `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}-${d.slice(6, 9)}.${d.slice(9)}`;
}
