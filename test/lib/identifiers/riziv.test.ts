import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  SILVERPAGES_HOME_URL,
  formatRiziv,
  isValidPharmacyNumber,
  isValidProviderRiziv,
  normalizeRiziv,
  parseRiziv,
  silverpagesUrl,
} from '../../../lib/identifiers/riziv.ts';

const SEED = 14700250;

/** Independent reference for the two check rules. */
const mod97 = (first6: string) => String(97 - (Number(first6) % 97)).padStart(2, '0');
const mod89 = (first6: string) => String(89 - (Number(first6) % 89)).padStart(2, '0');
const checkMatches = (d: string) => d.slice(6, 8) === mod97(d.slice(0, 6)) || d.slice(6, 8) === mod89(d.slice(0, 6));

describe('RIZIV examples from domain.md', () => {
  it.each([
    ['14700250004', 'mod97', 'physician', '004'],
    ['20807092001', 'mod97', 'pharmacist', '001'],
    ['10000106999', 'mod97', 'physician', '999'],
  ])('accepts provider %s (%s, %s)', (number, checkRule, profession, qualification) => {
    expect(parseRiziv(number)).toEqual({
      ok: true,
      value: { number, kind: 'provider', personNumber: number.slice(0, 8), checkRule, profession, qualification },
    });
    expect(isValidProviderRiziv(number)).toBe(true);
    expect(isValidPharmacyNumber(number)).toBe(false);
  });

  it('rejects 12345678901', () => {
    expect(parseRiziv('12345678901')).toEqual({ ok: false, reason: 'bad-check-digits' });
    expect(isValidProviderRiziv('12345678901')).toBe(false);
  });

  it('accepts the 8-digit pharmacy number 80000551', () => {
    expect(parseRiziv('80000551')).toEqual({
      ok: true,
      value: { number: '80000551', kind: 'pharmacy', personNumber: '80000551', checkRule: 'mod97' },
    });
    expect(isValidPharmacyNumber('80000551')).toBe(true);
    expect(isValidProviderRiziv('80000551')).toBe(false);
  });
});

describe('RIZIV check rules', () => {
  // Mod-89 numbers computed by hand (check = 89 - (first6 mod 89)), chosen so that the
  // mod-97 rule gives other check digits: 123456 → 76 (mod 97: 25), 200000 → 72 (14),
  // 147002 → 26 (50).
  it.each([
    ['12345676001', 'provider'],
    ['20000072001', 'provider'],
    ['20000072', 'pharmacy'],
    ['14700226004', 'provider'],
    ['14700226', 'pharmacy'],
  ])('mod-89 number %s is accepted as %s', (number, kind) => {
    expect(mod89(number.slice(0, 6))).toBe(number.slice(6, 8));
    expect(mod97(number.slice(0, 6))).not.toBe(number.slice(6, 8));
    expect(parseRiziv(number)).toMatchObject({ ok: true, value: { kind, checkRule: 'mod89' } });
  });

  it.each([
    ['20000014001', 'mod97'],
    ['20000072001', 'mod89'],
    ['20000015001', undefined],
    ['20000071001', undefined],
  ])('%s: rule %s', (number, rule) => {
    const r = parseRiziv(number);
    if (rule) expect(r).toMatchObject({ ok: true, value: { checkRule: rule } });
    else expect(r).toEqual({ ok: false, reason: 'bad-check-digits' });
  });

  it('first six digits divisible by 97 need check digits 97', () => {
    // 000097 mod 97 = 0 → 97.
    expect(parseRiziv('00009797001')).toMatchObject({ ok: true, value: { checkRule: 'mod97' } });
  });
});

describe('RIZIV profession digit and qualification', () => {
  const withDigit = (digit: string, seq = '00001', qual = '001') => {
    const first6 = digit + seq;
    return first6 + mod97(first6) + qual;
  };
  it.each([
    ['1', 'physician'],
    ['2', 'pharmacist'],
    ['3', 'dentist'],
    ['4', 'nurse-or-midwife'],
    ['5', 'physiotherapist-or-speech-therapist'],
    ['6', 'other'],
    ['7', 'other'],
    ['8', 'other'],
    ['9', 'other'],
    ['0', 'other'],
  ])('profession digit %s → %s', (digit, profession) => {
    expect(parseRiziv(withDigit(digit))).toMatchObject({ ok: true, value: { profession } });
  });

  it.each(['001', '002', '003', '999', '000'])('keeps qualification %s and the person number', (qual) => {
    const n = withDigit('2', '08070', qual);
    expect(parseRiziv(n)).toMatchObject({ ok: true, value: { qualification: qual, personNumber: n.slice(0, 8) } });
  });
});

describe('RIZIV input formats and rejections', () => {
  it.each([
    ['1-47002-50-004', '14700250004'],
    ['1.47002.50.004', '14700250004'],
    [' 147 00250 004 ', '14700250004'],
    ['1/47002/50/004', '14700250004'],
    ['1–47002–50–004', '14700250004'],
    ['8-00005-51', '80000551'],
  ])('%j normalises to %s and is accepted', (input, digits) => {
    expect(normalizeRiziv(input)).toBe(digits);
    expect(parseRiziv(input)).toMatchObject({ ok: true, value: { number: digits } });
  });

  it.each([
    ['', 'empty'],
    ['  - ', 'empty'],
    ['1470025000A', 'invalid-characters'],
    ['RIZIV14700250004', 'invalid-characters'],
    ['1470025000', 'wrong-length'],
    ['147002500045', 'wrong-length'],
    ['8000055', 'wrong-length'],
    ['800005510', 'wrong-length'],
    ['14700251004', 'bad-check-digits'],
    ['80000552', 'bad-check-digits'],
    ['00000000000', 'bad-check-digits'],
  ])('%j → %s', (input, reason) => {
    expect(parseRiziv(input)).toEqual({ ok: false, reason });
  });
});

describe('formatRiziv', () => {
  it.each([
    ['14700250004', '1-47002-50-004'],
    ['1 47002 50 004', '1-47002-50-004'],
    ['80000551', '8-00005-51'],
    ['123', '123'],
    ['not a number', 'not a number'],
  ])('%j → %j', (input, out) => {
    expect(formatRiziv(input)).toBe(out);
  });
});

describe('silverpagesUrl', () => {
  it.each([
    ['14700250004', 'https://webappsa.riziv-inami.fgov.be/silverpages/Home/SearchHcw/?Form.NihdiNumber=14700250004'],
    ['1-47002-50-004', 'https://webappsa.riziv-inami.fgov.be/silverpages/Home/SearchHcw/?Form.NihdiNumber=14700250004'],
    ['80000551', 'https://webappsa.riziv-inami.fgov.be/silverpages/Home/SearchHcw/?Form.NihdiNumber=80000551'],
  ])('%j deep-links to the search', (input, url) => {
    expect(silverpagesUrl(input)).toBe(url);
  });

  it.each(['', '123', '1470025000', 'abc', '14700250004&x=1', '<script>'])(
    '%j falls back to the silverpages home page',
    (input) => {
      expect(silverpagesUrl(input)).toBe(SILVERPAGES_HOME_URL);
    },
  );

  it('never builds a URL off the riziv-inami.fgov.be host', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        expect(new URL(silverpagesUrl(s)).host).toBe('webappsa.riziv-inami.fgov.be');
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

// ---- Properties ------------------------------------------------------------

const validProvider = fc
  .record({
    first6: fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, '0')),
    rule: fc.constantFrom('mod97', 'mod89'),
    qualification: fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0')),
  })
  .map(({ first6, rule, qualification }) => ({
    number: first6 + (rule === 'mod97' ? mod97(first6) : mod89(first6)) + qualification,
    rule,
  }));

describe('RIZIV properties (fixed seed)', () => {
  it('every generated mod-97 and mod-89 provider number is accepted, and its pharmacy-length prefix too', () => {
    fc.assert(
      fc.property(validProvider, ({ number }) => {
        const r = parseRiziv(number);
        expect(r).toMatchObject({ ok: true, value: { kind: 'provider', personNumber: number.slice(0, 8) } });
        expect(parseRiziv(number.slice(0, 8))).toMatchObject({ ok: true, value: { kind: 'pharmacy' } });
        expect(parseRiziv(formatRiziv(number))).toEqual(r);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('a single-digit change in the first eight digits is rejected unless it satisfies a rule', () => {
    fc.assert(
      fc.property(validProvider, ({ number }) => {
        for (let pos = 0; pos < 8; pos++) {
          for (let digit = 0; digit <= 9; digit++) {
            if (String(digit) === number[pos]) continue;
            const mutant = number.slice(0, pos) + digit + number.slice(pos + 1);
            expect(parseRiziv(mutant).ok).toBe(checkMatches(mutant));
          }
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        expect(typeof parseRiziv(s).ok).toBe('boolean');
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});
