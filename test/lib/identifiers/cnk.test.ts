import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { luhnCheckDigit, luhnValid, parseCnk } from '../../../lib/identifiers/cnk.ts';

const SEED = 1665363;
const CODES_CSV = join(import.meta.dirname, 'fixtures', 'vaccincodes.sheet1.csv');

/**
 * The first column of the public Vaccinnet code sheet, where it holds a code: digits,
 * sometimes with a space typed inside (`2374 429`) or fewer than seven digits (`69914`).
 * Other cells there are empty or notes (`geen CNK`, `aanpassen`).
 */
function catalogCnks(): string[] {
  const rows = readFileSync(CODES_CSV, 'utf8').split(/\r?\n/).slice(1);
  return rows.map((row) => row.split(',')[0]!.trim()).filter((cell) => /^\d[\d ]*$/.test(cell));
}

describe('parseCnk: padding and normalisation', () => {
  it.each([
    ['1665363', '1665363'],
    ['3926664', '3926664'],
    ['0001665363', '1665363'], // leading zeros beyond seven digits are padding, not digits
    ['12345', '0012345'],
    ['7', '0000007'],
    ['0', '0000000'],
    ['1.665.363', '1665363'],
    [' 1665 363 ', '1665363'],
    ['166-5363', '1665363'],
  ])('%j → %s', (input, cnk) => {
    expect(parseCnk(input)).toMatchObject({ ok: true, value: { cnk } });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['CNK1665363', 'invalid-characters'],
    ['geen CNK', 'invalid-characters'],
    ['1665363/1', 'invalid-characters'],
    ['16653631', 'too-long'],
    ['123456789', 'too-long'],
  ])('%j → %s', (input, reason) => {
    expect(parseCnk(input)).toEqual({ ok: false, reason });
  });
});

describe('CNK check digit (Luhn)', () => {
  it.each([
    ['1665363', true], // Infanrix Hexa (freehealth addvaccination.xml)
    ['3926664', true], // Alpharix Tetra 2019 (Vitalink fixture)
    ['1077593', true], // Tedivax pro adulto
    ['4293254', true], // Comirnaty
    ['1665364', false],
    ['3926665', false],
    ['0000000', true],
  ])('%s valid: %s', (cnk, valid) => {
    expect(luhnValid(cnk)).toBe(valid);
    expect(parseCnk(cnk)).toMatchObject({ ok: true, value: { checkDigitValid: valid } });
  });

  it.each([
    ['166536', '3'],
    ['392666', '4'],
    ['429325', '4'],
    ['000000', '0'],
  ])('check digit for %s is %s', (body, digit) => {
    expect(luhnCheckDigit(body)).toBe(digit);
  });

  it('a failed check is a warning on an accepted code, never a rejection', () => {
    const r = parseCnk('1665364');
    expect(r).toEqual({ ok: true, value: { cnk: '1665364', checkDigitValid: false, local: false } });
  });
});

describe('CNKs of the public Vaccinnet code sheet', () => {
  const cnks = catalogCnks();

  it('holds the 75 CNK cells of the sheet (73 distinct codes)', () => {
    expect(cnks.length).toBe(75);
    expect(new Set(cnks).size).toBe(73);
    expect(cnks).toContain('4293254');
    expect(cnks).toContain('4176053');
    expect(cnks).toContain('2374 429');
    expect(cnks).toContain('69914');
  });

  it('normalises the irregular cells: inner space, five digits', () => {
    expect(parseCnk('2374 429')).toEqual({ ok: true, value: { cnk: '2374429', checkDigitValid: true, local: false } });
    expect(parseCnk('69914')).toEqual({ ok: true, value: { cnk: '0069914', checkDigitValid: true, local: false } });
  });

  it('are all accepted, and the measured share passing Luhn is 75 of 75', () => {
    const parsed = cnks.map((c) => parseCnk(c));
    expect(parsed.every((r) => r.ok)).toBe(true);
    const passing = parsed.filter((r) => r.ok && r.value.checkDigitValid).length;
    expect(passing / cnks.length).toBe(1);
  });

  it('a real CNK with a damaged check digit is still accepted, with the check failed', () => {
    for (const cnk of cnks) {
      const digits = cnk.replace(/ /g, '');
      const damaged = digits.slice(0, -1) + String((Number(digits.at(-1)) + 1) % 10);
      expect(parseCnk(damaged)).toMatchObject({ ok: true, value: { checkDigitValid: false } });
    }
  });
});

describe('local codes (900000-999999)', () => {
  it.each([
    ['900000', '0900000', true],
    ['0900000', '0900000', true],
    ['999999', '0999999', true],
    ['950001', '0950001', true],
    ['899999', '0899999', false],
    ['1000000', '1000000', false],
    ['9000000', '9000000', false],
  ])('%s → %s local: %s', (input, cnk, local) => {
    expect(parseCnk(input)).toMatchObject({ ok: true, value: { cnk, local } });
  });
});

describe('CNK properties (fixed seed)', () => {
  const body = fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, '0'));

  it('appending luhnCheckDigit always gives a valid CNK', () => {
    fc.assert(
      fc.property(body, (b) => {
        const cnk = b + luhnCheckDigit(b);
        expect(parseCnk(cnk)).toMatchObject({ ok: true, value: { cnk, checkDigitValid: true } });
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('every single-digit change of a valid CNK fails the check', () => {
    fc.assert(
      fc.property(body, (b) => {
        const cnk = b + luhnCheckDigit(b);
        for (let pos = 0; pos < 7; pos++) {
          for (let d = 0; d <= 9; d++) {
            if (String(d) === cnk[pos]) continue;
            expect(luhnValid(cnk.slice(0, pos) + d + cnk.slice(pos + 1))).toBe(false);
          }
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('every adjacent transposition fails the check, except 09 ↔ 90 (a known Luhn blind spot)', () => {
    fc.assert(
      fc.property(body, (b) => {
        const cnk = b + luhnCheckDigit(b);
        for (let pos = 0; pos < 6; pos++) {
          const x = cnk[pos]!;
          const y = cnk[pos + 1]!;
          if (x === y) continue;
          const swapped = cnk.slice(0, pos) + y + x + cnk.slice(pos + 2);
          const blindSpot = (x === '0' && y === '9') || (x === '9' && y === '0');
          expect(luhnValid(swapped)).toBe(blindSpot);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (s) => {
        expect(typeof parseCnk(s).ok).toBe('boolean');
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});
