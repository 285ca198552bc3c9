/**
 * RIZIV / INAMI numbers.
 *
 * A care provider has 11 digits `C NNNNN KK QQQ`: profession digit, sequence,
 * two check digits and a three-digit qualification. The check is
 * `KK = 97 - (first6 mod 97)` or, for newer numbers, `KK = 89 - (first6 mod 89)`.
 * The first eight digits identify the person. A pharmacy (officine) has an
 * 8-digit number with the same check.
 */

export type RizivError = 'empty' | 'invalid-characters' | 'wrong-length' | 'bad-check-digits';

/**
 * Profession digit meanings. A hint only: the KMEHR role (CD-HCPARTY) is authoritative.
 * Sources: domain.md (2 = community pharmacist, unverified) and the public description
 * of the RIZIV number (1 physician, 3 dentist, 4 nurse or midwife, 5 physiotherapist or
 * speech therapist). That description gives 2 as hospital pharmacist and 6 as
 * pharmacist; until a primary source settles it, 2 means pharmacist and 6 is left 'other'.
 */
export const PROFESSION_BY_DIGIT: Readonly<Record<string, Profession>> = {
  '1': 'physician',
  '2': 'pharmacist',
  '3': 'dentist',
  '4': 'nurse-or-midwife',
  '5': 'physiotherapist-or-speech-therapist',
};

export type Profession =
  | 'physician'
  | 'pharmacist'
  | 'dentist'
  | 'nurse-or-midwife'
  | 'physiotherapist-or-speech-therapist'
  | 'other';

export interface RizivInfo {
  /** The digits, no separators (11 for a provider, 8 for a pharmacy). */
  number: string;
  kind: 'provider' | 'pharmacy';
  /** First eight digits: the person (or the pharmacy itself). */
  personNumber: string;
  checkRule: 'mod97' | 'mod89';
  /** Provider numbers only. */
  profession?: Profession;
  /** Provider numbers only: the last three digits. */
  qualification?: string;
}

export type RizivResult = { ok: true; value: RizivInfo } | { ok: false; reason: RizivError };

export function normalizeRiziv(input: string): string {
  return input.replace(/[\s.\-/\u2010-\u2015\u2212]/g, '');
}

function checkRule(digits: string): 'mod97' | 'mod89' | undefined {
  const first6 = Number(digits.slice(0, 6));
  const kk = Number(digits.slice(6, 8));
  if (97 - (first6 % 97) === kk) return 'mod97';
  if (89 - (first6 % 89) === kk) return 'mod89';
  return undefined;
}

/** Accepts an 11-digit provider number or an 8-digit pharmacy number. */
export function parseRiziv(input: string): RizivResult {
  const digits = normalizeRiziv(input);
  if (digits.length === 0) return { ok: false, reason: 'empty' };
  if (!/^\d+$/.test(digits)) return { ok: false, reason: 'invalid-characters' };
  if (digits.length !== 11 && digits.length !== 8) return { ok: false, reason: 'wrong-length' };
  const rule = checkRule(digits);
  if (!rule) return { ok: false, reason: 'bad-check-digits' };
  if (digits.length === 8) {
    return { ok: true, value: { number: digits, kind: 'pharmacy', personNumber: digits, checkRule: rule } };
  }
  return {
    ok: true,
    value: {
      number: digits,
      kind: 'provider',
      personNumber: digits.slice(0, 8),
      checkRule: rule,
      profession: PROFESSION_BY_DIGIT[digits[0]!] ?? 'other',
      qualification: digits.slice(8),
    },
  };
}

export function isValidProviderRiziv(input: string): boolean {
  const r = parseRiziv(input);
  return r.ok && r.value.kind === 'provider';
}

export function isValidPharmacyNumber(input: string): boolean {
  const r = parseRiziv(input);
  return r.ok && r.value.kind === 'pharmacy';
}

/** `14700250004` → `1-47002-50-004`, as RIZIV prints provider numbers. */
export function formatRiziv(number: string): string {
  const d = normalizeRiziv(number);
  if (/^\d{11}$/.test(d)) return `${d[0]}-${d.slice(1, 6)}-${d.slice(6, 8)}-${d.slice(8)}`;
  if (/^\d{8}$/.test(d)) return `${d.slice(0, 1)}-${d.slice(1, 6)}-${d.slice(6, 8)}`;
  return number;
}

/**
 * Deep link to the RIZIV silverpages search with the number filled in.
 * The query parameter is unverified (domain.md): keep it here, in one place;
 * the UI always offers "copy number" beside the link as a fallback.
 */
export const SILVERPAGES_SEARCH_URL = 'https://webappsa.riziv-inami.fgov.be/silverpages/Home/SearchHcw/';
export const SILVERPAGES_HOME_URL = 'https://webappsa.riziv-inami.fgov.be/silverpages/';

export function silverpagesUrl(number: string): string {
  const d = normalizeRiziv(number);
  if (!/^\d{8}(\d{3})?$/.test(d)) return SILVERPAGES_HOME_URL;
  return `${SILVERPAGES_SEARCH_URL}?Form.NihdiNumber=${encodeURIComponent(d)}`;
}
