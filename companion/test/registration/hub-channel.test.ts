/**
 * The Vaccicard channel (PutTransaction, lookup by GetTransactionList,
 * RevokeTransaction) with the real hub client against the simulated hubs,
 * on real sockets: delivery, a resend recognised as the same registration,
 * the echo in a later consultation, refusals (XSD/covid rule, no consent),
 * transient faults, withdrawal, and every request validated against the
 * hub services XSD.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { buildVaccinationKmehr, REGISTRATION_ID_SL } from '../../../lib/kmehr/build.ts';
import { recordsFromConsult } from '../../../lib/kmehr/consult.ts';
import { SYNTHETIC_PATIENTS, startSimulatedHubs, type ReceivedRequest, type SimulatedHubs } from '../../src/simulator/index.ts';
import type { HubUpstream } from '../../src/hub/index.ts';
import { createHubChannel } from '../../src/registration/hub-channel.ts';
import type { DeliveryItem, RegistrationChannel } from '../../src/registration/channel.ts';
import { clientFor } from '../helpers/simulator.ts';
import { validateHubServices } from '../helpers/xsd.ts';
import { registrationInput } from './inputs.ts';

let sim: SimulatedHubs;
let client: HubUpstream;
let channel: RegistrationChannel;
const received: ReceivedRequest[] = [];
const okPatient = SYNTHETIC_PATIENTS.find((p) => p.key === 'flu-gp-this-season')!;
const noConsent = SYNTHETIC_PATIENTS.find((p) => p.behaviour === 'no-consent' && p.hub !== 'rsb')!;
const signal = () => AbortSignal.timeout(20_000);

function item(disease: 'flu' | 'covid', insz: string, edit: (xml: string) => string = (x) => x): DeliveryItem {
  const id = randomUUID();
  const kmehr = edit(
    buildVaccinationKmehr(registrationInput(disease, insz), { messageId: id, registrationId: id, now: new Date(), target: 'rsw', software: { name: 'test', version: '1' } }),
  );
  return { id, insz, kmehr, kmehrId: `x.${id}`, hub: 'rsw' };
}

beforeAll(async () => {
  sim = await startSimulatedHubs({ onRequest: (r) => received.push(r), registrations: { faults: { put: [{ action: 'fail', times: 2 }] } } });
  client = clientFor(sim);
  channel = createHubChannel(client.registration, 'rsw');
});

afterAll(async () => {
  client?.close();
  await sim?.close();
});

describe('Vaccicard registration through the simulated RSW', () => {
  it('fails twice (injected), then stores; a resend is the same registration; the lookup finds it; the consultation returns it', async () => {
    const flu = item('flu', okPatient.insz);
    const first = await channel.deliver([flu], signal());
    expect(first.get(flu.id)).toMatchObject({ kind: 'failed', error: { code: 'hub-error' } });
    expect((await channel.deliver([flu], signal())).get(flu.id)?.kind).toBe('failed');
    const third = (await channel.deliver([flu], signal())).get(flu.id)!;
    expect(third).toMatchObject({ kind: 'accepted', upstreamTransactionId: { s: 'LOCAL', sl: 'vaccicard-transaction-id' } });

    const again = (await channel.deliver([flu], signal())).get(flu.id)!;
    expect(again).toEqual(third);
    const stored = sim.registrations.all().filter((r) => r.registrationId === flu.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ upstream: 'rsw', deliveries: 2, revoked: false, insz: okPatient.insz });

    expect(await channel.lookup!(flu, signal())).toEqual({ kind: 'found', upstreamTransactionId: (third as { upstreamTransactionId: unknown }).upstreamTransactionId });
    expect(await channel.lookup!(item('flu', okPatient.insz), signal())).toEqual({ kind: 'not-found' });

    const consult = await client.consult(okPatient.insz, ['rsw', 'rsb'], signal());
    const { records } = recordsFromConsult({ hubs: consult }, { expectedInsz: okPatient.insz });
    const echoed = records.filter((r) => r.record.transactionIds.some((i) => i.s === 'LOCAL' && i.sl === REGISTRATION_ID_SL && i.value === flu.id));
    expect(echoed.map((r) => r.hub)).toEqual(['rsw']);
    expect(echoed[0]!.record).toMatchObject({ disease: 'flu', cnk: '4176053', lot: 'AFLUA734BB' });
  });

  it('refuses a covid vaccination without lot (KMEHR still XSD-valid): rejected as invalid-registration, nothing stored', async () => {
    const covid = item('covid', okPatient.insz, (xml) => xml.replace(/\s*<batch>[^<]*<\/batch>/, ''));
    expect(covid.kmehr).not.toContain('<batch>');
    const outcome = (await channel.deliver([covid], signal())).get(covid.id);
    expect(outcome).toMatchObject({ kind: 'rejected', rejectionCode: 'invalid-registration', upstreamCode: 'SIM-INVALID-KMEHR', reason: expect.stringContaining('lot number') });
    expect(sim.registrations.all().some((r) => r.registrationId === covid.id)).toBe(false);
  });

  it('refuses a message that breaks the KMEHR 1.43 schema', async () => {
    const broken = item('flu', okPatient.insz, (xml) => xml.replace('<quantity>', '<quantity><unknown/>'));
    const outcome = (await channel.deliver([broken], signal())).get(broken.id);
    expect(outcome).toMatchObject({ kind: 'rejected', rejectionCode: 'invalid-registration', reason: expect.stringContaining('KMEHR 1.43 schema') });
  });

  it('types a patient without consent', async () => {
    const refused = item('flu', noConsent.insz);
    const outcome = (await channel.deliver([refused], signal())).get(refused.id);
    expect(outcome).toMatchObject({ kind: 'rejected', rejectionCode: 'no-consent' });
  });

  it('revokes: the registration leaves the consultation; revoking again is still "revoked" (idempotent)', async () => {
    const flu = item('flu', okPatient.insz);
    const accepted = (await channel.deliver([flu], signal())).get(flu.id)!;
    expect(accepted.kind).toBe('accepted');
    const delivered = { ...flu, ...(accepted.kind === 'accepted' && accepted.upstreamTransactionId && { upstreamTransactionId: accepted.upstreamTransactionId }) };
    expect(await channel.revoke(delivered, signal())).toEqual({ kind: 'revoked' });
    expect(sim.registrations.all().find((r) => r.registrationId === flu.id)?.revoked).toBe(true);
    const consult = await client.consult(okPatient.insz, ['rsw'], signal());
    expect(JSON.stringify(consult)).not.toContain(flu.id);
    expect(await channel.revoke(delivered, signal())).toEqual({ kind: 'revoked' });
    // Without the hub's id (never learnt), the revoke looks the transaction up first.
    const other = item('flu', okPatient.insz);
    await channel.deliver([other], signal());
    expect(await channel.revoke(other, signal())).toEqual({ kind: 'revoked' });
    expect(sim.registrations.all().find((r) => r.registrationId === other.id)?.revoked).toBe(true);
  });

  it('every PutTransaction and RevokeTransaction sent validates against hubservices_protocol-3_5.xsd', async () => {
    // All but the message broken on purpose above.
    const calls = received.filter((r) => (r.operation === 'PutTransaction' || r.operation === 'RevokeTransaction') && !r.payloadXml?.includes('<unknown/>'));
    expect(new Set(calls.map((c) => c.operation))).toEqual(new Set(['PutTransaction', 'RevokeTransaction']));
    expect(calls.every((c) => c.soapAction === `"urn:be:fgov:ehealth:intrahub:protocol:v3:${c.operation}"`)).toBe(true);
    const report = await validateHubServices(calls.map((c, i) => ({ name: `${c.operation}-${i}`, xml: c.payloadXml! })));
    expect(report.errors).toEqual({});
    expect(report.valid).toBe(true);
  });
});
