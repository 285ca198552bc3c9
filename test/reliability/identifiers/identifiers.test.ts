/**
 * Identifier validators, counted: every generated valid INSZ (both centuries,
 * BIS with sex known and unknown, unknown day or month) and RIZIV (mod 97 and
 * mod 89, provider and pharmacy lengths) is accepted; every single-digit
 * change and every adjacent transposition is tried, and each one that breaks
 * every check (judged by this file's own check-digit arithmetic, not the
 * validators') must be rejected.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseInsz } from '../../../lib/identifiers/insz.ts';
import { parseRiziv } from '../../../lib/identifiers/riziv.ts';
import { recordFigures, type IdentifierFigures } from '../report/figures.ts';
import { byProfile, RELIABILITY_SEED } from '../support/profile.ts';

const RUNS = byProfile(1_500, 20_000);
const TODAY = new Date(Date.UTC(2026, 9, 15));

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Independent check: the number passes the INSZ check for at least one century. */
function inszCheckPasses(digits: string): boolean {
  const base = Number(digits.slice(0, 9));
  const check = Number(digits.slice(9));
  return 97 - (base % 97) === check || 97 - ((2_000_000_000 + base) % 97) === check;
}

/** Independent check: the number passes the mod-97 or the mod-89 RIZIV rule. */
function rizivCheckPasses(digits: string): boolean {
  const first6 = Number(digits.slice(0, 6));
  const kk = Number(digits.slice(6, 8));
  return 97 - (first6 % 97) === kk || 89 - (first6 % 89) === kk;
}

const validInsz = fc
  .record({
    date: fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: TODAY, noInvalidDate: true }),
    kind: fc.constantFrom('insz', 'bis20', 'bis40'),
    sequence: fc.integer({ min: 1, max: 998 }),
    unknownDay: fc.boolean(),
    unknownMonth: fc.boolean(),
  })
  .map(({ date, kind, sequence, unknownDay, unknownMonth }) => {
    const year = date.getUTCFullYear();
    let month = date.getUTCMonth() + 1;
    let day = date.getUTCDate();
    if (unknownMonth) {
      month = 0;
      if (kind === 'insz') day = 0;
    }
    if (unknownDay) day = 0;
    const body = `${pad(year % 100, 2)}${pad(month + (kind === 'bis20' ? 20 : kind === 'bis40' ? 40 : 0), 2)}${pad(day, 2)}${pad(sequence, 3)}`;
    const base = Number(body) + (year >= 2000 ? 2_000_000_000 : 0);
    return { number: `${body}${pad(97 - (base % 97), 2)}`, century: year >= 2000 ? 2000 : 1900 };
  });

const validRiziv = fc
  .record({
    profession: fc.integer({ min: 1, max: 9 }),
    sequence: fc.integer({ min: 0, max: 99_999 }),
    rule: fc.constantFrom(97, 89),
    qualification: fc.integer({ min: 0, max: 999 }),
    pharmacy: fc.boolean(),
  })
  .map(({ profession, sequence, rule, qualification, pharmacy }) => {
    const first6 = `${profession}${pad(sequence, 5)}`;
    const kk = pad(rule - (Number(first6) % rule), 2);
    return { number: pharmacy ? `${first6}${kk}` : `${first6}${kk}${pad(qualification, 3)}`, rule, pharmacy };
  });

/** Every single-digit change, then every transposition of two different adjacent digits. */
function* mutants(number: string): Generator<string> {
  for (let pos = 0; pos < number.length; pos++) {
    for (let d = 0; d <= 9; d++) {
      if (String(d) !== number[pos]) yield number.slice(0, pos) + d + number.slice(pos + 1);
    }
  }
  for (let pos = 0; pos + 1 < number.length; pos++) {
    const a = number[pos]!;
    const b = number[pos + 1]!;
    if (a !== b) yield number.slice(0, pos) + b + a + number.slice(pos + 2);
  }
}

const figures: IdentifierFigures = {
  part: 'identifiers',
  validInsz: { tried: 0, accepted: 0 },
  validRiziv: { tried: 0, accepted: 0 },
  inszMutants: { breaking: 0, rejected: 0, stillValid: 0 },
  rizivMutants: { breaking: 0, rejected: 0, stillValid: 0 },
};

afterAll(() => recordFigures('identifiers', figures));

describe('identifier validators, counted (fixed seed)', () => {
  it(`${RUNS} valid INSZ/BIS numbers accepted; every mutant that breaks the check rejected`, () => {
    const refused: string[] = [];
    fc.assert(
      fc.property(validInsz, ({ number, century }) => {
        figures.validInsz.tried++;
        const parsed = parseInsz(number, TODAY);
        if (parsed.ok && parsed.value.century === century) figures.validInsz.accepted++;
        else refused.push(`valid ${century} number refused (${parsed.ok ? 'wrong century' : parsed.reason})`);
        for (const mutant of mutants(number)) {
          if (inszCheckPasses(mutant)) {
            figures.inszMutants.stillValid++;
            continue;
          }
          figures.inszMutants.breaking++;
          const r = parseInsz(mutant, TODAY);
          if (!r.ok && r.reason === 'bad-check-digits') figures.inszMutants.rejected++;
          else refused.push(`a mutant that breaks the check was ${r.ok ? 'accepted' : `refused as ${r.reason}`}`);
        }
      }),
      { seed: RELIABILITY_SEED, numRuns: RUNS },
    );
    expect(refused.slice(0, 10)).toEqual([]);
    expect(figures.validInsz.accepted).toBe(RUNS);
    expect(figures.inszMutants.rejected).toBe(figures.inszMutants.breaking);
    // Modulo 97 catches nearly all of them; the few left pass the other century's check.
    expect(figures.inszMutants.stillValid).toBeLessThan(figures.inszMutants.breaking * 0.03);
  });

  it(`${RUNS} valid RIZIV numbers (mod 97, mod 89; 11 and 8 digits) accepted; every mutant that breaks the check rejected`, () => {
    const refused: string[] = [];
    fc.assert(
      fc.property(validRiziv, ({ number, rule, pharmacy }) => {
        figures.validRiziv.tried++;
        const parsed = parseRiziv(number);
        const kindOk = parsed.ok && parsed.value.kind === (pharmacy ? 'pharmacy' : 'provider');
        // A number may satisfy both rules; the validator names the mod-97 one first.
        const ruleOk = parsed.ok && (parsed.value.checkRule === `mod${rule}` || rizivCheckPasses(number));
        if (kindOk && ruleOk) figures.validRiziv.accepted++;
        else refused.push(`valid mod-${rule} ${pharmacy ? 'pharmacy' : 'provider'} number refused (${parsed.ok ? 'wrong kind' : parsed.reason})`);
        for (const mutant of mutants(number)) {
          if (rizivCheckPasses(mutant)) {
            figures.rizivMutants.stillValid++;
            continue;
          }
          figures.rizivMutants.breaking++;
          const r = parseRiziv(mutant);
          if (!r.ok && r.reason === 'bad-check-digits') figures.rizivMutants.rejected++;
          else refused.push(`a mutant that breaks the check was ${r.ok ? 'accepted' : `refused as ${r.reason}`}`);
        }
      }),
      { seed: RELIABILITY_SEED, numRuns: RUNS },
    );
    expect(refused.slice(0, 10)).toEqual([]);
    expect(figures.validRiziv.accepted).toBe(RUNS);
    expect(figures.rizivMutants.rejected).toBe(figures.rizivMutants.breaking);
    // The qualification digits carry no check: changes there keep the number valid.
    expect(figures.rizivMutants.breaking).toBeGreaterThan(0);
  });
});
