/** `POST /v1/consult` and `GET /v1/health` answers, checked against the contract. */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, ConsultResponse, HealthResponse } from '../../../lib/companion/contract.ts';
import { pairingFingerprint } from '../../../lib/companion/fingerprint.ts';
import { TEST_SECRET, VALID_INSZ, consultRequest, delay, okTransactions, rawRequest, startTestServer, type TestServer } from './helpers.ts';

let s: TestServer;
afterEach(async () => {
  await s?.close();
});

describe('consult', () => {
  it('passes the INSZ and both hubs by default to the upstream and returns its results', async () => {
    s = await startTestServer();
    const r = await consultRequest(s.port, { insz: VALID_INSZ[0] });
    expect(r.status).toBe(200);
    const body = ConsultResponse.parse(r.json());
    expect(Object.keys(body.hubs).sort()).toEqual(['rsb', 'rsw']);
    expect(body.hubs.rsw).toMatchObject({ status: 'ok', transactions: [{ id: 'rsw-1' }] });
    expect(s.upstream.calls.map((c) => [c.insz, c.hubs])).toEqual([[VALID_INSZ[0], ['rsw', 'rsb']]]);
  });

  it('asks only the hubs requested', async () => {
    s = await startTestServer();
    const r = await consultRequest(s.port, { insz: VALID_INSZ[1], hubs: ['rsb'] });
    expect(Object.keys(r.json().hubs)).toEqual(['rsb']);
    expect(s.upstream.calls[0]!.hubs).toEqual(['rsb']);
  });

  it('keeps one hub failing typed beside the other hub data', async () => {
    s = await startTestServer();
    s.upstream.behaviour = async () => ({
      rsw: { status: 'ok', transactions: [], durationMs: 3 },
      rsb: { status: 'error', error: { code: 'no-consent', message: 'no consent', upstreamCode: '365' }, durationMs: 4 },
    });
    const body = ConsultResponse.parse((await consultRequest(s.port, { insz: VALID_INSZ[0] })).json());
    expect(body.hubs.rsw?.status).toBe('ok');
    expect(body.hubs.rsb).toMatchObject({ status: 'error', error: { code: 'no-consent', upstreamCode: '365' } });
  });

  it('drops hubs that were not asked for, and types a missing answer as hub-error', async () => {
    s = await startTestServer();
    s.upstream.behaviour = async () => okTransactions(['rsb']);
    const body = ConsultResponse.parse((await consultRequest(s.port, { insz: VALID_INSZ[0], hubs: ['rsw'] })).json());
    expect(Object.keys(body.hubs)).toEqual(['rsw']);
    expect(body.hubs.rsw).toMatchObject({ status: 'error', error: { code: 'hub-error' } });
  });

  it('an upstream answer outside the contract becomes a 500, never sent as is', async () => {
    s = await startTestServer();
    s.upstream.behaviour = async () => ({ rsw: { status: 'maybe' } as never, rsb: { status: 'ok', transactions: [], durationMs: -1 } });
    const r = await consultRequest(s.port, { insz: VALID_INSZ[0] });
    expect(r.status).toBe(500);
    expect(ApiError.parse(r.json()).error.code).toBe('internal');
  });

  it('an upstream that throws (against its contract) becomes a 500', async () => {
    s = await startTestServer();
    s.upstream.behaviour = async () => {
      throw new Error(`boom for ${VALID_INSZ[0]}`);
    };
    const r = await consultRequest(s.port, { insz: VALID_INSZ[0] });
    expect(r.status).toBe(500);
    expect(r.text).not.toContain(VALID_INSZ[0]);
    expect(s.logText()).not.toContain(VALID_INSZ[0]);
  });

  it('an answer over the response cap becomes a 500', async () => {
    s = await startTestServer({ maxResponseBytes: 10_000 });
    s.upstream.behaviour = async () => ({
      rsw: { status: 'ok', transactions: [{ id: 't', kmehr: 'x'.repeat(20_000) }], durationMs: 1 },
    });
    const r = await consultRequest(s.port, { insz: VALID_INSZ[0], hubs: ['rsw'] });
    expect(r.status).toBe(500);
  });

  it('serves concurrent consultations independently', async () => {
    s = await startTestServer();
    s.upstream.behaviour = async ({ insz, hubs }) => {
      await delay(insz === VALID_INSZ[0] ? 80 : 5);
      return Object.fromEntries(hubs.map((h) => [h, { status: 'ok', transactions: [{ id: `${insz}`, kmehr: '' }], durationMs: 1 }]));
    };
    const [a, b] = await Promise.all([
      consultRequest(s.port, { insz: VALID_INSZ[0] }),
      consultRequest(s.port, { insz: VALID_INSZ[1] }),
    ]);
    expect(a.json().hubs.rsw.transactions[0].id).toBe(VALID_INSZ[0]);
    expect(b.json().hubs.rsw.transactions[0].id).toBe(VALID_INSZ[1]);
  });
});

describe('health with the secret', () => {
  it('returns mode, fingerprint, certificates and hub reachability', async () => {
    s = await startTestServer(
      { mode: 'acceptance' },
      {
        certificates: async () => [{ subject: 'CN=NIHII-PHARMACY=80000551', identifier: '80000551', notAfter: '2027-01-01T00:00:00Z', daysToExpiry: 41 }],
      },
    );
    const r = await rawRequest({ port: s.port, headers: { 'X-Companion-Secret': TEST_SECRET } });
    expect(r.status).toBe(200);
    const body = HealthResponse.parse(r.json());
    expect(body).toMatchObject({
      name: 'vaccicard-companion',
      version: '0.0.0-test',
      mode: 'acceptance',
      pairingFingerprint: await pairingFingerprint(TEST_SECRET),
      upstreams: { rsw: { reachable: true, latencyMs: 5 }, rsb: { reachable: false } },
    });
    expect(body.certificates).toHaveLength(1);
    expect(r.text).not.toContain(TEST_SECRET);
  });

  it('reports hubs unreachable when the probe times out', async () => {
    s = await startTestServer({ probeTimeoutMs: 100 });
    s.upstream.probeBehaviour = (signal) => delay(5_000, signal).then(() => ({}));
    const r = await rawRequest({ port: s.port, headers: { 'X-Companion-Secret': TEST_SECRET } });
    expect(HealthResponse.parse(r.json()).upstreams).toEqual({ rsw: { reachable: false }, rsb: { reachable: false } });
  });

  it('still answers when the certificate check fails (empty list)', async () => {
    s = await startTestServer({}, { certificates: async () => Promise.reject(new Error('cannot open')) });
    const r = await rawRequest({ port: s.port, headers: { 'X-Companion-Secret': TEST_SECRET } });
    expect(HealthResponse.parse(r.json()).certificates).toEqual([]);
  });
});
