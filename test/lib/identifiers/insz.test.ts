import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatInsz, isValidInsz, normalizeInsz, parseInsz } from '../../../lib/identifiers/insz.ts';

const SEED = 85073003;
/** Fixed "today" so that the future-date rule does not drift with the calendar. */
const TODAY = new Date(Date.UTC(2026, 9, 1)); // 2026-10-01

/** Independent reference: check digits for a 9-digit body in a century. */
function checkDigits(body9: string, century: 1900 | 2000): string {
  const base = Number(body9) + (century === 2000 ? 2_000_000_000 : 0);
  return String(97 - (base % 97)).padStart(2, '0');
}
function insz(body9: string, century: 1900 | 2000): string {
  return body9 + checkDigits(body9, century);
}
/** True when the last two digits match the body for either century. */
function checkMatchesSomeCentury(d: string): boolean {
  return checkDigits(d.slice(0, 9), 1900) === d.slice(9) || checkDigits(d.slice(0, 9), 2000) === d.slice(9);
}

describe('INSZ examples from domain.md', () => {
  it.each([
    ['85073003328', { insz: '85073003328', kind: 'insz', century: 1900, birthYear: 1985, birthMonth: 7, birthDay: 30, birthDate: '1985-07-30', sex: 'male' }],
    ['17073003384', { insz: '17073003384', kind: 'insz', century: 2000, birthYear: 2017, birthMonth: 7, birthDay: 30, birthDate: '2017-07-30', sex: 'male' }],
    ['98472899765', { insz: '98472899765', kind: 'bis', century: 1900, birthYear: 1998, birthMonth: 7, birthDay: 28, birthDate: '1998-07-28', sex: 'male' }],
    ['01490700185', { insz: '01490700185', kind: 'bis', century: 2000, birthYear: 2001, birthMonth: 9, birthDay: 7, birthDate: '2001-09-07', sex: 'male' }],
    ['85.07.30-033.28', { insz: '85073003328', century: 1900, birthDate: '1985-07-30' }],
    ['72022102793', { insz: '72022102793', birthDate: '1972-02-21', sex: 'male' }],
  ])('accepts %s', (input, expected) => {
    const r = parseInsz(input, TODAY);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toMatchObject(expected);
  });

  it.each(['90010100101', '85073003329'])('rejects %s with bad-check-digits', (input) => {
    expect(parseInsz(input, TODAY)).toEqual({ ok: false, reason: 'bad-check-digits' });
  });
});

describe('INSZ accepted formats', () => {
  it.each([
    '85073003328',
    '85.07.30-033.28',
    '85 07 30 033 28',
    ' 85073003328 ',
    '850730-033-28',
    '850730/033.28',
    '85.07.30–033.28', // en dash, as word processors paste it
    '85\u00a007\u00a030\u00a003328', // non-breaking spaces
    '\t85073003328\n',
  ])('%j normalises to 85073003328', (input) => {
    expect(normalizeInsz(input)).toBe('85073003328');
    expect(parseInsz(input, TODAY)).toMatchObject({ ok: true, value: { insz: '85073003328' } });
  });
});

describe('INSZ centuries, sex, BIS and unknown dates', () => {
  const cases: Array<[string, string, object]> = [
    ['1900 female (even sequence)', insz('850730034', 1900), { century: 1900, sex: 'female', birthDate: '1985-07-30', kind: 'insz' }],
    ['2000 female', insz('170730034', 2000), { century: 2000, sex: 'female', birthDate: '2017-07-30' }],
    ['born 1 January 2000', insz('000101001', 2000), { century: 2000, birthDate: '2000-01-01' }],
    ['born 31 December 1999', insz('991231001', 1900), { century: 1900, birthDate: '1999-12-31' }],
    ['29 February 2000 (leap)', insz('000229001', 2000), { birthDate: '2000-02-29' }],
    ['29 February 1996', insz('960229002', 1900), { birthDate: '1996-02-29', sex: 'female' }],
    ['29 February 2024', insz('240229003', 2000), { birthDate: '2024-02-29' }],
    ['year 00 in 1900 (not leap) on 28 Feb', insz('000228001', 1900), { century: 1900, birthDate: '1900-02-28' }],
    ['unknown month and day', insz('450000123', 1900), { birthYear: 1945, birthMonth: undefined, birthDay: undefined, birthDate: undefined, sex: 'male' }],
    ['unknown day only', insz('451100124', 1900), { birthYear: 1945, birthMonth: 11, birthDay: undefined, birthDate: undefined, sex: 'female' }],
    ['BIS +20: sex unknown', insz('852730033', 1900), { kind: 'bis', birthDate: '1985-07-30', sex: undefined }],
    ['BIS +40: sex known', insz('854730034', 1900), { kind: 'bis', birthDate: '1985-07-30', sex: 'female' }],
    ['BIS +20 month 0 (unknown month)', insz('852000033', 1900), { kind: 'bis', birthMonth: undefined, birthDay: undefined, sex: undefined }],
    ['BIS +40 month 0, known day', insz('854015033', 1900), { kind: 'bis', birthMonth: undefined, birthDay: 15, birthDate: undefined, sex: 'male' }],
    ['BIS +40 December', insz('855231033', 1900), { kind: 'bis', birthDate: '1985-12-31' }],
    ['BIS +20 December, 2000s', insz('053231033', 2000), { kind: 'bis', century: 2000, birthDate: '2005-12-31', sex: undefined }],
    ['BIS 29 February 2000 (+40)', insz('004229001', 2000), { kind: 'bis', birthDate: '2000-02-29' }],
    ['check digits equal to 97', insz('000000097', 1900), { birthYear: 1900 }],
    ['born on "today"', insz('261001001', 2000), { birthDate: '2026-10-01' }],
  ];
  it.each(cases)('%s (%s)', (_label, number, expected) => {
    const r = parseInsz(number, TODAY);
    expect(r.ok).toBe(true);
    if (r.ok) {
      const defined = Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined));
      expect(r.value).toMatchObject(defined);
      for (const [k, v] of Object.entries(expected)) if (v === undefined) expect(r.value).not.toHaveProperty(k);
    }
  });

  it('the check-digit 97 case really has 97 as its check digits', () => {
    expect(insz('000000097', 1900).slice(9)).toBe('97');
  });
});

describe('INSZ rejections, each with its reason', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['.-/', 'empty'],
    ['8507300332A', 'invalid-characters'],
    ['85O73003328', 'invalid-characters'],
    ['85073003328!', 'invalid-characters'],
    ['+32 85073003328', 'invalid-characters'],
    ['８５０７３００３３２８', 'invalid-characters'], // full-width digits are not ASCII digits
    ['8507300332', 'wrong-length'],
    ['850730033288', 'wrong-length'],
    ['1', 'wrong-length'],
    ['85073003327', 'bad-check-digits'],
    ['85073003300', 'bad-check-digits'],
    // Dates that do not exist, with check digits that are right:
    [insz('970229001', 1900), 'impossible-date'], // 1997 not leap
    [insz('000229001', 1900), 'impossible-date'], // 1900 not leap
    [insz('230229001', 2000), 'impossible-date'], // 2023 not leap
    [insz('971301001', 1900), 'impossible-date'], // month 13
    [insz('979901001', 1900), 'impossible-date'], // month 99
    [insz('973301001', 1900), 'impossible-date'], // BIS +20 month 13
    [insz('975301001', 1900), 'impossible-date'], // BIS month 53
    [insz('973901001', 1900), 'impossible-date'], // month 39: neither INSZ nor BIS
    [insz('971900001', 1900), 'impossible-date'], // month 19
    [insz('970132001', 1900), 'impossible-date'], // day 32
    [insz('970431001', 1900), 'impossible-date'], // 31 April
    [insz('974431001', 1900), 'impossible-date'], // BIS 31 April
    [insz('974299001', 1900), 'impossible-date'], // BIS day 99
    [insz('970015001', 1900), 'impossible-date'], // INSZ: known day in an unknown month
    // Future birth dates (relative to TODAY = 2026-10-01):
    [insz('261002001', 2000), 'impossible-date'],
    [insz('300101001', 2000), 'impossible-date'],
    [insz('261100001', 2000), 'impossible-date'], // unknown day, month still in the future
    [insz('270000001', 2000), 'impossible-date'], // unknown month and day, year in the future
    [insz('265102001', 2000), 'impossible-date'], // BIS +40, 2 November 2026: future
  ])('%j → %s', (input, reason) => {
    expect(parseInsz(input, TODAY)).toEqual({ ok: false, reason });
    expect(isValidInsz(input, TODAY)).toBe(false);
  });

  it('a future date is accepted once that day has come', () => {
    expect(parseInsz(insz('261002001', 2000), new Date(Date.UTC(2026, 9, 2))).ok).toBe(true);
  });

  it('rejection results carry no part of the number', () => {
    const r = parseInsz('85073003329', TODAY);
    expect(JSON.stringify(r)).not.toContain('8507300');
  });
});

describe('formatInsz', () => {
  it.each([
    ['85073003328', '85.07.30-033.28'],
    ['85 07 30 033 28', '85.07.30-033.28'],
    ['85.07.30-033.28', '85.07.30-033.28'],
    ['123', '123'],
    ['abc', 'abc'],
  ])('%j → %j', (input, out) => {
    expect(formatInsz(input)).toBe(out);
  });
});

// ---- Properties ------------------------------------------------------------

const pad2 = (n: number) => String(n).padStart(2, '0');
const pad3 = (n: number) => String(n).padStart(3, '0');

/** A valid INSZ or BIS number with the facts it encodes. */
const validNumber = fc
  .record({
    date: fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: TODAY, noInvalidDate: true }),
    kind: fc.constantFrom('insz', 'bis20', 'bis40'),
    sequence: fc.integer({ min: 1, max: 998 }),
    unknownDay: fc.boolean(),
    unknownMonth: fc.boolean(),
  })
  .map(({ date, kind, sequence, unknownDay, unknownMonth }) => {
    const year = date.getUTCFullYear();
    const century: 1900 | 2000 = year >= 2000 ? 2000 : 1900;
    let month = date.getUTCMonth() + 1;
    let day = date.getUTCDate();
    if (unknownMonth) {
      month = 0;
      // The national register never issues a known day in an unknown month.
      if (kind === 'insz') day = 0;
    }
    if (unknownDay) day = 0;
    const monthField = month + (kind === 'bis20' ? 20 : kind === 'bis40' ? 40 : 0);
    const body = `${pad2(year % 100)}${pad2(monthField)}${pad2(day)}${pad3(sequence)}`;
    return { number: insz(body, century), year, century, month, day, kind, sequence };
  });

describe('INSZ properties (fixed seed)', () => {
  it('every generated INSZ and BIS number, both centuries, is accepted with its facts', () => {
    fc.assert(
      fc.property(validNumber, (n) => {
        const r = parseInsz(n.number, TODAY);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.value.century).toBe(n.century);
        expect(r.value.birthYear).toBe(n.year);
        expect(r.value.kind).toBe(n.kind === 'insz' ? 'insz' : 'bis');
        expect(r.value.birthMonth).toBe(n.month || undefined);
        expect(r.value.birthDay).toBe(n.day || undefined);
        if (n.month && n.day) expect(r.value.birthDate).toBe(`${n.year}-${pad2(n.month)}-${pad2(n.day)}`);
        else expect(r.value.birthDate).toBeUndefined();
        if (n.kind === 'bis20') expect(r.value.sex).toBeUndefined();
        else expect(r.value.sex).toBe(n.sequence % 2 === 1 ? 'male' : 'female');
        // Formatting and re-parsing round-trips.
        expect(parseInsz(formatInsz(n.number), TODAY)).toEqual(r);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('every single-digit change that breaks the check is rejected as bad-check-digits', () => {
    let broken = 0;
    let stillValidOtherCentury = 0;
    fc.assert(
      fc.property(validNumber, (n) => {
        for (let pos = 0; pos < 11; pos++) {
          for (let digit = 0; digit <= 9; digit++) {
            if (String(digit) === n.number[pos]) continue;
            const mutant = n.number.slice(0, pos) + digit + n.number.slice(pos + 1);
            const r = parseInsz(mutant, TODAY);
            if (checkMatchesSomeCentury(mutant)) {
              stillValidOtherCentury++;
              expect(r.ok || r.reason === 'impossible-date').toBe(true);
            } else {
              broken++;
              expect(r).toEqual({ ok: false, reason: 'bad-check-digits' });
            }
          }
        }
      }),
      { seed: SEED, numRuns: 200 },
    );
    // Modulo 97 catches almost every single-digit error; the rare survivors
    // are changes that happen to satisfy the other century's check.
    expect(broken).toBeGreaterThan(200 * 99 * 0.98);
    expect(stillValidOtherCentury).toBeLessThan(200 * 99 * 0.02);
  });

  it('every adjacent transposition that breaks the check is rejected as bad-check-digits', () => {
    fc.assert(
      fc.property(validNumber, (n) => {
        for (let pos = 0; pos < 10; pos++) {
          const a = n.number[pos]!;
          const b = n.number[pos + 1]!;
          if (a === b) continue;
          const mutant = n.number.slice(0, pos) + b + a + n.number.slice(pos + 2);
          const r = parseInsz(mutant, TODAY);
          if (checkMatchesSomeCentury(mutant)) expect(r.ok || r.reason === 'impossible-date').toBe(true);
          else expect(r).toEqual({ ok: false, reason: 'bad-check-digits' });
        }
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const r = parseInsz(s, TODAY);
        expect(typeof r.ok).toBe('boolean');
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});
