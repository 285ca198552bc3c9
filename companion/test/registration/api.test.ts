/**
 * The registration API over real HTTP: the companion server with a real
 * outbox on disk, the real sender and the real hub and Vaccinnet clients
 * against the simulated upstreams. Security rules as for consult, every
 * answer checked against the contract, rules enforced again (covid lot, no
 * adverse events, this pharmacy), idempotency, the life of a registration
 * from 202 to confirmed by a consultation, withdrawal, and log lines without
 * any INSZ.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, RegisterResponse, RegistrationListResponse, WithdrawResponse, type RegistrationRecord } from '../../../lib/companion/contract.ts';
import { createCompanionServer, type CompanionServer } from '../../src/server/create-server.ts';
import { createJsonLogger } from '../../src/server/log.ts';
import { OutboxSender } from '../../src/outbox/sender.ts';
import { OutboxStore } from '../../src/outbox/store.ts';
import { RegistrationService } from '../../src/registration/service.ts';
import { withEchoConfirmation } from '../../src/registration/consult-echo.ts';
import { registrationChannels } from '../../src/cli/registration-channels.ts';
import { SIMULATED_PHARMACY, SYNTHETIC_PATIENTS, startSimulatedHubs, type SimulatedHubs } from '../../src/simulator/index.ts';
import { createVaccinnetClient, type VaccinnetClient } from '../../src/vaccinnet/index.ts';
import type { HubUpstream } from '../../src/hub/index.ts';
import { clientFor } from '../helpers/simulator.ts';
import { CHROME_ORIGIN, rawRequest, TEST_SECRET, TEST_SETTINGS, type RawResponse } from '../server/helpers.ts';
import { until } from '../cli/cli-kit.ts';
import { registrationInput, registrationRequest } from './inputs.ts';

const ECHO_PATIENT = SYNTHETIC_PATIENTS.find((p) => p.key === 'covid-nurse')!.insz;
const NO_CONSENT = SYNTHETIC_PATIENTS.find((p) => p.behaviour === 'no-consent' && p.hub !== 'rsb')!.insz;
const PLAIN = '85073003328';
const log: string[] = [];

let sim: SimulatedHubs;
let hubs: HubUpstream;
let vaccinnet: VaccinnetClient;
let store: OutboxStore;
let sender: OutboxSender;
let server: CompanionServer;
let port: number;

function call(pathname: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest({
    port,
    method: 'POST',
    path: pathname,
    headers: { 'Content-Type': 'application/json', 'X-Companion-Secret': TEST_SECRET, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function records(insz: string): Promise<RegistrationRecord[]> {
  const r = await call('/v1/registrations/list', { insz });
  expect(r.status).toBe(200);
  return RegistrationListResponse.parse(r.json()).registrations;
}

const stateOf = async (insz: string, id: string) => (await records(insz)).find((r) => r.id === id);

beforeAll(async () => {
  sim = await startSimulatedHubs();
  hubs = clientFor(sim);
  vaccinnet = createVaccinnetClient({ url: sim.vaccinnet.url, caPem: sim.caCertPem, tokenProvider: sim.tokenProvider, softwareId: 'acme_vaccicard-overlay' });
  const { channels, available } = registrationChannels(hubs.registration, vaccinnet);
  ({ store } = await OutboxStore.open({ file: path.join(await mkdtemp(path.join(os.tmpdir(), 'vc-api-')), 'outbox', 'registrations.journal') }));
  const logger = createJsonLogger({ write: (l) => log.push(l), patientRefKey: Buffer.alloc(32, 3) });
  const service = new RegistrationService({
    store,
    routing: { vaccicardHub: 'rsw', vaccinnetEnabled: true, defaultDestination: 'vaccicard' },
    available,
    pharmacy: { pharmacyNumber: SIMULATED_PHARMACY.pharmacyNumber, pharmacistRizivs: [SIMULATED_PHARMACY.pharmacistRiziv, '21234585001'] },
    software: { name: 'vaccicard-companion', version: '0.0.0-test' },
  });
  sender = new OutboxSender({ store, channels, backoff: { baseMs: 50, maxMs: 200 }, event: (n, f) => logger.event(n, f) });
  server = createCompanionServer({
    config: { ...TEST_SETTINGS, maxBodyBytes: 16_384 },
    upstream: withEchoConfirmation(hubs, service, () => undefined),
    secret: TEST_SECRET,
    version: '0.0.0-test',
    logger,
    registrations: service,
  });
  ({ port } = await server.listen(0));
  sender.start();
});

afterAll(async () => {
  await server?.close();
  await sender?.stop();
  await store?.close();
  hubs?.close();
  vaccinnet?.close();
  await sim?.close();
});

describe('the registration operations follow the security rules of consult', () => {
  const body = () => registrationRequest('flu', PLAIN);
  it.each([
    ['no secret', () => call('/v1/registrations', body(), { 'X-Companion-Secret': '' }), 401, 'unauthorized'],
    ['a wrong secret', () => call('/v1/registrations/list', { insz: PLAIN }, { 'X-Companion-Secret': 'x'.repeat(43) }), 401, 'unauthorized'],
    ['a web origin', () => call('/v1/registrations/withdraw', { id: 'x', idempotencyKey: randomUUID() }, { Origin: 'https://evil.example' }), 403, 'forbidden'],
    ['another Host', () => rawRequest({ port, method: 'POST', path: '/v1/registrations', host: 'evil.example', headers: { 'Content-Type': 'application/json' }, body: '{}' }), 403, 'forbidden'],
    ['GET', () => rawRequest({ port, method: 'GET', path: '/v1/registrations/list' }), 405, 'method-not-allowed'],
    ['not JSON media type', () => call('/v1/registrations', JSON.stringify(body()), { 'Content-Type': 'text/plain' }), 415, 'unsupported-media-type'],
    ['a body over the cap', () => call('/v1/registrations', { ...body(), pad: 'x'.repeat(20_000) }), 413, 'payload-too-large'],
    ['not JSON', () => call('/v1/registrations', '{"idempotencyKey": 85073003328'), 400, 'bad-request'],
    ['no idempotency key', () => call('/v1/registrations', { registration: registrationInput('flu', PLAIN) }), 400, 'bad-request'],
    ['an unknown field', () => call('/v1/registrations', { ...body(), insz: PLAIN }), 400, 'bad-request'],
    ['an invalid INSZ in the list', () => call('/v1/registrations/list', { insz: '85073003329' }), 400, 'bad-request'],
  ])('%s', async (_name, send, status, code) => {
    const r = await send();
    expect(r.status).toBe(status);
    expect(ApiError.parse(r.json()).error.code).toBe(code);
    expect(Object.keys(r.headers).some((h) => h.startsWith('access-control-'))).toBe(false);
    expect(r.text).not.toContain(PLAIN);
  });

  it('an extension origin is accepted', async () => {
    const r = await call('/v1/registrations/list', { insz: PLAIN }, { Origin: CHROME_ORIGIN });
    expect(r.status).toBe(200);
  });
});

describe('the rules, again in the companion (nothing stored when refused)', () => {
  it.each([
    ['a covid vaccination without lot', registrationInput('covid', PLAIN, { lot: undefined }), [{ path: 'registration.lot', message: 'lot-required-for-covid' }]],
    ['a covid vaccination with adverse events', registrationInput('covid', PLAIN, { adverseEvents: { text: 'fièvre', language: 'fr' } }), [{ path: 'registration.adverseEvents', message: 'adverse-events-not-allowed-for-covid' }]],
    ['a date in the future', registrationInput('flu', PLAIN, { administrationDate: '2099-01-01' }), [{ path: 'registration.administrationDate', message: 'date-in-future' }]],
    ['a CNK with a wrong check digit', registrationInput('flu', PLAIN, { vaccine: { cnk: '4176054', name: 'Vaccin', disease: 'flu' } }), [{ path: 'registration.vaccine.cnk', message: 'cnk-check-digit' }]],
    ['another pharmacy', registrationInput('flu', PLAIN, { pharmacy: { number: '10000106', name: 'Elsewhere' } }), [{ path: 'registration.pharmacy.number', message: 'not-this-pharmacy' }]],
    ['a pharmacist who does not work here', registrationInput('flu', PLAIN, { vaccinator: { riziv: '21000005001', firstName: 'A', familyName: 'B' } }), [{ path: 'registration.vaccinator.riziv', message: 'not-a-pharmacist-of-this-pharmacy' }]],
  ])('%s: 400 with the reason code', async (_name, registration, issues) => {
    const before = (await records(PLAIN)).length;
    const r = await call('/v1/registrations', { idempotencyKey: randomUUID(), registration });
    expect(r.status).toBe(400);
    expect(ApiError.parse(r.json()).error.issues).toEqual(issues);
    expect(await records(PLAIN)).toHaveLength(before);
  });
});

describe('a registration from 202 to confirmed', () => {
  it('is stored before the answer, sent, and confirmed by the next consultation of the patient', async () => {
    const request = registrationRequest('covid', ECHO_PATIENT);
    const r = await call('/v1/registrations', request);
    expect(r.status).toBe(202);
    const { record, duplicate } = RegisterResponse.parse(r.json());
    expect(duplicate).toBe(false);
    expect(record).toMatchObject({ state: 'pending', destination: 'vaccicard', hub: 'rsw', vaccination: { disease: 'covid', lot: 'GH2781', cnk: '4293254' } });
    expect(store.get(record.id)?.insz).toBe(ECHO_PATIENT); // in the outbox before the 202

    // The resent request (same key, same body, keys in another order): the same registration.
    const resent = await call('/v1/registrations', { registration: request.registration, idempotencyKey: request.idempotencyKey.toUpperCase() });
    expect(resent.status).toBe(202);
    expect(RegisterResponse.parse(resent.json())).toMatchObject({ duplicate: true, record: { id: record.id } });
    // The same key with another vaccination: 409.
    const conflict = await call('/v1/registrations', { ...request, registration: { ...request.registration, lot: 'OTHER' } });
    expect(conflict.status).toBe(409);
    expect(ApiError.parse(conflict.json()).error.code).toBe('conflict');

    await until(() => (store.get(record.id)?.state === 'sent' ? true : undefined), 15_000);
    expect(await stateOf(ECHO_PATIENT, record.id)).toMatchObject({ state: 'sent', upstreamTransactionId: expect.stringMatching(/^rsw-/), sentAt: expect.any(String) });
    expect((await call('/v1/consult', { insz: ECHO_PATIENT })).status).toBe(200);
    expect(await stateOf(ECHO_PATIENT, record.id)).toMatchObject({ state: 'confirmed', confirmedAt: expect.any(String) });
  });

  it('a refusal by the hub ends rejected, with the typed reason', async () => {
    const r = await call('/v1/registrations', registrationRequest('flu', NO_CONSENT));
    const { record } = RegisterResponse.parse(r.json());
    await until(() => (store.get(record.id)?.state === 'rejected' ? true : undefined), 15_000);
    expect(await stateOf(NO_CONSENT, record.id)).toMatchObject({ state: 'rejected', rejectionCode: 'no-consent', reason: expect.stringContaining('consent') });
  });

  it('Vaccinnet when asked: sent (Vaccicard cannot echo it)', async () => {
    const r = await call('/v1/registrations', { ...registrationRequest('flu', PLAIN), destination: 'vaccinnet' });
    expect(r.status).toBe(202);
    const { record } = RegisterResponse.parse(r.json());
    expect(record).toMatchObject({ destination: 'vaccinnet' });
    expect(record.hub).toBeUndefined();
    await until(() => (store.get(record.id)?.state === 'sent' ? true : undefined), 15_000);
    expect(await stateOf(PLAIN, record.id)).toMatchObject({ state: 'sent', upstreamTransactionId: expect.stringMatching(/^vaccinnet-/) });
  });

  it('withdrawal: queued (202), then withdrawn once the hub revoked it; gone from the consultation', async () => {
    const { record } = RegisterResponse.parse((await call('/v1/registrations', registrationRequest('flu', ECHO_PATIENT, { lot: 'TO-WITHDRAW' }))).json());
    await until(() => (store.get(record.id)?.state === 'sent' ? true : undefined), 15_000);
    const key = randomUUID();
    const w = await call('/v1/registrations/withdraw', { id: record.id, idempotencyKey: key });
    expect([200, 202]).toContain(w.status);
    expect(WithdrawResponse.parse(w.json()).record.id).toBe(record.id);
    await until(() => (store.get(record.id)?.state === 'withdrawn' ? true : undefined), 15_000);
    const again = await call('/v1/registrations/withdraw', { id: record.id, idempotencyKey: key });
    expect(again.status).toBe(200);
    expect(WithdrawResponse.parse(again.json()).record).toMatchObject({ state: 'withdrawn' });
    const consult = await call('/v1/consult', { insz: ECHO_PATIENT });
    expect(consult.text).not.toContain(record.id);
    expect(sim.registrations.all().find((s) => s.registrationId === record.id)?.revoked).toBe(true);

    expect((await call('/v1/registrations/withdraw', { id: 'no-such-registration', idempotencyKey: randomUUID() })).status).toBe(404);
    const other = (await records(ECHO_PATIENT)).find((r) => r.id !== record.id)!;
    const reused = await call('/v1/registrations/withdraw', { id: other.id, idempotencyKey: key });
    expect(reused.status).toBe(409);
  });

  it('the list shows this pharmacy\'s registrations of one patient, without patient identity', async () => {
    const r = await call('/v1/registrations/list', { insz: ECHO_PATIENT });
    const list = RegistrationListResponse.parse(r.json()).registrations;
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(r.text).not.toContain(ECHO_PATIENT);
    expect(new Set(list.map((x) => x.state))).toEqual(new Set(['confirmed', 'withdrawn']));
  });
});

describe('the request log', () => {
  it('one line per registration request: op, status, duration, the registration state, never an INSZ', () => {
    const lines = log.map((l) => JSON.parse(l) as Record<string, any>);
    const register = lines.find((l) => l.op === 'register' && l.status === 202 && l.registration?.duplicate === false);
    expect(register).toMatchObject({ kind: 'request', method: 'POST', durationMs: expect.any(Number), registration: { state: 'pending', destination: expect.any(String), id: expect.any(String) }, patientRef: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(lines.find((l) => l.op === 'withdraw' && l.status === 202)?.registration?.state).toBeDefined();
    expect(lines.find((l) => l.op === 'registration-list' && l.status === 200)?.registration).toMatchObject({ count: expect.any(Number) });
    expect(lines.find((l) => l.op === 'register' && l.status === 409)).toMatchObject({ error: 'conflict' });
    const text = log.join('');
    for (const insz of [ECHO_PATIENT, NO_CONSENT, PLAIN]) expect(text).not.toContain(insz);
  });
});

describe('a companion without registration', () => {
  it('answers 404 on the registration paths', async () => {
    const bare = createCompanionServer({
      config: TEST_SETTINGS,
      upstream: hubs,
      secret: TEST_SECRET,
      version: '0',
      logger: createJsonLogger({ write: () => undefined, patientRefKey: Buffer.alloc(32) }),
    });
    const { port: barePort } = await bare.listen(0);
    try {
      const r = await rawRequest({ port: barePort, method: 'POST', path: '/v1/registrations', headers: { 'Content-Type': 'application/json', 'X-Companion-Secret': TEST_SECRET }, body: '{}' });
      expect(r.status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
