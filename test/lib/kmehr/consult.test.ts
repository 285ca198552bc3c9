import { describe, expect, it } from 'vitest';
import { ConsultResponse } from '../../../lib/companion/contract.ts';
import { recordsFromConsult } from '../../../lib/kmehr/consult.ts';
import { readOwn, readPublic } from './fixtures.ts';
import { item, simpleMessage } from './message.ts';

const ok = (transactions: Array<{ id: string; kmehr: string }>) => ({ status: 'ok' as const, transactions, durationMs: 12 });

describe('recordsFromConsult', () => {
  it('gives every record with its hub, and a count per hub', () => {
    const resp = ConsultResponse.parse({
      hubs: {
        rsw: ok([{ id: 'TX-1', kmehr: readOwn('pharmacy-vaccinations.xml') }]),
        rsb: ok([{ id: 'B-1', kmehr: readPublic('vitalink-evs/vaccination-with-cdatc-and-batch.xml') }]),
      },
    });
    const out = recordsFromConsult(resp);
    expect(out.records.map((r) => [r.hub, r.record.disease, r.record.date])).toEqual([
      ['rsw', 'flu', '2026-10-14'],
      ['rsw', 'covid', '2026-01-20'],
      ['rsw', 'flu', '2020-10-20'],
      ['rsb', 'covid', '2020-12-15'],
    ]);
    expect(out.hubs).toEqual({ rsw: { status: 'ok', count: 3 }, rsb: { status: 'ok', count: 1 } });
    expect(out.failures).toEqual([]);
  });

  it('makes a malformed transaction a visible failure; the other transactions and the other hub still come through', () => {
    const resp = ConsultResponse.parse({
      hubs: {
        rsw: ok([
          { id: 'TX-bad', kmehr: '<kmehrmessage><folder>' },
          { id: 'TX-hostile', kmehr: '<!DOCTYPE k [<!ENTITY x "y">]><kmehrmessage/>' },
          { id: 'TX-good', kmehr: simpleMessage([item({ atc: ['J07BB02'] })]) },
        ]),
        rsb: ok([{ id: 'B-1', kmehr: simpleMessage([item({ atc: ['J07BN01'] })]) }]),
      },
    });
    const out = recordsFromConsult(resp);
    expect(out.records.map((r) => `${r.hub}:${r.record.disease}`)).toEqual(['rsw:flu', 'rsb:covid']);
    expect(out.hubs).toEqual({ rsw: { status: 'ok', count: 1 }, rsb: { status: 'ok', count: 1 } });
    expect(out.failures).toEqual([
      { hub: 'rsw', transactionId: 'TX-bad', reason: expect.stringMatching(/^the transaction could not be read \(malformed\)/) },
      { hub: 'rsw', transactionId: 'TX-hostile', reason: expect.stringMatching(/^the transaction could not be read \(doctype\)/) },
    ]);
  });

  it('reports dropped vaccine items as failures and keeps the rest of the transaction', () => {
    const resp = ConsultResponse.parse({
      hubs: { rsw: ok([{ id: 'TX-1', kmehr: simpleMessage([item({ date: '2026-02-30' }), item({ position: 2, atc: ['J07BB02'] })]) }]) },
    });
    const out = recordsFromConsult(resp);
    expect(out.records).toHaveLength(1);
    expect(out.failures).toEqual([{ hub: 'rsw', transactionId: 'TX-1', reason: expect.stringContaining('does not exist') }]);
  });

  it('passes hub errors through and leaves out hubs that were not asked', () => {
    const error = { code: 'no-consent' as const, message: 'no consent', upstreamCode: '365' };
    const out = recordsFromConsult(ConsultResponse.parse({ hubs: { rsb: { status: 'error', error, durationMs: 40 } } }));
    expect(out).toEqual({ records: [], hubs: { rsb: { status: 'error', error } }, failures: [] });
  });

  it('an ok hub with no transaction counts zero', () => {
    expect(recordsFromConsult(ConsultResponse.parse({ hubs: { rsw: ok([]) } })).hubs).toEqual({ rsw: { status: 'ok', count: 0 } });
  });

  it('leaves out, as a failure, a record about another patient than the one asked for', () => {
    const other = simpleMessage([item()]).replace('85073003328', '17073003384');
    const resp = ConsultResponse.parse({
      hubs: { rsw: ok([{ id: 'TX-1', kmehr: simpleMessage([item()]) }, { id: 'TX-2', kmehr: other }]) },
    });
    const out = recordsFromConsult(resp, { expectedInsz: '85.07.30-033.28' });
    expect(out.records).toHaveLength(1);
    expect(out.records[0]!.record.patientInsz).toBe('85073003328');
    expect(out.failures).toEqual([{ hub: 'rsw', transactionId: 'TX-2', reason: 'a vaccination about another patient than the one asked for was left out' }]);
    expect(JSON.stringify(out.failures)).not.toContain('17073003384');
  });
});
