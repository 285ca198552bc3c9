import { describe, expect, it } from 'vitest';
import { LIFECYCLE_MEANING, isAdministered } from '../../../lib/history/lifecycle.ts';
import { stagedMatching } from '../../../lib/history/matching.ts';
import { digitsOf, personPart, samePerson, sameVaccine } from '../../../lib/history/same-vaccination.ts';
import { canonicalJson } from '../../../lib/history/canonical.ts';

describe('lifecycle table', () => {
  // Every CD-LIFECYCLE value of KMEHR 1.43 (fixtures/public-kmehr/xsd/kmehr-1.43/cd-1_43.xsd).
  const KMEHR_1_43 = [
    'aborted', 'active', 'added', 'administrated', 'cancelled', 'completed', 'corrected', 'delivered',
    'substituted', 'inactive', 'planned', 'prescribed', 'reported', 'refused', 'switched', 'suspended',
    'stopped', 'excluded', 'notpresent', 'ordered', 'scheduled', 'todo', 'postponed', 'pending',
    'expected', 'obtained', 'proposed', 'retracted',
  ];

  it('classifies every KMEHR 1.43 lifecycle explicitly', () => {
    for (const value of KMEHR_1_43) expect(LIFECYCLE_MEANING).toHaveProperty(value);
  });

  it.each([
    [undefined, true],
    ['', true],
    ['administrated', true],
    ['ADMINISTRATED', true],
    ['cancelled', false],
    [' cancelled\n', false],
    ['notadministrated', false],
    ['refused', false],
    ['aborted', false],
    ['unknown-new-code', true],
    ['__proto__', true],
    ['constructor', true],
  ])('%j administered: %s', (lifecycle, expected) => {
    expect(isAdministered(lifecycle)).toBe(expected);
  });
});

describe('same person, same vaccine', () => {
  it.each([
    ['2-08070-92-001', '20807092001'],
    [' 20807092001 ', '20807092001'],
    [undefined, ''],
  ])('digitsOf(%j) = %j', (input, digits) => {
    expect(digitsOf(input)).toBe(digits);
  });

  it.each([
    ['20807092001', '20807092'],
    ['20807092', '20807092'],
    ['123', '123'],
    ['', ''],
  ])('personPart(%j) = %j', (input, part) => {
    expect(personPart(input)).toBe(part);
  });

  it.each([
    ['20807092001', '20807092002', true],
    ['20807092001', '2-08070-92-001', true],
    ['20807092001', '20807092', true],
    ['20807092001', '14700250004', false],
    ['20807092001', undefined, false],
    [undefined, undefined, false],
    ['', '', false],
  ])('samePerson(%j, %j) = %s', (a, b, same) => {
    expect(samePerson(a, b)).toBe(same);
  });

  it.each([
    [{ cnk: '4176053' }, { cnk: '4176053' }, 'cnk'],
    [{ cnk: '4176053', disease: 'flu' }, { cnk: '4172672', disease: 'flu' }, undefined],
    [{ cnk: '4176053', disease: 'flu' }, { disease: 'flu' }, 'disease'],
    [{ disease: 'flu' }, { disease: 'covid' }, undefined],
    [{}, { disease: 'flu' }, undefined],
    [{ disease: 'other', vaccinnetCode: 'DT/GL002' }, { disease: 'other', vaccinnetCode: 'HBV/AV003' }, undefined],
    [{ disease: 'other', vaccinnetCode: 'DT/GL002' }, { disease: 'other' }, 'disease'],
    [{ disease: 'flu', atc: ['J07BB'] }, { disease: 'flu', atc: ['J07BB02'] }, 'disease'],
    [{ disease: 'other', atc: ['J07AM51'] }, { disease: 'other', atc: ['J07BC01'] }, undefined],
    [{ disease: 'other', atc: [] }, { disease: 'other', atc: ['J07BC01'] }, 'disease'],
    [{ disease: 'other', indications: ['tetanus', 'diphteria'] }, { disease: 'other', indications: ['tetanus'] }, 'disease'],
    [{ disease: 'other', indications: ['tetanus'] }, { disease: 'other', indications: ['hepatitisb'] }, undefined],
  ] as const)('sameVaccine(%o, %o) = %s', (a, b, match) => {
    expect(sameVaccine(a, b)).toBe(match);
    expect(sameVaccine(b, a)).toBe(match);
  });
});

describe('stagedMatching', () => {
  it('finds a maximum matching where greedy would not', () => {
    // left 0 likes [0, 1], left 1 likes [0]: greedy 0→0 blocks left 1.
    expect(stagedMatching(2, 2, [(l) => (l === 0 ? [0, 1] : [0])])).toEqual([1, 0]);
  });

  it('keeps earlier-stage pairs when a later stage could pair more', () => {
    // Stage 1 pairs 0→0. Stage 2 would prefer 0→1 and 1→0 (two pairs) but may not undo stage 1.
    const result = stagedMatching(2, 2, [(l) => (l === 0 ? [0] : []), (l) => (l === 0 ? [1] : [0])]);
    expect(result).toEqual([0, undefined]);
  });

  it('follows candidate order when there is a choice', () => {
    expect(stagedMatching(1, 3, [() => [2, 1, 0]])).toEqual([2]);
  });

  it('handles empty sides', () => {
    expect(stagedMatching(0, 3, [() => [0]])).toEqual([]);
    expect(stagedMatching(2, 0, [() => []])).toEqual([undefined, undefined]);
  });
});

describe('canonicalJson', () => {
  it('ignores key order and undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      canonicalJson({ a: { d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });
});
