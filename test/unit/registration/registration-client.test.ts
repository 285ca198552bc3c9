/**
 * The companion client's registration calls: each HTTP answer becomes a
 * typed outcome (transient problems may be resent with the same key; refusals
 * carry the companion's issues); requests are checked before anything is sent.
 */
import { describe, expect, it } from 'vitest';
import {
  isTransientRegistrationProblem,
  listRegistrations,
  register,
  withdrawRegistration,
  type RegistrationCallProblem,
} from '../../../lib/companion/client.ts';

const KEY = '3f0b7c1e-2a4d-4e5f-9a6b-7c8d9e0f1a2b';
const RECORD = {
  id: 'reg-1',
  idempotencyKey: KEY,
  state: 'pending',
  destination: 'vaccicard',
  createdAt: '2026-11-20T09:00:00.000Z',
  updatedAt: '2026-11-20T09:00:00.000Z',
  attempts: 0,
  vaccination: {
    administrationDate: '2026-11-20',
    cnk: '4293254',
    name: 'Comirnaty',
    disease: 'covid',
    lot: 'FP1',
    quantity: 1,
    vaccinatorRiziv: '20807092001',
    pharmacyNumber: '80000551',
    hasAdverseEvents: false,
  },
};
const INPUT = {
  patient: { insz: '85073003328' },
  administrationDate: '2026-11-20',
  vaccine: { cnk: '4293254' },
  lot: 'FP1',
  vaccinator: { riziv: '20807092001', firstName: 'A', familyName: 'B' },
  pharmacy: { number: '80000551', name: 'P' },
};

function answering(status: number, body: unknown, seen: Array<{ url: string; init?: RequestInit }> = []): typeof fetch {
  return (async (url: RequestInfo | URL, init?: RequestInit) => {
    seen.push({ url: String(url), ...(init ? { init } : {}) });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

const opts = (doFetch: typeof fetch) => ({ baseUrl: 'http://127.0.0.1:47615', secret: 's'.repeat(43), fetch: doFetch });

describe('register', () => {
  it('POSTs the request with the secret header and returns the record', async () => {
    const seen: Array<{ url: string; init?: RequestInit }> = [];
    const r = await register({ idempotencyKey: KEY, registration: INPUT }, opts(answering(202, { record: RECORD, duplicate: false }, seen)));
    expect(r).toEqual({ ok: true, value: { record: RECORD, duplicate: false } });
    expect(seen[0]!.url).toBe('http://127.0.0.1:47615/v1/registrations');
    expect(seen[0]!.init?.method).toBe('POST');
    expect(new Headers(seen[0]!.init?.headers).get('x-companion-secret')).toBe('s'.repeat(43));
    expect(JSON.parse(String(seen[0]!.init?.body))).toEqual({ idempotencyKey: KEY, registration: INPUT });
  });

  it.each([
    [400, { error: { code: 'bad-request', message: 'x', issues: [{ path: 'registration.lot', message: 'too-long' }] } }, 'invalid'],
    [401, { error: { code: 'unauthorized', message: 'x' } }, 'not-paired'],
    [404, { error: { code: 'not-found', message: 'x' } }, 'not-found'],
    [409, { error: { code: 'conflict', message: 'x' } }, 'conflict'],
    [429, { error: { code: 'rate-limited', message: 'x' } }, 'companion-error'],
    [500, { error: { code: 'internal', message: 'x' } }, 'companion-error'],
    [504, { error: { code: 'timeout', message: 'x' } }, 'timeout'],
    [202, { record: { ...RECORD, state: 'lost' }, duplicate: false }, 'companion-error'],
  ] as const)('HTTP %i → %s', async (status, body, problem) => {
    const r = await register({ idempotencyKey: KEY, registration: INPUT }, opts(answering(status, body)));
    expect(r).toMatchObject({ ok: false, problem });
    if (problem === 'invalid') expect(r).toMatchObject({ issues: [{ path: 'registration.lot', message: 'too-long' }] });
  });

  it('a companion that does not answer is companion-down; nothing is known to have happened', async () => {
    const down = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    expect(await register({ idempotencyKey: KEY, registration: INPUT }, opts(down))).toEqual({ ok: false, problem: 'companion-down' });
  });

  it('refuses a malformed request before sending it', async () => {
    const seen: Array<{ url: string }> = [];
    const r = await register({ idempotencyKey: 'not-a-uuid', registration: INPUT }, opts(answering(202, {}, seen)));
    expect(r).toMatchObject({ ok: false, problem: 'invalid' });
    expect(seen).toEqual([]);
  });

  it.each([
    ['invalid', false],
    ['conflict', false],
    ['not-found', false],
    ['companion-down', true],
    ['timeout', true],
    ['not-paired', true],
    ['companion-error', true],
  ] as const)('%s may be resent: %s', (problem: RegistrationCallProblem, transient) => {
    expect(isTransientRegistrationProblem(problem)).toBe(transient);
  });
});

describe('list and withdraw', () => {
  it('lists one patient’s registrations; refuses an invalid INSZ without a request', async () => {
    const seen: Array<{ url: string; init?: RequestInit }> = [];
    const r = await listRegistrations('85073003328', opts(answering(200, { registrations: [RECORD] }, seen)));
    expect(r).toMatchObject({ ok: true, value: { registrations: [RECORD] } });
    expect(seen[0]!.url).toBe('http://127.0.0.1:47615/v1/registrations/list');
    expect(await listRegistrations('85073003329', opts(answering(200, {}, seen)))).toMatchObject({ ok: false, problem: 'invalid' });
    expect(seen).toHaveLength(1);
  });

  it('withdraws by id with its own key', async () => {
    const seen: Array<{ url: string; init?: RequestInit }> = [];
    const r = await withdrawRegistration({ id: 'reg-1', idempotencyKey: KEY }, opts(answering(200, { record: { ...RECORD, state: 'withdrawn' } }, seen)));
    expect(r).toMatchObject({ ok: true, value: { record: { state: 'withdrawn' } } });
    expect(JSON.parse(String(seen[0]!.init?.body))).toEqual({ id: 'reg-1', idempotencyKey: KEY });
  });
});
