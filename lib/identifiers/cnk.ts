/**
 * CNK (Belgian product code): 7 digits after left-padding with zeros, the last
 * one a Luhn check digit. 900000-999999 are local (pharmacy-assigned) codes.
 * Some real CNKs fail the check: callers warn, they do not reject.
 */

export type CnkError = 'empty' | 'invalid-characters' | 'too-long';

export interface CnkInfo {
  /** Seven digits. */
  cnk: string;
  checkDigitValid: boolean;
  local: boolean;
}

export type CnkResult = { ok: true; value: CnkInfo } | { ok: false; reason: CnkError };

/** Luhn over the whole string (the last digit is the check digit). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** The Luhn check digit to append to `body` (six digits for a CNK). */
export function luhnCheckDigit(body: string): string {
  for (let c = 0; c <= 9; c++) if (luhnValid(body + c)) return String(c);
  throw new Error('unreachable');
}

export function parseCnk(input: string): CnkResult {
  const trimmed = input.replace(/[\s.\-]/g, '');
  if (trimmed.length === 0) return { ok: false, reason: 'empty' };
  if (!/^\d+$/.test(trimmed)) return { ok: false, reason: 'invalid-characters' };
  const stripped = trimmed.replace(/^0+(?=\d)/, '');
  if (stripped.length > 7) return { ok: false, reason: 'too-long' };
  const cnk = stripped.padStart(7, '0');
  const value = Number(cnk);
  return {
    ok: true,
    value: { cnk, checkDigitValid: luhnValid(cnk), local: value >= 900000 && value <= 999999 },
  };
}
