/**
 * The Vaccinnet channel with the real Vaccinnet client against the simulated
 * Vaccinnet, over HTTPS with the hubs' WS-Security: up to five messages of a
 * patient in one AddVaccinations, per-message refusals (covid without lot),
 * a resend recognised by its ids, RemoveVaccination, the softwareID and the
 * request's shape.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildVaccinationKmehr } from '../../../lib/kmehr/build.ts';
import { startSimulatedHubs, type SimulatedHubs } from '../../src/simulator/index.ts';
import { createVaccinnetClient, type VaccinnetClient, addVaccinationsBody, VACCINNET_NS } from '../../src/vaccinnet/index.ts';
import { createVaccinnetChannel } from '../../src/registration/vaccinnet-channel.ts';
import type { DeliveryItem } from '../../src/registration/channel.ts';
import { registrationInput } from './inputs.ts';

const INSZ = '17073003384';
let sim: SimulatedHubs;
let client: VaccinnetClient;
const requests: { soapAction?: string; envelopeXml: string }[] = [];
const signal = () => AbortSignal.timeout(20_000);

function item(disease: 'flu' | 'covid', edit: (xml: string) => string = (x) => x, insz = INSZ): DeliveryItem {
  const id = randomUUID();
  const kmehr = edit(buildVaccinationKmehr(registrationInput(disease, insz), { messageId: id, registrationId: id, now: new Date(), target: 'vaccinnet' }));
  return { id, insz, kmehr, kmehrId: `20807092001.${id}` };
}

beforeAll(async () => {
  sim = await startSimulatedHubs({ registrations: { onVaccinnetRequest: (r) => requests.push(r) } });
  client = createVaccinnetClient({ url: sim.vaccinnet.url, caPem: sim.caCertPem, tokenProvider: sim.tokenProvider, softwareId: 'acme_vaccicard-overlay', timeoutMs: 10_000 });
});

afterAll(async () => {
  client?.close();
  await sim?.close();
});

describe('Vaccinnet registration', () => {
  it('carries up to five messages of one patient in one call; each gets its own outcome and VaccinationId', async () => {
    const channel = createVaccinnetChannel(client);
    expect(channel.maxBatch).toBe(5);
    const batch = [item('flu'), item('covid'), item('covid', (x) => x.replace(/\s*<batch>[^<]*<\/batch>/, '')), item('flu')];
    const outcomes = await channel.deliver(batch, signal());
    expect(outcomes.get(batch[0]!.id)).toMatchObject({ kind: 'accepted', upstreamTransactionId: { s: 'VACCINNET', sl: 'VACCINNET', value: expect.stringMatching(/^vaccinnet-/) } });
    expect(outcomes.get(batch[1]!.id)?.kind).toBe('accepted');
    expect(outcomes.get(batch[2]!.id)).toMatchObject({ kind: 'rejected', rejectionCode: 'refused', upstreamCode: '400', reason: expect.stringContaining('lot number') });
    expect(outcomes.get(batch[3]!.id)?.kind).toBe('accepted');
    const stored = sim.registrations.all().filter((r) => r.upstream === 'vaccinnet');
    expect(stored.map((r) => r.registrationId).sort()).toEqual([batch[0]!.id, batch[1]!.id, batch[3]!.id].sort());

    // The request: one call, the softwareID, the patient, four base64 messages that decode to what was built.
    const sent = requests.at(-1)!;
    expect(sent.soapAction).toBe('AddVaccinations');
    expect(sent.envelopeXml).toContain(`<msg:SoftwareId>acme_vaccicard-overlay</msg:SoftwareId>`);
    expect(sent.envelopeXml).toContain(`<msg:PatientId>${INSZ}</msg:PatientId>`);
    const encoded = [...sent.envelopeXml.matchAll(/<msg:Base64EncodedKmehrmessage>([^<]+)</g)].map((m) => Buffer.from(m[1]!, 'base64').toString('utf8'));
    expect(encoded).toEqual(batch.map((b) => b.kmehr));
  });

  it('a resend of the same messages is recognised by their ids: the same VaccinationId, nothing stored twice', async () => {
    const channel = createVaccinnetChannel(client);
    const one = item('flu');
    const first = (await channel.deliver([one], signal())).get(one.id);
    const second = (await channel.deliver([one], signal())).get(one.id);
    expect(second).toEqual(first);
    const stored = sim.registrations.all().filter((r) => r.registrationId === one.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.deliveries).toBe(2);
  });

  it('RemoveVaccination by the VaccinationId; removing again is still "revoked"', async () => {
    const channel = createVaccinnetChannel(client);
    const one = item('flu');
    const outcome = (await channel.deliver([one], signal())).get(one.id)!;
    if (outcome.kind !== 'accepted' || !outcome.upstreamTransactionId) throw new Error('not accepted');
    const delivered = { ...one, upstreamTransactionId: outcome.upstreamTransactionId };
    expect(await channel.revoke(delivered, signal())).toEqual({ kind: 'revoked' });
    expect(sim.registrations.all().find((r) => r.registrationId === one.id)?.revoked).toBe(true);
    expect(await channel.revoke(delivered, signal())).toEqual({ kind: 'revoked' });
    expect(requests.at(-1)?.soapAction).toBe('RemoveVaccination');
    expect(await channel.revoke(one, signal())).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('Vaccinnet itself') });
  });

  it('a softwareID Vaccinnet does not accept is refused by the service (every message)', async () => {
    const bad = createVaccinnetClient({ url: sim.vaccinnet.url, caPem: sim.caCertPem, tokenProvider: sim.tokenProvider, softwareId: 'no-underscore', timeoutMs: 10_000 });
    try {
      const one = item('flu');
      const outcome = (await createVaccinnetChannel(bad).deliver([one], signal())).get(one.id);
      expect(outcome).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('SoftwareId') });
    } finally {
      bad.close();
    }
  });

  it('a message about another patient than PatientId is refused', async () => {
    const channel = createVaccinnetChannel(client);
    const other = item('flu', (x) => x, '85073003328');
    const outcome = (await channel.deliver([{ ...other, insz: INSZ }], signal())).get(other.id);
    expect(outcome).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('another patient') });
  });

  it('an unreachable service is a transient failure for every message', async () => {
    const down = createVaccinnetClient({ url: 'https://127.0.0.1:9/vaccinnet', tokenProvider: sim.tokenProvider, softwareId: 'acme_x', timeoutMs: 2_000 });
    try {
      const one = item('flu');
      const outcome = (await createVaccinnetChannel(down).deliver([one], signal())).get(one.id);
      expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'unreachable', message: expect.stringContaining('Vaccinnet service') } });
    } finally {
      down.close();
    }
  });

  it('the request body: 1 to 5 messages, in the V21 namespaces', () => {
    const body = JSON.stringify(addVaccinationsBody({ softwareId: 'a_b', vaccinnetId: 'V1' }, INSZ, ['<x/>']));
    expect(body).toContain(VACCINNET_NS.service);
    expect(body).toContain('"msg:VaccinnetId":"V1"');
    expect(() => addVaccinationsBody({ softwareId: 'a_b' }, INSZ, [])).toThrow(RangeError);
    expect(() => addVaccinationsBody({ softwareId: 'a_b' }, INSZ, Array(6).fill('<x/>'))).toThrow(RangeError);
  });
});
