/**
 * The real hub client against the simulated hubs, on real sockets, for every
 * synthetic patient: per-hub statuses, the KMEHR returned, and what the
 * extension's merge makes of it (SYNTHETIC_PATIENTS says what it must show).
 * Every request the simulated hubs received is then validated against the
 * hub-services XSD.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsultResponse, type HubResult } from '../../../lib/companion/contract.ts';
import { recordsFromConsult } from '../../../lib/kmehr/consult.ts';
import { mergeHistory } from '../../../lib/history/merge.ts';
import type { HubId } from '../../../lib/vaccination.ts';
import { generateSyntheticPatients, type SyntheticPatient } from '../../src/simulator/synthetic.ts';
import { SYNTHETIC_PATIENTS } from '../../src/simulator/index.ts';
import type { HubUpstream } from '../../src/hub/index.ts';
import { clientFor, startFixture, type SimulatorFixture } from '../helpers/simulator.ts';
import { validateHubServices } from '../helpers/xsd.ts';

let fx: SimulatorFixture;
let client: HubUpstream;
/** For the `timeout` patient only: the hubs never answer, so the wait is this client's per-hub timeout. */
let quickTimeoutClient: HubUpstream;
const patients: SyntheticPatient[] = generateSyntheticPatients();
const today = new Date();
const todayIso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;

beforeAll(async () => {
  fx = await startFixture();
  client = clientFor(fx.sim, { timeoutMs: 5_000 });
  quickTimeoutClient = clientFor(fx.sim, { timeoutMs: 300 });
});

afterAll(async () => {
  client?.close();
  quickTimeoutClient?.close();
  await fx?.sim.close();
});

const status = (r: HubResult | undefined) => (r === undefined ? 'missing' : r.status === 'ok' ? 'ok' : r.error.code);

/** The root start tag and end tag differ (core:kmehrmessage in the response); the content must be byte-identical. */
function innerOf(xml: string): string {
  const open = xml.indexOf('>', xml.indexOf('kmehrmessage')) + 1;
  const close = xml.lastIndexOf('</');
  return xml.slice(open, close);
}

describe('consult round trip for every synthetic patient', () => {
  it('SYNTHETIC_PATIENTS lists every generated patient', () => {
    expect(SYNTHETIC_PATIENTS.map((p) => p.insz)).toEqual(patients.map((p) => p.info.insz));
  });

  it.each(patients.map((p) => [p.info.key, p] as const))('%s', async (_key, patient) => {
    const { info } = patient;
    const hubs: HubId[] = ['rsw', 'rsb'];
    const answer = await (info.behaviour === 'timeout' ? quickTimeoutClient : client).consult(info.insz, hubs, AbortSignal.timeout(10_000));
    // The companion's answer satisfies the contract the extension validates.
    const response = ConsultResponse.parse({ hubs: answer });
    expect({ rsw: status(response.hubs.rsw), rsb: status(response.hubs.rsb) }).toEqual(info.expectedHubs);

    // Every KMEHR file of a hub that holds the records comes back verbatim.
    for (const hub of hubs) {
      const result = response.hubs[hub];
      if (result?.status !== 'ok') continue;
      const holds = info.hub === 'both' || info.hub === hub;
      expect(result.transactions).toHaveLength(holds ? info.transactionCount : 0);
      const returned = new Set(result.transactions.map((t) => innerOf(t.kmehr)));
      for (const file of holds ? patient.files : []) expect(returned.has(innerOf(file.xml))).toBe(true);
    }

    // What the pharmacist sees: the extension's own parse and merge.
    const records = recordsFromConsult(response, { expectedInsz: info.insz });
    expect(records.failures).toEqual([]);
    const history = mergeHistory({
      vaccicard: records.records,
      own: [],
      identity: { pharmacyNumber: fx.sim.pharmacy.pharmacyNumber, pharmacistRizivs: [fx.sim.pharmacy.pharmacistRiziv] },
      today: todayIso,
    });
    const lines = [...history.flu, ...history.covid, ...history.other];
    const expected = info.expectedMerge;
    expect({
      flu: history.flu.length,
      covid: history.covid.length,
      other: history.other.length,
      fluThisSeason: history.summary.fluThisSeason,
      ownConfirmed: lines.filter((l) => l.own && l.confirmed).length,
      fromBothHubs: lines.filter((l) => l.hubs.length === 2).length,
      warnings: [...new Set(lines.flatMap((l) => l.warnings.map((w) => w.kind)))].sort(),
    }).toEqual({ ...expected, warnings: [...expected.warnings].sort() });
  });

  it('every request the hubs received validates against the hub-services XSD and passed the security checks', async () => {
    const requests = fx.received.filter((r) => r.payloadXml !== undefined);
    expect(requests.length).toBeGreaterThan(patients.length);
    const report = await validateHubServices(requests.map((r, i) => ({ name: `${r.hub}-${r.operation}-${i}`, xml: r.payloadXml! })));
    expect(report.errors).toEqual({});
    expect(report.valid).toBe(true);
    // Only the `error` behaviour refuses, with a server fault; no security or client refusal.
    const refusals = new Set(fx.received.map((r) => r.refusal).filter(Boolean));
    expect([...refusals]).toEqual(['soapenv:Server: simulated internal error of the hub']);
    for (const r of requests) expect(r.soapAction).toBe(`"urn:be:fgov:ehealth:intrahub:protocol:v3:${r.operation}"`);
  });

  it('asks each hub only what is requested and reuses the token', async () => {
    const before = fx.sim.tokenProvider.mintedCount;
    const p = patients.find((x) => x.info.key === 'same-vaccination-both-hubs')!;
    const answer = await client.consult(p.info.insz, ['rsb'], AbortSignal.timeout(5_000));
    expect(Object.keys(answer)).toEqual(['rsb']);
    expect(fx.sim.tokenProvider.mintedCount).toBe(before);
  });
});
