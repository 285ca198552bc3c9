import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MergedHistory, type HubId, type OwnVaccination, type VaccinationRecord } from '../../../lib/vaccination.ts';
import { mergeHistory, mergeHistoryDetailed, type MergeInput } from '../../../lib/history/merge.ts';
import { isAdministered } from '../../../lib/history/lifecycle.ts';
import { CNK, IDENTITY, RIZIV, own, record } from './factory.ts';

const SEED = 20261015;
const RUNS = 400;

// Small pools so that collisions (same date, same CNK, same vaccinator, same id) are common.
const DATES = ['2025-10-01', '2026-01-04', '2026-01-05', '2026-03-01', '2026-09-01', '2026-10-01', '2026-10-15', '2026-11-01'];
const TODAYS = ['2026-10-15', '2026-08-31', '2027-02-01'];
const CNKS = [CNK.alpharix2020, CNK.influvac2020, CNK.comirnaty, CNK.badCheck];
const RIZIVS = [RIZIV.pharmacist, RIZIV.pharmacistOtherQualification, RIZIV.colleague, RIZIV.gp, RIZIV.invalid, ' '];
const LIFECYCLES = ['administrated', 'completed', 'cancelled', 'refused', 'aborted', 'planned', 'whatever'];

const opt = <T,>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const recordArb: fc.Arbitrary<VaccinationRecord> = fc
  .record({
    id: fc.constantFrom('r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9'),
    date: fc.constantFrom(...DATES),
    disease: fc.constantFrom('flu', 'covid', 'other'),
    cnk: opt(fc.constantFrom(...CNKS)),
    cnkFlag: opt(fc.boolean()),
    riziv: opt(fc.constantFrom(...RIZIVS)),
    rizivValid: opt(fc.boolean()),
    org: opt(fc.constantFrom('80000551', '8-00005-51', '20000072')),
    lifecycle: opt(fc.constantFrom(...LIFECYCLES)),
    tx: fc.subarray([
      { s: 'LOCAL', sl: 'vault', value: 'T1' },
      { s: 'LOCAL', sl: 'vault', value: 'T2' },
      { s: 'ID-KMEHR', value: '1' },
    ]),
    vaccinnetCode: opt(fc.constantFrom('FLU/GL014', 'Covid-19/PFBNT001', 'DT/GL002')),
    atc: fc.subarray(['J07BB02', 'J07BX03', 'J07AM51']),
    lot: opt(fc.constantFrom('L1', 'L2')),
    name: opt(fc.constantFrom('ALPHARIX', 'COMIRNATY')),
  })
  .map((r) =>
    record({
      id: r.id,
      date: r.date,
      disease: r.disease,
      ...(r.cnk !== undefined && { cnk: r.cnk }),
      ...(r.cnk !== undefined && r.cnkFlag !== undefined && { cnkValid: r.cnkFlag }),
      ...(r.riziv !== undefined && { vaccinator: { riziv: r.riziv, ...(r.rizivValid !== undefined && { rizivValid: r.rizivValid }) } }),
      ...(r.org !== undefined && { organisation: { id: r.org } }),
      ...(r.lifecycle !== undefined && { lifecycle: r.lifecycle }),
      transactionIds: r.tx.map((t) => ({ ...t })),
      ...(r.vaccinnetCode !== undefined && { vaccinnetCode: r.vaccinnetCode }),
      atc: [...r.atc],
      ...(r.lot !== undefined && { lot: r.lot }),
      ...(r.name !== undefined && { name: r.name }),
    }),
  );

const entryArb = fc.record({ hub: fc.constantFrom<HubId>('rsw', 'rsb'), record: recordArb });

const ownArb: fc.Arbitrary<OwnVaccination> = fc
  .record({
    id: fc.constantFrom('o0', 'o1', 'o2', 'o3', 'o4'),
    source: fc.constantFrom('FarmaFlux', 'PopVax FarmaFlux'),
    date: fc.constantFrom(...DATES),
    disease: opt(fc.constantFrom('flu', 'covid', 'other')),
    cnk: opt(fc.constantFrom(...CNKS)),
    riziv: opt(fc.constantFrom(...RIZIVS)),
    state: opt(fc.constantFrom('pending', 'sent', 'confirmed', 'rejected', 'withdrawn')),
  })
  .map((o) =>
    own({
      id: o.id,
      source: o.source,
      date: o.date,
      disease: o.disease,
      cnk: o.cnk,
      riziv: o.riziv,
      ...(o.state !== undefined && { registration: { id: `reg-${o.id}`, state: o.state } }),
    }),
  );

const inputArb: fc.Arbitrary<MergeInput> = fc.record({
  vaccicard: fc.array(entryArb, { maxLength: 10 }),
  own: fc.array(ownArb, { maxLength: 5 }),
  identity: fc.constantFrom(IDENTITY, { pharmacistRizivs: [] }, { pharmacyNumber: '80000551', pharmacistRizivs: [] }),
  today: fc.constantFrom(...TODAYS),
  seasonWindow: opt(fc.constantFrom({ startMonth: 9, startDay: 1 }, { startMonth: 10, startDay: 1 })),
});

const allLines = (h: MergedHistory) => [...h.flu, ...h.covid, ...h.other];

describe('merge properties (fixed seed)', () => {
  it('the output always passes MergedHistory.parse, and keys are unique', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        const h = mergeHistory(i);
        expect(MergedHistory.parse(h)).toEqual(h);
        const keys = allLines(h).map((l) => l.key);
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('no line is lost: every given input is in exactly one line, every not-given one in none', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        const d = mergeHistoryDetailed(i);
        const keys = allLines(d.history).map((l) => l.key);
        expect([...d.provenance.keys()].sort()).toEqual([...keys].sort());

        const seenEntries = new Map<object, number>();
        const seenOwn = new Map<object, number>();
        for (const p of d.provenance.values()) {
          for (const e of p.vaccicard) seenEntries.set(e, (seenEntries.get(e) ?? 0) + 1);
          if (p.own) seenOwn.set(p.own, (seenOwn.get(p.own) ?? 0) + 1);
        }
        for (const e of i.vaccicard) {
          const expected = isAdministered(e.record.lifecycle) ? 1 : 0;
          expect(seenEntries.get(e) ?? 0).toBe(expected);
          expect(d.notAdministered.includes(e)).toBe(expected === 0);
        }
        for (const o of i.own) expect(seenOwn.get(o)).toBe(1);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('every line follows the own/confirmed/source rules', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        const d = mergeHistoryDetailed(i);
        for (const line of allLines(d.history)) {
          const p = d.provenance.get(line.key)!;
          if (p.own) {
            expect(line).toMatchObject({ own: true, source: p.own.source, date: p.own.date });
            expect(line.confirmed).toBe(p.vaccicard.length > 0);
            const state = p.own.registration?.state;
            if (state === 'withdrawn' || state === 'rejected') {
              expect(line.confirmed).toBe(false);
              expect(line.registration?.state).toBe(state);
            }
            if (line.confirmed && p.own.registration) expect(line.registration?.state).toBe('confirmed');
          } else {
            expect(line.source).toBe('Vaccicard');
            expect(line.confirmed).toBe(line.own);
            expect(p.vaccicard.length).toBeGreaterThan(0);
          }
          // At most one record per hub beyond equal ids: hubs are what the records say.
          expect(line.hubs).toEqual(['rsw', 'rsb'].filter((h) => p.vaccicard.some((e) => e.hub === h)));
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('shuffling the inputs does not change the output', () => {
    const withShuffles = inputArb.chain((i) =>
      fc.tuple(
        fc.constant(i),
        fc.shuffledSubarray(i.vaccicard, { minLength: i.vaccicard.length, maxLength: i.vaccicard.length }),
        fc.shuffledSubarray(i.own, { minLength: i.own.length, maxLength: i.own.length }),
      ),
    );
    fc.assert(
      fc.property(withShuffles, ([i, vaccicard, ownLines]) => {
        expect(mergeHistory({ ...i, vaccicard, own: ownLines })).toEqual(mergeHistory(i));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('merging RSW with RSB copies of its records never gives more lines than RSW alone', () => {
    // Each RSW record has its own id and vault transaction id (as the parser derives
    // ids from transaction ids); its RSB copy keeps the id, or gets a new id and keeps
    // the transaction id, or (when it has a vaccinator) gets a new id and a new
    // transaction id and keeps the vaccinator.
    const rswArb = fc.array(recordArb, { maxLength: 8 }).map((records) =>
      records.map((r, n) => ({
        hub: 'rsw' as const,
        record: { ...r, id: `rsw-${n}`, transactionIds: [{ s: 'LOCAL', sl: 'vault', value: `T${n}` }] },
      })),
    );
    const copiesArb = rswArb.chain((rswEntries) =>
      fc.tuple(
        fc.constant(rswEntries),
        fc.array(fc.constantFrom('none', 'same-id', 'same-transaction', 'same-vaccinator'), {
          minLength: rswEntries.length,
          maxLength: rswEntries.length,
        }),
        fc.array(ownArb, { maxLength: 4 }),
        fc.constantFrom(...TODAYS),
      ),
    );
    fc.assert(
      fc.property(copiesArb, ([rswEntries, how, ownLines, today]) => {
        const rsbEntries = rswEntries.flatMap((e, n) => {
          const kind = how[n]!;
          const r = e.record;
          if (kind === 'none') return [];
          if (kind === 'same-id') return [{ hub: 'rsb' as const, record: { ...r } }];
          if (kind === 'same-transaction') return [{ hub: 'rsb' as const, record: { ...r, id: `rsb-${n}` } }];
          if (!r.vaccinator?.riziv?.trim()) return [];
          return [{ hub: 'rsb' as const, record: { ...r, id: `rsb-${n}`, transactionIds: [{ s: 'LOCAL', sl: 'rsb', value: `B${n}` }] } }];
        });
        const base = { own: ownLines, identity: IDENTITY, today };
        const alone = allLines(mergeHistory({ ...base, vaccicard: rswEntries })).length;
        const both = allLines(mergeHistory({ ...base, vaccicard: [...rswEntries, ...rsbEntries] })).length;
        expect(both).toBeLessThanOrEqual(alone);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('the flu warning marks exactly the given in-season flu lines after the first', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        const d = mergeHistoryDetailed(i);
        const given = d.history.flu.filter((l) => {
          const state = d.provenance.get(l.key)!.own?.registration?.state;
          return state !== 'withdrawn' && state !== 'rejected';
        });
        const warned = d.history.flu.filter((l) => l.warnings.some((w) => w.kind === 'flu-already-this-season'));
        expect(warned.length).toBe(Math.max(0, given.length - 1));
        expect(d.history.summary.fluThisSeason).toBe(given.some((l) => l.date <= i.today));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
