/**
 * A companion behind a fake fetch that keeps registrations the way the real
 * one promises (contract.ts): one record per idempotency key (a resent
 * request answers the same record, `duplicate: true`; the same key with
 * another body is a 409), `/v1/registrations/list` per patient, withdrawals,
 * and a consultation that returns nothing. Tests move records along
 * (`advance`), take it down, or make a call hang forever (a service worker
 * stopped mid-request).
 */
import { RegistrationRecord, RegistrationRequest, WithdrawRequest, type ConsultResponse } from '../../../lib/companion/contract.ts';
import { checkRegistration } from '../../../lib/registration/check.ts';
import { registrationSummary } from '../../../lib/registration/summary.ts';
import type { RegistrationState } from '../../../lib/vaccination.ts';

interface Held {
  insz: string;
  body: string;
  record: RegistrationRecord;
}

export interface FakeRegistrationCompanion {
  fetch: typeof fetch;
  /** Every call that reached the companion, by path. */
  readonly calls: Array<{ path: string; body: unknown }>;
  /** Registrations stored (one per idempotency key). */
  readonly records: RegistrationRecord[];
  /** Requests to /v1/registrations, resends included. */
  readonly registerCalls: number;
  readonly consultCalls: number;
  /** Every call fails as if nothing listened. */
  down: boolean;
  /** The next N register calls never answer (the worker stops while waiting). */
  hangRegister: number;
  /** The next register calls are refused with these issues (400), as the companion does for its own rules. */
  refuse?: Array<{ path: string; message: string }>;
  /** Called when a register request arrives, before it is handled (what the extension had stored by then). */
  onRegister?: (body: unknown) => void | Promise<void>;
  /** Sets a stored record's state (what the companion's sender and the echo do). */
  advance(idempotencyKey: string, state: RegistrationState, extra?: Partial<RegistrationRecord>): void;
  consultAnswer?: ConsultResponse;
}

const EMPTY: ConsultResponse = {
  hubs: { rsw: { status: 'ok', transactions: [], durationMs: 1 }, rsb: { status: 'ok', transactions: [], durationMs: 1 } },
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export function fakeRegistrationCompanion(now: () => number = Date.now): FakeRegistrationCompanion {
  const held = new Map<string, Held>();
  const calls: Array<{ path: string; body: unknown }> = [];
  let registerCalls = 0;
  let consultCalls = 0;
  let nextId = 1;
  const iso = () => new Date(now()).toISOString();

  const companion: FakeRegistrationCompanion = {
    calls,
    get records() {
      return [...held.values()].map((h) => h.record);
    },
    get registerCalls() {
      return registerCalls;
    },
    get consultCalls() {
      return consultCalls;
    },
    down: false,
    hangRegister: 0,
    advance(key, state, extra = {}) {
      const h = held.get(key);
      if (!h) throw new Error(`no registration with key ${key}`);
      h.record = { ...h.record, ...extra, state, updatedAt: new Date(Date.parse(h.record.updatedAt) + 1000).toISOString() };
      if (state === 'sent' && !h.record.sentAt) h.record.sentAt = h.record.updatedAt;
    },
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      const body: unknown = init?.body ? JSON.parse(String(init.body)) : undefined;
      if (companion.down) throw new TypeError('fetch failed');
      calls.push({ path: url.pathname, body });
      switch (url.pathname) {
        case '/v1/consult':
          consultCalls++;
          return json(companion.consultAnswer ?? EMPTY);
        case '/v1/registrations': {
          registerCalls++;
          await companion.onRegister?.(body);
          if (companion.hangRegister > 0) {
            companion.hangRegister--;
            return new Promise<Response>(() => undefined);
          }
          if (companion.refuse) {
            return json({ error: { code: 'bad-request', message: 'the registration is not for this pharmacy', issues: companion.refuse } }, 400);
          }
          const req = RegistrationRequest.safeParse(body);
          if (!req.success) return json({ error: { code: 'bad-request', message: 'invalid' } }, 400);
          const checked = checkRegistration(req.data.registration, new Date(now()));
          if (!checked.ok) {
            return json(
              {
                error: {
                  code: 'bad-request',
                  message: 'the registration is not valid',
                  issues: checked.issues.map((i) => ({ path: `registration.${i.field}`, message: i.reason })),
                },
              },
              400,
            );
          }
          const key = req.data.idempotencyKey;
          const text = JSON.stringify(req.data.registration);
          const existing = held.get(key);
          if (existing) {
            if (existing.body !== text) return json({ error: { code: 'conflict', message: 'key reused' } }, 409);
            return json({ record: existing.record, duplicate: true }, 202);
          }
          const at = iso();
          const record = RegistrationRecord.parse({
            id: `reg-${nextId++}`,
            idempotencyKey: key,
            state: 'pending',
            destination: 'vaccicard',
            hub: 'rsw',
            createdAt: at,
            updatedAt: at,
            attempts: 0,
            vaccination: registrationSummary(checked.value),
          });
          held.set(key, { insz: checked.value.patient.insz, body: text, record });
          return json({ record, duplicate: false }, 202);
        }
        case '/v1/registrations/list': {
          const insz = (body as { insz: string }).insz;
          return json({ registrations: [...held.values()].filter((h) => h.insz === insz).map((h) => h.record) });
        }
        case '/v1/registrations/withdraw': {
          const req = WithdrawRequest.parse(body);
          const h = [...held.values()].find((x) => x.record.id === req.id);
          if (!h) return json({ error: { code: 'not-found', message: 'unknown' } }, 404);
          h.record = { ...h.record, state: 'withdrawn', updatedAt: new Date(Date.parse(h.record.updatedAt) + 1000).toISOString() };
          return json({ record: h.record });
        }
        default:
          return json({ error: { code: 'not-found', message: 'no route' } }, 404);
      }
    }) as typeof fetch,
  };
  return companion;
}
