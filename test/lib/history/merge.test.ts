import { describe, expect, it } from 'vitest';
import { MergedHistory, type VaccinationLine } from '../../../lib/vaccination.ts';
import { mergeHistory, mergeHistoryDetailed, type MergeInput } from '../../../lib/history/merge.ts';
import { LIFECYCLE_MEANING } from '../../../lib/history/lifecycle.ts';
import { CNK, IDENTITY, PHARMACY_NUMBER, RIZIV, TODAY, by, input, own, record, rsb, rsw } from './factory.ts';

/** Merges, checks the schema, and returns the history. */
function merge(i: MergeInput) {
  const h = mergeHistory(i);
  expect(MergedHistory.parse(h)).toEqual(h);
  return h;
}
const lines = (h: MergedHistory): VaccinationLine[] => [...h.flu, ...h.covid, ...h.other];
const only = (h: MergedHistory): VaccinationLine => {
  const all = lines(h);
  expect(all).toHaveLength(1);
  return all[0]!;
};

describe('rule 1: records that were not given are left out', () => {
  const notGiven = Object.entries(LIFECYCLE_MEANING)
    .filter(([, m]) => m === 'not-administered')
    .map(([k]) => k);

  it('the table names every lifecycle the brief lists', () => {
    expect(notGiven).toEqual(expect.arrayContaining(['cancelled', 'aborted', 'refused', 'notadministrated']));
  });

  it.each(notGiven)('lifecycle %s: no line', (lifecycle) => {
    const d = mergeHistoryDetailed(input({ vaccicard: [rsw({ lifecycle })] }));
    expect(lines(d.history)).toEqual([]);
    expect(d.notAdministered).toHaveLength(1);
  });

  it.each(['CANCELLED', ' Cancelled ', 'Refused'])('compares %j case- and space-insensitively', (lifecycle) => {
    expect(lines(merge(input({ vaccicard: [rsw({ lifecycle })] })))).toEqual([]);
  });

  it.each([undefined, '', 'administrated', 'completed', 'active', 'inactive', 'some-new-value'])(
    'lifecycle %j: shown as given',
    (lifecycle) => {
      const h = merge(input({ vaccicard: [rsw(lifecycle === undefined ? {} : { lifecycle })] }));
      expect(only(h)).toMatchObject({ source: 'Vaccicard' });
      expect(h.summary.fluThisSeason).toBe(true);
    },
  );

  it('a cancelled copy in one hub does not hide the given copy in the other', () => {
    const h = merge(input({ vaccicard: [rsw({ id: 'x' }), rsb({ id: 'x', lifecycle: 'cancelled' })] }));
    expect(only(h)).toMatchObject({ hubs: ['rsw'] });
  });

  it('a cancelled record never confirms an own line', () => {
    const h = merge(input({ own: [own()], vaccicard: [rsw({ lifecycle: 'cancelled', ...by(RIZIV.pharmacist) })] }));
    expect(only(h)).toMatchObject({ own: true, confirmed: false, hubs: [] });
  });

  it('cancelled covid doses do not count for the covid interval', () => {
    const h = merge(input({ vaccicard: [rsw({ disease: 'covid', date: '2026-02-01', lifecycle: 'cancelled' })] }));
    expect(h.summary.lastCovidDate).toBeUndefined();
  });
});

describe('rule 2: the same vaccination from RSW and RSB is one line', () => {
  type Case = [string, Parameters<typeof record>[0], Parameters<typeof record>[0], number, string[]?];
  const tx = (value: string, s = 'LOCAL', sl = 'vaultid') => ({ s, sl, value });
  const cases: Case[] = [
    ['same record id', { id: 'a' }, { id: 'a' }, 1, ['rsw', 'rsb']],
    ['same id, the copy lacks the vaccinator', { id: 'a', ...by(RIZIV.gp) }, { id: 'a' }, 1],
    [
      'shared vault transaction id, same date and vaccine',
      { id: 'a', transactionIds: [tx('T1')] },
      { id: 'b', transactionIds: [tx('T1')] },
      1,
    ],
    [
      'shared transaction id but another vaccine (two items in one transaction)',
      { id: 'a', transactionIds: [tx('T1')], disease: 'flu' },
      { id: 'b', transactionIds: [tx('T1')], disease: 'covid' },
      2,
    ],
    [
      'shared transaction id but another date',
      { id: 'a', transactionIds: [tx('T1')] },
      { id: 'b', transactionIds: [tx('T1')], date: '2026-10-14' },
      2,
    ],
    [
      'only the message-local ID-KMEHR "1" in common',
      { id: 'a', transactionIds: [{ s: 'ID-KMEHR', value: '1' }] },
      { id: 'b', transactionIds: [{ s: 'ID-KMEHR', value: '1' }] },
      2,
    ],
    [
      'same transaction value under another SL is another id',
      { id: 'a', transactionIds: [tx('T1', 'LOCAL', 'rsw')] },
      { id: 'b', transactionIds: [tx('T1', 'LOCAL', 'rsb')] },
      2,
    ],
    ['same date, CNK and vaccinator', { id: 'a', cnk: CNK.alpharix2020, ...by(RIZIV.gp) }, { id: 'b', cnk: CNK.alpharix2020, ...by(RIZIV.gp) }, 1],
    ['vaccinator written with separators', { id: 'a', ...by(RIZIV.gp) }, { id: 'b', ...by('1-47002-50-004') }, 1],
    ['same person, other qualification digits', { id: 'a', ...by(RIZIV.pharmacist) }, { id: 'b', ...by(RIZIV.pharmacistOtherQualification) }, 1],
    ['same date and disease, one CNK missing, same vaccinator', { id: 'a', cnk: CNK.alpharix2020, ...by(RIZIV.gp) }, { id: 'b', ...by(RIZIV.gp) }, 1],
    ['another vaccinator', { id: 'a', ...by(RIZIV.gp) }, { id: 'b', ...by(RIZIV.otherGp) }, 2],
    ['another CNK', { id: 'a', cnk: CNK.alpharix2020, ...by(RIZIV.gp) }, { id: 'b', cnk: CNK.influvac2020, ...by(RIZIV.gp) }, 2],
    ['another date', { id: 'a', ...by(RIZIV.gp) }, { id: 'b', date: '2026-10-14', ...by(RIZIV.gp) }, 2],
    ['no vaccinator on either side and different ids: no evidence', { id: 'a' }, { id: 'b' }, 2],
    ['vaccinator on one side only', { id: 'a', ...by(RIZIV.gp) }, { id: 'b' }, 2],
    [
      'other disease, different Vaccinnet codes',
      { id: 'a', disease: 'other', vaccinnetCode: 'DT/GL002', ...by(RIZIV.gp) },
      { id: 'b', disease: 'other', vaccinnetCode: 'HBV/AV003', ...by(RIZIV.gp) },
      2,
    ],
    [
      'other disease, same Vaccinnet code',
      { id: 'a', disease: 'other', vaccinnetCode: 'DT/GL002', ...by(RIZIV.gp) },
      { id: 'b', disease: 'other', vaccinnetCode: 'dt/gl002', ...by(RIZIV.gp) },
      1,
    ],
    [
      'other disease, ATC codes that contradict',
      { id: 'a', disease: 'other', atc: ['J07AM51'], ...by(RIZIV.gp) },
      { id: 'b', disease: 'other', atc: ['J07BC01'], ...by(RIZIV.gp) },
      2,
    ],
    [
      'flu, ATC given at two precisions',
      { id: 'a', atc: ['J07BB'], ...by(RIZIV.gp) },
      { id: 'b', atc: ['J07BB02'], ...by(RIZIV.gp) },
      1,
    ],
    [
      'indications that do not overlap',
      { id: 'a', disease: 'other', indications: ['tetanus'], ...by(RIZIV.gp) },
      { id: 'b', disease: 'other', indications: ['hepatitisb'], ...by(RIZIV.gp) },
      2,
    ],
  ];

  it.each(cases)('%s → %d line(s)', (_label, a, b, count, hubs) => {
    const h = merge(input({ identity: { pharmacistRizivs: [] }, vaccicard: [rsw(a), rsb(b)] }));
    expect(lines(h)).toHaveLength(count);
    if (count === 1) expect(only(h).hubs).toEqual(hubs ?? ['rsw', 'rsb']);
    else expect(lines(h).map((l) => l.hubs).sort()).toEqual([['rsb'], ['rsw']]);
  });

  it('two records from the same hub stay two lines (a double registration stays visible)', () => {
    const h = merge(input({ vaccicard: [rsw({ id: 'a', ...by(RIZIV.gp) }), rsw({ id: 'b', ...by(RIZIV.gp) })] }));
    expect(lines(h)).toHaveLength(2);
  });

  it('the very same record twice from one hub is one line', () => {
    const h = merge(input({ vaccicard: [rsw({ id: 'a' }), rsw({ id: 'a' })] }));
    expect(only(h)).toMatchObject({ hubs: ['rsw'] });
  });

  it('a double registration in RSW echoed once by RSB: two lines, one from both hubs', () => {
    const h = merge(
      input({
        vaccicard: [rsw({ id: 'a', ...by(RIZIV.gp) }), rsw({ id: 'b', ...by(RIZIV.gp) }), rsb({ id: 'c', ...by(RIZIV.gp) })],
      }),
    );
    expect(lines(h).map((l) => l.hubs)).toEqual([['rsw', 'rsb'], ['rsw']]);
  });

  it('prefers a transaction-id pair over a vaccinator-only pair', () => {
    // RSB 'z' could pair with RSW 'a' (same vaccinator) or 'b' (same transaction id).
    const d = mergeHistoryDetailed(
      input({
        vaccicard: [
          rsw({ id: 'a', ...by(RIZIV.gp) }),
          rsw({ id: 'b', ...by(RIZIV.gp), transactionIds: [{ s: 'LOCAL', sl: 'vault', value: 'T9' }] }),
          rsb({ id: 'z', ...by(RIZIV.gp), transactionIds: [{ s: 'LOCAL', sl: 'vault', value: 'T9' }] }),
        ],
      }),
    );
    const both = lines(d.history).find((l) => l.hubs.length === 2)!;
    expect(d.provenance.get(both.key)!.vaccicard.map((e) => e.record.id)).toEqual(['b', 'z']);
  });

  it('pairs as many hub copies as possible, even when the first choice by key would block one', () => {
    // RSW 'a' (no CNK) could pair with RSB 'c' or 'd'; RSW 'b' (CNK X) only with 'c' (no CNK),
    // not with 'd' (CNK Y). Greedy by key would pair a–c and leave b and d alone.
    const h = merge(
      input({
        identity: { pharmacistRizivs: [] },
        vaccicard: [
          rsw({ id: 'a', ...by(RIZIV.gp) }),
          rsw({ id: 'b', cnk: CNK.alpharix2020, ...by(RIZIV.gp) }),
          rsb({ id: 'c', ...by(RIZIV.gp) }),
          rsb({ id: 'd', cnk: CNK.influvac2020, ...by(RIZIV.gp) }),
        ],
      }),
    );
    expect(lines(h).map((l) => [l.key, l.hubs, l.cnk])).toEqual([
      ['vaccicard:a', ['rsw', 'rsb'], CNK.influvac2020],
      ['vaccicard:b', ['rsw', 'rsb'], CNK.alpharix2020],
    ]);
  });

  it('fills what the first copy lacks from the other', () => {
    const h = merge(
      input({
        vaccicard: [
          rsw({ id: 'a', name: 'ALPHARIX', ...by(RIZIV.gp) }),
          rsb({ id: 'a', cnk: CNK.alpharix2020, cnkValid: true, lot: 'LOT1' }),
        ],
      }),
    );
    expect(only(h)).toMatchObject({ name: 'ALPHARIX', cnk: CNK.alpharix2020, lot: 'LOT1', riziv: RIZIV.gp });
  });

  it('RSW fields win over RSB fields', () => {
    const h = merge(input({ vaccicard: [rsb({ id: 'a', lot: 'FROM-RSB' }), rsw({ id: 'a', lot: 'FROM-RSW' })] }));
    expect(only(h).lot).toBe('FROM-RSW');
  });
});

describe('rule 3: own Vaccicard lines', () => {
  it.each([
    ['vaccinator is a pharmacist of this pharmacy', by(RIZIV.pharmacist), IDENTITY, true],
    ['vaccinator is the colleague', by(RIZIV.colleague), IDENTITY, true],
    ['same pharmacist, other qualification digits', by(RIZIV.pharmacistOtherQualification), IDENTITY, true],
    ['settings hold the number with separators', by(RIZIV.pharmacist), { pharmacistRizivs: ['2-08070-92-001'] }, true],
    ['record holds it with separators', by('2.08070.92.001'), IDENTITY, true],
    ['organisation is the pharmacy', { organisation: { id: PHARMACY_NUMBER, type: 'orgpharmacy' } }, IDENTITY, true],
    ['organisation written 8-00005-51', { organisation: { id: '8-00005-51' } }, IDENTITY, true],
    ['organisation as 11 digits', { organisation: { id: `${PHARMACY_NUMBER}000` } }, IDENTITY, true],
    ['a GP', by(RIZIV.gp), IDENTITY, false],
    ['another pharmacy', { organisation: { id: '20000072' } }, IDENTITY, false],
    ['no vaccinator, no organisation', {}, IDENTITY, false],
    ['settings empty', by(RIZIV.pharmacist), { pharmacistRizivs: [] }, false],
    ['settings hold a blank number; record has none', {}, { pharmacyNumber: '', pharmacistRizivs: ['', ' '] }, false],
    ['blank organisation id', { organisation: { id: ' ' } }, { pharmacyNumber: ' ', pharmacistRizivs: [] }, false],
  ] as const)('%s → own %s', (_label, fields, identity, expected) => {
    const h = merge(input({ identity, vaccicard: [rsw(fields)] }));
    expect(only(h)).toMatchObject({ own: expected, confirmed: expected, source: 'Vaccicard', hubs: ['rsw'] });
    expect(only(h).registration).toBeUndefined();
  });

  it('one own copy makes the merged line own', () => {
    const h = merge(
      input({
        vaccicard: [rsw({ id: 'a', ...by(RIZIV.gp) }), rsb({ id: 'a', organisation: { id: PHARMACY_NUMBER } })],
      }),
    );
    expect(only(h)).toMatchObject({ own: true, hubs: ['rsw', 'rsb'] });
  });
});

describe('rule 4: an own line echoed by Vaccicard is one confirmed line', () => {
  const echo = (fields: Parameters<typeof record>[0] = {}) => rsw({ id: 'v', ...by(RIZIV.pharmacist, 'perspharmacist'), cnk: CNK.alpharix2020, ...fields });
  const mine = (fields: Parameters<typeof own>[0] = {}) => own({ cnk: CNK.alpharix2020, riziv: RIZIV.pharmacist, ...fields });

  type Case = [string, Parameters<typeof own>[0], Parameters<typeof record>[0], boolean];
  const cases: Case[] = [
    ['same date, CNK and vaccinator', {}, {}, true],
    ['another date (one day later)', { date: '2026-10-14' }, {}, false],
    ['another CNK, same disease', { cnk: CNK.influvac2020 }, {}, false],
    ['own line has no CNK: same disease', { cnk: undefined }, {}, true],
    ['Vaccicard has no CNK: same disease', {}, { cnk: undefined }, true],
    ['neither has a CNK: same disease', { cnk: undefined }, { cnk: undefined }, true],
    ['no CNK on one side and another disease', { cnk: undefined, disease: 'covid' }, {}, false],
    ['own line has no disease but the same CNK', { disease: undefined }, {}, true],
    ['own line has neither disease nor CNK', { disease: undefined, cnk: undefined }, {}, false],
    ['same CNK even if own disease differs', { disease: 'other' }, {}, true],
    ['another vaccinator', { riziv: RIZIV.colleague }, {}, false],
    ['same vaccinator, other qualification', { riziv: RIZIV.pharmacistOtherQualification }, {}, true],
    ['own line has no RIZIV', { riziv: undefined }, {}, true],
    ['own line has a blank RIZIV', { riziv: ' ' }, {}, true],
    ['Vaccicard has no vaccinator (relayed by the vault)', {}, { vaccinator: undefined, organisation: { id: PHARMACY_NUMBER } }, true],
    ['Vaccicard vaccinator is a GP, own line has no RIZIV', { riziv: undefined }, by(RIZIV.gp), true],
  ];

  it.each(cases)('%s → matched %s', (_label, ownFields, vcFields, matched) => {
    const h = merge(input({ own: [mine(ownFields)], vaccicard: [echo(vcFields)] }));
    if (matched) {
      expect(only(h)).toMatchObject({ key: 'own:own-1', own: true, confirmed: true, source: 'FarmaFlux', hubs: ['rsw'] });
    } else {
      expect(lines(h)).toHaveLength(2);
      expect(lines(h).find((l) => l.source === 'FarmaFlux')).toMatchObject({ own: true, confirmed: false, hubs: [] });
      expect(lines(h).find((l) => l.source === 'Vaccicard')).toMatchObject({ key: 'vaccicard:v' });
    }
  });

  it('keeps the own source (PopVax FarmaFlux), takes hubs from Vaccicard and confirms the registration', () => {
    const h = merge(
      input({
        own: [mine({ source: 'PopVax FarmaFlux', registration: { id: 'reg-1', state: 'sent' } })],
        vaccicard: [echo({ id: 'v' }), rsb({ id: 'v' })],
      }),
    );
    expect(only(h)).toEqual({
      key: 'own:own-1',
      date: TODAY,
      disease: 'flu',
      cnk: CNK.alpharix2020,
      riziv: RIZIV.pharmacist,
      vaccinatorRole: 'perspharmacist',
      source: 'PopVax FarmaFlux',
      own: true,
      confirmed: true,
      hubs: ['rsw', 'rsb'],
      registration: { id: 'reg-1', state: 'confirmed' },
      warnings: [],
    });
  });

  it.each(['pending', 'sent', 'confirmed'] as const)('registration state %s becomes confirmed on echo', (state) => {
    const h = merge(input({ own: [mine({ registration: { id: 'r', state, reason: 'x' } })], vaccicard: [echo()] }));
    expect(only(h).registration).toEqual({ id: 'r', state: 'confirmed' });
  });

  it('an own line without a registration stays without one when confirmed', () => {
    const h = merge(input({ own: [mine()], vaccicard: [echo()] }));
    expect(only(h).registration).toBeUndefined();
  });

  it('own fields win; missing ones come from Vaccicard', () => {
    const h = merge(
      input({
        own: [own({ name: 'Alpharix (own)', cnk: undefined, disease: undefined, riziv: undefined, lot: undefined })],
        vaccicard: [echo({ name: 'ALPHARIX TETRA', lot: 'AB12', disease: 'flu' })],
      }),
    );
    // The own line has no disease and no CNK, so it cannot match: nothing is taken.
    expect(lines(h)).toHaveLength(2);
    const h2 = merge(
      input({
        own: [own({ name: 'Alpharix (own)', cnk: CNK.alpharix2020, disease: undefined, riziv: undefined })],
        vaccicard: [echo({ name: 'ALPHARIX TETRA', lot: 'AB12' })],
      }),
    );
    expect(only(h2)).toMatchObject({ name: 'Alpharix (own)', disease: 'flu', lot: 'AB12', riziv: RIZIV.pharmacist });
  });

  it('an own line is confirmed even when the echo is not recognised as own', () => {
    const h = merge(input({ identity: { pharmacistRizivs: [] }, own: [mine()], vaccicard: [echo()] }));
    expect(only(h)).toMatchObject({ own: true, confirmed: true, source: 'FarmaFlux' });
  });

  it('one Vaccicard line confirms at most one own line: the earliest key wins', () => {
    const h = merge(
      input({ own: [mine({ id: 'b' }), mine({ id: 'a' })], vaccicard: [echo()] }),
    );
    expect(lines(h)).toHaveLength(2);
    expect(lines(h).find((l) => l.key === 'own:a')).toMatchObject({ confirmed: true, hubs: ['rsw'] });
    expect(lines(h).find((l) => l.key === 'own:b')).toMatchObject({ confirmed: false, hubs: [] });
  });

  it('one own line is confirmed by at most one Vaccicard line; the other stays its own line', () => {
    const h = merge(
      input({ own: [mine()], vaccicard: [echo({ id: 'v1' }), rsw({ id: 'v2', ...by(RIZIV.pharmacist), cnk: CNK.alpharix2020 })] }),
    );
    expect(lines(h).map((l) => [l.key, l.source, l.confirmed])).toEqual([
      ['own:own-1', 'FarmaFlux', true],
      ['vaccicard:v2', 'Vaccicard', true],
    ]);
  });

  it('a CNK match is preferred over a disease-only match, whatever the keys', () => {
    const h = merge(
      input({
        own: [own({ id: 'a-no-cnk', cnk: undefined }), own({ id: 'b-with-cnk', cnk: CNK.alpharix2020 })],
        vaccicard: [echo({ vaccinator: undefined })],
      }),
    );
    expect(lines(h).find((l) => l.key === 'own:b-with-cnk')).toMatchObject({ confirmed: true });
    expect(lines(h).find((l) => l.key === 'own:a-no-cnk')).toMatchObject({ confirmed: false });
  });

  it('a compared vaccinator is preferred over a missing one', () => {
    const d = mergeHistoryDetailed(
      input({
        own: [mine({ riziv: RIZIV.pharmacist })],
        vaccicard: [echo({ id: 'a-relayed', vaccinator: undefined }), echo({ id: 'b-signed' })],
      }),
    );
    expect(d.history.flu.find((l) => l.key === 'own:own-1')).toMatchObject({ confirmed: true });
    expect(d.provenance.get('own:own-1')!.vaccicard.map((e) => e.record.id)).toEqual(['b-signed']);
    expect(d.history.flu.find((l) => l.key === 'vaccicard:a-relayed')).toMatchObject({ own: false, confirmed: false });
  });

  it('pairs as many own lines as possible, even when the first choice by key would block one', () => {
    // 'a' (no CNK) could take v1 or v2; 'b' (CNK X) can only take v1 (v2 has another CNK).
    const h = merge(
      input({
        own: [own({ id: 'a', cnk: undefined }), own({ id: 'b', cnk: CNK.alpharix2020 })],
        vaccicard: [rsw({ id: 'v1', ...by(RIZIV.gp) }), rsw({ id: 'v2', cnk: CNK.influvac2020, ...by(RIZIV.gp) })],
        identity: { pharmacistRizivs: [] },
      }),
    );
    expect(lines(h).map((l) => [l.key, l.confirmed])).toEqual([
      ['own:a', true],
      ['own:b', true],
    ]);
    const d = mergeHistoryDetailed(
      input({
        own: [own({ id: 'a', cnk: undefined }), own({ id: 'b', cnk: CNK.alpharix2020 })],
        vaccicard: [rsw({ id: 'v1', ...by(RIZIV.gp) }), rsw({ id: 'v2', cnk: CNK.influvac2020, ...by(RIZIV.gp) })],
      }),
    );
    expect(d.provenance.get('own:a')!.vaccicard.map((e) => e.record.id)).toEqual(['v2']);
    expect(d.provenance.get('own:b')!.vaccicard.map((e) => e.record.id)).toEqual(['v1']);
  });

  it('two own doses, two echoes: each confirmed once, pairing by CNK', () => {
    const h = merge(
      input({
        own: [own({ id: 'flu', cnk: CNK.alpharix2020 }), own({ id: 'covid', disease: 'covid', cnk: CNK.comirnaty })],
        vaccicard: [
          rsw({ id: 'vf', cnk: CNK.alpharix2020, ...by(RIZIV.pharmacist) }),
          rsw({ id: 'vc', disease: 'covid', cnk: CNK.comirnaty, ...by(RIZIV.pharmacist) }),
        ],
      }),
    );
    expect(lines(h).map((l) => [l.key, l.confirmed])).toEqual([
      ['own:flu', true],
      ['own:covid', true],
    ]);
  });
});

describe('rule 5: unmatched lines', () => {
  it('own line with no echo: own, not confirmed, its own source, no hubs', () => {
    const h = merge(input({ own: [own({ source: 'PopVax FarmaFlux', registration: { id: 'r', state: 'sent' } })] }));
    expect(only(h)).toMatchObject({ own: true, confirmed: false, source: 'PopVax FarmaFlux', hubs: [], registration: { id: 'r', state: 'sent' } });
  });

  it('a registration confirmed earlier keeps its state even when Vaccicard is silent today', () => {
    const h = merge(input({ own: [own({ registration: { id: 'r', state: 'confirmed' } })] }));
    expect(only(h)).toMatchObject({ confirmed: false, registration: { state: 'confirmed' } });
  });

  it('someone else\'s vaccination: not own, source Vaccicard', () => {
    const h = merge(input({ vaccicard: [rsb({ ...by(RIZIV.nurse, 'persnurse') })] }));
    expect(only(h)).toMatchObject({ own: false, confirmed: false, source: 'Vaccicard', hubs: ['rsb'], vaccinatorRole: 'persnurse' });
  });

  it('an own line with no disease and no echo goes to "other"', () => {
    const h = merge(input({ own: [own({ disease: undefined, cnk: CNK.alpharix2020 })] }));
    expect(h.other).toHaveLength(1);
    expect(h.other[0]!.disease).toBe('other');
  });
});

describe('rule 6: withdrawn and rejected registrations', () => {
  it.each(['withdrawn', 'rejected'] as const)('%s: shown with its state, never confirmed, never counted', (state) => {
    const h = merge(
      input({
        own: [
          own({ id: 'f', registration: { id: 'r1', state, reason: 'duplicate' } }),
          own({ id: 'c', disease: 'covid', date: '2026-09-01', cnk: CNK.comirnaty, registration: { id: 'r2', state } }),
        ],
      }),
    );
    expect(h.flu).toEqual([expect.objectContaining({ key: 'own:f', confirmed: false, registration: { id: 'r1', state, reason: 'duplicate' } })]);
    expect(h.covid).toEqual([expect.objectContaining({ key: 'own:c', confirmed: false })]);
    expect(h.summary).toEqual({ fluThisSeason: false });
  });

  it.each(['withdrawn', 'rejected'] as const)('%s: a matching Vaccicard line is not merged into it', (state) => {
    const h = merge(
      input({
        own: [own({ cnk: CNK.alpharix2020, registration: { id: 'r', state } })],
        vaccicard: [rsw({ id: 'v', cnk: CNK.alpharix2020, ...by(RIZIV.pharmacist) })],
      }),
    );
    expect(lines(h).map((l) => [l.key, l.confirmed, l.registration?.state])).toEqual([
      ['own:own-1', false, state],
      ['vaccicard:v', true, undefined],
    ]);
    // The Vaccicard dose still counts, and is not a second dose of the withdrawn one.
    expect(h.summary.fluThisSeason).toBe(true);
    expect(lines(h).flatMap((l) => l.warnings)).toEqual([]);
  });

  it('a withdrawn earlier dose does not make a later dose a second dose', () => {
    const h = merge(
      input({
        own: [
          own({ id: 'old', date: '2026-09-20', registration: { id: 'r', state: 'withdrawn' } }),
          own({ id: 'new', date: '2026-10-10' }),
        ],
      }),
    );
    expect(h.flu.map((l) => [l.key, l.warnings])).toEqual([
      ['own:new', []],
      ['own:old', []],
    ]);
  });

  it('a withdrawn covid dose is not the last covid dose', () => {
    const h = merge(
      input({
        today: '2026-10-15',
        own: [own({ id: 'w', disease: 'covid', date: '2026-10-01', registration: { id: 'r', state: 'withdrawn' } })],
        vaccicard: [rsw({ disease: 'covid', date: '2026-03-01' })],
      }),
    );
    expect(h.summary).toMatchObject({ lastCovidDate: '2026-03-01', daysSinceLastCovid: 228 });
  });
});

describe('rule 7: blocks and order', () => {
  it.each([
    ['flu in this season', { disease: 'flu', date: '2026-09-01' }, 'flu'],
    ['flu on the last day before today', { disease: 'flu', date: '2026-10-14' }, 'flu'],
    ['flu at the end of last season', { disease: 'flu', date: '2026-08-31' }, 'other'],
    ['flu two seasons ago', { disease: 'flu', date: '2024-11-02' }, 'other'],
    ['covid on the cut-off day', { disease: 'covid', date: '2026-01-05' }, 'covid'],
    ['covid the day before the cut-off', { disease: 'covid', date: '2026-01-04' }, 'other'],
    ['covid in 2021', { disease: 'covid', date: '2021-05-01' }, 'other'],
    ['another vaccine this season', { disease: 'other', date: '2026-10-01' }, 'other'],
  ] as const)('%s → %s', (_label, fields, block) => {
    const h = merge(input({ vaccicard: [rsw(fields)] }));
    expect(h[block]).toHaveLength(1);
    expect(lines(h)).toHaveLength(1);
  });

  it('names the season of today', () => {
    expect(merge(input({ today: '2026-10-15' })).season).toBe('2026-2027');
    expect(merge(input({ today: '2026-08-31' })).season).toBe('2025-2026');
  });

  it('follows a configured season window', () => {
    const window = { startMonth: 10, startDay: 1 };
    const h = merge(
      input({ seasonWindow: window, vaccicard: [rsw({ id: 'sep', date: '2026-09-15' }), rsw({ id: 'oct', date: '2026-10-01' })] }),
    );
    expect(h.flu.map((l) => l.key)).toEqual(['vaccicard:oct']);
    expect(h.other.map((l) => l.key)).toEqual(['vaccicard:sep']);
    expect(merge(input({ seasonWindow: window, today: '2026-09-30' })).season).toBe('2025-2026');
  });

  it('the covid cut-off does not move with the season window', () => {
    const h = merge(input({ seasonWindow: { startMonth: 1, startDay: 1 }, vaccicard: [rsw({ disease: 'covid', date: '2026-01-05' })] }));
    expect(h.covid).toHaveLength(1);
  });

  it('each block is newest first; equal dates by key', () => {
    const h = merge(
      input({
        vaccicard: [
          rsw({ id: 'b', date: '2026-10-01' }),
          rsw({ id: 'a', date: '2026-10-01' }),
          rsw({ id: 'c', date: '2026-09-02' }),
          rsw({ id: 'd', date: '2026-10-10' }),
          rsw({ id: 'x', disease: 'covid', date: '2026-02-01' }),
          rsw({ id: 'y', disease: 'covid', date: '2026-06-01' }),
          rsw({ id: 'o1', disease: 'other', date: '2020-01-01' }),
          rsw({ id: 'o2', disease: 'flu', date: '2025-10-01' }),
          rsw({ id: 'o3', disease: 'covid', date: '2025-10-01' }),
        ],
      }),
    );
    expect(h.flu.map((l) => l.key)).toEqual(['vaccicard:d', 'vaccicard:a', 'vaccicard:b', 'vaccicard:c']);
    expect(h.covid.map((l) => l.key)).toEqual(['vaccicard:y', 'vaccicard:x']);
    expect(h.other.map((l) => l.key)).toEqual(['vaccicard:o2', 'vaccicard:o3', 'vaccicard:o1']);
  });

  it('an empty history is valid', () => {
    expect(merge(input())).toEqual({ season: '2026-2027', flu: [], covid: [], other: [], summary: { fluThisSeason: false } });
  });
});

describe('rule 8: warnings', () => {
  it.each([
    ['Vaccicard record says the CNK failed', rsw({ cnk: CNK.badCheck, cnkValid: false }), [{ kind: 'cnk-check-failed', cnk: CNK.badCheck }]],
    ['Vaccicard CNK fails Luhn though the record did not say', rsw({ cnk: CNK.badCheck }), [{ kind: 'cnk-check-failed', cnk: CNK.badCheck }]],
    ['Vaccicard record flags a CNK that passes Luhn here', rsw({ cnk: CNK.alpharix2020, cnkValid: false }), [{ kind: 'cnk-check-failed', cnk: CNK.alpharix2020 }]],
    ['valid CNK', rsw({ cnk: CNK.alpharix2020, cnkValid: true }), []],
    ['invalid vaccinator RIZIV', rsw(by(RIZIV.invalid)), [{ kind: 'riziv-check-failed', riziv: RIZIV.invalid }]],
    ['record says the RIZIV failed', rsw({ vaccinator: { riziv: RIZIV.gp, rizivValid: false } }), [{ kind: 'riziv-check-failed', riziv: RIZIV.gp }]],
    ['an 8-digit pharmacy number is no vaccinator RIZIV', rsw(by(PHARMACY_NUMBER)), [{ kind: 'riziv-check-failed', riziv: PHARMACY_NUMBER }]],
    ['valid RIZIV', rsw(by(RIZIV.gp)), []],
    ['both failing', rsw({ cnk: CNK.badCheck, ...by(RIZIV.invalid) }), [
      { kind: 'cnk-check-failed', cnk: CNK.badCheck },
      { kind: 'riziv-check-failed', riziv: RIZIV.invalid },
    ]],
  ])('%s', (_label, entry, warnings) => {
    expect(only(merge(input({ identity: { pharmacistRizivs: [] }, vaccicard: [entry] }))).warnings).toEqual(warnings);
  });

  it('checks the CNK and RIZIV of own lines too', () => {
    const h = merge(input({ own: [own({ cnk: CNK.badCheck, riziv: RIZIV.invalid })] }));
    expect(only(h).warnings).toEqual([
      { kind: 'cnk-check-failed', cnk: CNK.badCheck },
      { kind: 'riziv-check-failed', riziv: RIZIV.invalid },
    ]);
  });

  it('a line with a failed CNK is kept, not dropped', () => {
    const h = merge(input({ vaccicard: [rsw({ cnk: CNK.badCheck, cnkValid: false })] }));
    expect(h.flu).toHaveLength(1);
    expect(h.summary.fluThisSeason).toBe(true);
  });

  it('a second flu dose in the season is warned; the first is not', () => {
    const h = merge(
      input({
        own: [own({ id: 'second', date: '2026-10-12' })],
        vaccicard: [rsw({ id: 'first', date: '2026-09-20', ...by(RIZIV.gp) })],
      }),
    );
    expect(h.flu.map((l) => [l.key, l.warnings])).toEqual([
      ['own:second', [{ kind: 'flu-already-this-season' }]],
      ['vaccicard:first', []],
    ]);
  });

  it('every dose after the first gets the warning; the same day is ordered by key', () => {
    const h = merge(
      input({
        vaccicard: [
          rsw({ id: 'a', date: '2026-09-10' }),
          rsw({ id: 'c', date: '2026-10-01' }),
          rsw({ id: 'b', date: '2026-10-01' }),
        ],
      }),
    );
    expect(h.flu.map((l) => [l.key, l.warnings.length])).toEqual([
      ['vaccicard:b', 1],
      ['vaccicard:c', 1],
      ['vaccicard:a', 0],
    ]);
  });

  it('a dose in an earlier season does not warn', () => {
    const h = merge(input({ vaccicard: [rsw({ id: 'last', date: '2026-03-01' }), rsw({ id: 'now', date: '2026-10-01' })] }));
    expect(lines(h).flatMap((l) => l.warnings)).toEqual([]);
  });

  it('an own line confirmed by Vaccicard is one dose, not two', () => {
    const h = merge(input({ own: [own({ cnk: CNK.alpharix2020 })], vaccicard: [rsw({ cnk: CNK.alpharix2020, ...by(RIZIV.pharmacist) })] }));
    expect(only(h).warnings).toEqual([]);
  });

  it('the same dose from RSW and RSB is one dose, not two', () => {
    const h = merge(input({ vaccicard: [rsw({ id: 'x' }), rsb({ id: 'x' })] }));
    expect(only(h).warnings).toEqual([]);
  });
});

describe('rule 9: summary', () => {
  it.each([
    ['no vaccinations', [], [], { fluThisSeason: false }],
    ['flu this season', [rsw({ date: '2026-09-05' })], [], { fluThisSeason: true }],
    ['flu last season only', [rsw({ date: '2026-05-05' })], [], { fluThisSeason: false }],
    ['flu this season but dated after today', [rsw({ date: '2026-11-05' })], [], { fluThisSeason: false }],
    ['own flu dose today, not yet echoed', [], [own({ registration: { id: 'r', state: 'pending' } })], { fluThisSeason: true }],
    [
      'covid after the cut-off',
      [rsw({ disease: 'covid', date: '2026-04-15' })],
      [],
      { fluThisSeason: false, lastCovidDate: '2026-04-15', daysSinceLastCovid: 183 },
    ],
    [
      'covid before the cut-off still counts for the interval',
      [rsw({ disease: 'covid', date: '2025-10-15' })],
      [],
      { fluThisSeason: false, lastCovidDate: '2025-10-15', daysSinceLastCovid: 365 },
    ],
    [
      'the latest of several covid doses, across blocks and sources',
      [rsw({ id: 'a', disease: 'covid', date: '2025-10-15' }), rsb({ id: 'b', disease: 'covid', date: '2026-02-01' })],
      [own({ disease: 'covid', date: '2026-06-30', cnk: CNK.comirnaty })],
      { fluThisSeason: false, lastCovidDate: '2026-06-30', daysSinceLastCovid: 107 },
    ],
    [
      'covid today',
      [rsw({ disease: 'covid', date: TODAY })],
      [],
      { fluThisSeason: false, lastCovidDate: TODAY, daysSinceLastCovid: 0 },
    ],
    [
      'a covid dose dated after today is ignored',
      [rsw({ id: 'a', disease: 'covid', date: '2026-12-01' }), rsw({ id: 'b', disease: 'covid', date: '2026-05-01' })],
      [],
      { fluThisSeason: false, lastCovidDate: '2026-05-01', daysSinceLastCovid: 167 },
    ],
  ] as const)('%s', (_label, vaccicard, ownLines, summary) => {
    expect(merge(input({ vaccicard: [...vaccicard], own: [...ownLines] })).summary).toEqual(summary);
  });
});

describe('rule 10: keys', () => {
  const busy = () =>
    input({
      own: [
        own({ id: 'o1', riziv: RIZIV.pharmacist }),
        own({ id: 'o1', date: '2026-10-01' }),
        own({ id: 'o2', disease: 'covid', date: '2026-03-01' }),
      ],
      vaccicard: [rsw({ id: 'v1', ...by(RIZIV.gp) }), rsb({ id: 'v1' }), rsw({ id: 'v2', date: '2026-09-10', ...by(RIZIV.gp) })],
    });

  it('are unique, even when own ids repeat', () => {
    const keys = lines(merge(busy())).map((l) => l.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(['own:o1', 'own:o1#2', 'own:o2', 'vaccicard:v1', 'vaccicard:v2']);
  });

  it('are the same for the same input', () => {
    expect(merge(busy())).toEqual(merge(busy()));
  });

  it('do not depend on input order', () => {
    const i = busy();
    const reversed = { ...i, own: [...i.own].reverse(), vaccicard: [...i.vaccicard].reverse() };
    expect(merge(reversed)).toEqual(merge(i));
  });

  it('an own line keeps its key when Vaccicard starts echoing it', () => {
    const before = merge(input({ own: [own({ id: 'mine' })] }));
    const after = merge(input({ own: [own({ id: 'mine' })], vaccicard: [rsw({ ...by(RIZIV.pharmacist) })] }));
    expect(only(before).key).toBe('own:mine');
    expect(only(after)).toMatchObject({ key: 'own:mine', confirmed: true });
  });

  it('an own id that looks like a suffixed key does not collide', () => {
    const keys = lines(merge(input({ own: [own({ id: 'a' }), own({ id: 'a', date: '2026-10-02' }), own({ id: 'a#2', date: '2026-10-03' })] }))).map((l) => l.key);
    expect(new Set(keys).size).toBe(3);
  });
});

describe('provenance', () => {
  it('names the inputs behind each line', () => {
    const a = rsw({ id: 'v', cnk: CNK.alpharix2020, ...by(RIZIV.pharmacist) });
    const b = rsb({ id: 'v' });
    const o = own({ cnk: CNK.alpharix2020 });
    const d = mergeHistoryDetailed(input({ own: [o], vaccicard: [b, a] }));
    expect(d.provenance.get('own:own-1')).toEqual({ own: o, vaccicard: [a, b] });
  });
});

describe('bad configuration', () => {
  it('an impossible season window is a typed error, not a wrong history', () => {
    expect(() => mergeHistory(input({ seasonWindow: { startMonth: 2, startDay: 30 } }))).toThrowError(
      expect.objectContaining({ name: 'SeasonInputError', reason: 'window-day-out-of-range' }),
    );
  });
});
