/**
 * The background's registration service through its listeners, with fake
 * IndexedDB and a companion behind a fake fetch that keeps registrations by
 * idempotency key: sender checks, the checks the background runs again, the
 * registration kept before it is sent, one registration across a stopped
 * service worker and a companion outage, states merged into the histories
 * shown, the echo, withdrawal.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { startBackgroundServices, type BackgroundServices } from '../../../lib/background/services.ts';
import { IdbRegistrationStore } from '../../../lib/background/registration-store.ts';
import { IdbConsultCache } from '../../../lib/cache/consult-cache.ts';
import { buildVaccinationKmehr } from '../../../lib/kmehr/build.ts';
import type { PanelPortMessage, PanelState, PrivilegedFailure, RegistrationSubmitResponse } from '../../../lib/messages.ts';
import type { RegistrationInput } from '../../../lib/registration/input.ts';
import { createSettingsStore } from '../../../lib/settings/settings-store.ts';
import { IdbSecretStore } from '../../../lib/settings/secret-store.ts';
import type { VaccinationLine } from '../../../lib/vaccination.ts';
import {
  clock,
  connect,
  contentSender,
  fakeApi,
  pageSender,
  recordingLog,
  send,
  until,
  type ClientPort,
  type FakeApi,
} from '../background/harness.ts';
import { fakeRegistrationCompanion, type FakeRegistrationCompanion } from './fake-registration-companion.ts';

const SECRET = 'k'.repeat(43);
const ALICE = '85073003328';
const BOB = '17073003384';
const TODAY = '2026-11-20';
const VACCINATOR = { riziv: '20807092001', firstName: 'Claire', familyName: 'Lemaître' };
const PHARMACY = { number: '80000551', name: 'Pharmacie du Parc' };

function covid(insz = ALICE, over: Partial<RegistrationInput> = {}): RegistrationInput {
  return {
    patient: { insz },
    administrationDate: TODAY,
    vaccine: { cnk: '4293254' },
    lot: 'FP8823',
    vaccinator: VACCINATOR,
    pharmacy: PHARMACY,
    ...over,
  };
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const submit = (input: unknown, n = 1) => ({ type: 'registration:submit', submissionId: uuid(n), input });

interface Booted {
  api: FakeApi;
  companion: FakeRegistrationCompanion;
  log: ReturnType<typeof recordingLog>;
  readonly services: BackgroundServices;
  restart(): Promise<void>;
}

const running = new Set<BackgroundServices>();

async function boot(opts: { settings?: Record<string, unknown> } = {}): Promise<Booted> {
  const api = fakeApi();
  const clk = clock();
  const companion = fakeRegistrationCompanion(clk.now);
  const log = recordingLog();
  const settings = createSettingsStore();
  const saved = await settings.save({
    pharmacyNumber: PHARMACY.number,
    pharmacyName: PHARMACY.name,
    vaccinators: [VACCINATOR],
    ...opts.settings,
  });
  if (!saved.ok) throw new Error(JSON.stringify(saved.issues));
  await new IdbSecretStore().set(SECRET);
  const make = () =>
    startBackgroundServices({
      api,
      settings,
      secrets: new IdbSecretStore(),
      cache: new IdbConsultCache(),
      fetch: companion.fetch,
      now: clk.now,
      log,
      // Rounds far apart: tests run them by hand (runRound) unless they wait for one.
      registrationBackoffMs: [60_000],
    });
  let current = make();
  running.add(current);
  await current.ready;
  return {
    api,
    companion,
    log,
    get services() {
      return current;
    },
    async restart() {
      current.dispose();
      current = make();
      running.add(current);
      await current.ready;
    },
  };
}

const panels = (port: ClientPort) => (port.received as PanelPortMessage[]).map((m) => m.state);
const lastPanel = (port: ClientPort): PanelState | undefined => panels(port).at(-1);
const allLines = (state: PanelState | undefined): VaccinationLine[] =>
  state?.history ? [...state.history.flu, ...state.history.covid, ...state.history.other] : [];
const registrationLine = (state: PanelState | undefined) => allLines(state).find((l) => l.registration !== undefined);

beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
});

afterEach(async () => {
  for (const s of running) s.dispose();
  running.clear();
  await new Promise((r) => setTimeout(r, 20));
});

describe('who may register', () => {
  it('refuses a content script, logs the refusal without patient data, sends and keeps nothing', async () => {
    const { api, companion, log } = await boot();
    for (const message of [
      submit(covid()),
      { type: 'registration:context', insz: ALICE },
      { type: 'registration:list', insz: ALICE },
      { type: 'registration:withdraw', id: uuid(1) },
    ]) {
      const answer = (await send(api, message, contentSender(4))) as PrivilegedFailure;
      expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(companion.calls).toEqual([]);
    expect(await new IdbRegistrationStore().all()).toEqual([]);
    const refusals = log.lines.filter((l) => l.startsWith('refused privileged'));
    expect(refusals).toHaveLength(4);
    expect(refusals[0]).toContain('registration:submit');
    expect(refusals[0]).toContain('content-script@https://pharmacy.example.be');
    for (const line of log.lines) {
      expect(line).not.toContain(ALICE);
      expect(line).not.toContain('Lemaître');
    }
  });

  it('the in-page panel registers only for the patient its tab shows', async () => {
    const { api, companion } = await boot();
    const noPatient = (await send(api, submit(covid()), pageSender('/panel.html', 1))) as PrivilegedFailure;
    expect(noPatient.error.issues).toEqual([{ path: 'patient.insz', message: 'no-patient' }]);

    const badge = connect(api, 'badge', contentSender(1));
    badge.post({ type: 'page:patient', adapterId: 'demo', entryPath: 'direct-link', insz: ALICE, own: [] });
    await until(() => (badge.received as Array<{ status: { state: string } }>).some((m) => m.status.state === 'ok'), 'lookup');

    const context = (await send(api, { type: 'registration:context' }, pageSender('/panel.html', 1))) as {
      ok: true;
      context: { patient: { insz: string; label: string }; missing: string[]; defaultVaccinator: string };
    };
    expect(context.context.patient).toEqual({ insz: ALICE, label: '85.07.30-xxx.xx' });
    expect(context.context.missing).toEqual([]);
    expect(context.context.defaultVaccinator).toBe(VACCINATOR.riziv);

    const other = (await send(api, submit(covid(BOB)), pageSender('/panel.html', 1))) as PrivilegedFailure;
    expect(other.error.issues).toEqual([{ path: 'patient.insz', message: 'patient-changed' }]);
    expect(companion.registerCalls).toBe(0);

    const ok = (await send(api, submit(covid()), pageSender('/panel.html', 1))) as RegistrationSubmitResponse;
    expect(ok).toMatchObject({ ok: true, duplicate: false, registration: { state: 'pending', acceptedByCompanion: true } });
    expect(companion.registerCalls).toBe(1);
  });

  it('after a worker restart the in-page panel still registers for its tab’s patient (from the persisted session)', async () => {
    const booted = await boot();
    const badge = connect(booted.api, 'badge', contentSender(2));
    badge.post({ type: 'page:patient', adapterId: 'demo', entryPath: 'direct-link', insz: ALICE, own: [] });
    await until(() => (badge.received as Array<{ status: { state: string } }>).some((m) => m.status.state === 'ok'), 'lookup');
    await new Promise((r) => setTimeout(r, 20));
    await booted.restart();
    const ok = (await send(booted.api, submit(covid()), pageSender('/panel.html', 2))) as RegistrationSubmitResponse;
    expect(ok).toMatchObject({ ok: true, duplicate: false });
    const other = (await send(booted.api, submit(covid(BOB), 2), pageSender('/panel.html', 2))) as PrivilegedFailure;
    expect(other.error.issues).toEqual([{ path: 'patient.insz', message: 'patient-changed' }]);
  });
});

describe('the background checks again (the form is not trusted)', () => {
  it('refuses a covid registration without a lot: no request, nothing kept', async () => {
    const { api, companion } = await boot();
    const { lot: _lot, ...noLot } = covid();
    const answer = (await send(api, submit(noLot), pageSender('/sidepanel.html'))) as PrivilegedFailure;
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(answer.error.issues).toEqual([{ path: 'lot', message: 'lot-required-for-covid' }]);
    expect(companion.calls).toEqual([]);
    expect(await new IdbRegistrationStore().all()).toEqual([]);
  });

  it('refuses another pharmacy or a vaccinator not configured here', async () => {
    const { api, companion } = await boot();
    const answer = (await send(
      api,
      submit(covid(ALICE, { pharmacy: { number: '80000650', name: 'X' }, vaccinator: { ...VACCINATOR, riziv: '21234585001' } })),
      pageSender('/sidepanel.html'),
    )) as PrivilegedFailure;
    expect(answer.error.issues?.map((i) => i.path).sort()).toEqual(['pharmacy.number', 'vaccinator.riziv']);
    expect(companion.calls).toEqual([]);
  });

  it('a refusal by the companion goes back to the form with its fields, and nothing is kept', async () => {
    const { api, companion } = await boot();
    companion.refuse = [{ path: 'registration.vaccinator.riziv', message: 'not-a-pharmacist-of-this-pharmacy' }];
    const answer = (await send(api, submit(covid()), pageSender('/sidepanel.html'))) as PrivilegedFailure;
    expect(answer.error.issues).toEqual([{ path: 'vaccinator.riziv', message: 'not-a-pharmacist-of-this-pharmacy' }]);
    expect(await new IdbRegistrationStore().all()).toEqual([]);
  });
});

describe('one registration, whatever happens', () => {
  it('kept in IndexedDB before it is sent; a worker stopped mid-request resends it with the SAME key: one registration', async () => {
    const booted = await boot();
    const { api, companion } = booted;
    const storedWhenSent: unknown[] = [];
    companion.onRegister = async () => {
      storedWhenSent.push((await new IdbRegistrationStore().all()).map((r) => r.idempotencyKey));
    };
    companion.hangRegister = 1;
    // The first request never answers: the worker is stopped while it waits.
    void send(api, submit(covid()), pageSender('/sidepanel.html'));
    await until(() => companion.registerCalls === 1, 'first request');
    const [kept] = await new IdbRegistrationStore().all();
    expect(kept).toMatchObject({ id: uuid(1), insz: ALICE, handOver: { attempts: 0 } });
    expect(kept!.input).toBeDefined();

    await booted.restart();
    await until(() => companion.records.length === 1, 'registration handed over after the restart');
    expect(companion.registerCalls).toBe(2);
    const keys = companion.calls.filter((c) => c.path === '/v1/registrations').map((c) => (c.body as { idempotencyKey: string }).idempotencyKey);
    expect(keys).toEqual([kept!.idempotencyKey, kept!.idempotencyKey]);
    expect(storedWhenSent).toEqual([[kept!.idempotencyKey], [kept!.idempotencyKey]]);
    expect(companion.records).toHaveLength(1);

    // The companion holds it now: the patient's input is no longer kept in the browser.
    const [after] = await new IdbRegistrationStore().all();
    expect(after!.record?.idempotencyKey).toBe(kept!.idempotencyKey);
    expect(after!.input).toBeUndefined();

    // The form repeats its request (its first answer was lost): the same registration, nothing sent.
    const again = (await send(api, submit(covid()), pageSender('/sidepanel.html'))) as RegistrationSubmitResponse;
    expect(again).toMatchObject({ ok: true, duplicate: true, registration: { id: uuid(1) } });
    expect(companion.registerCalls).toBe(2);
  });

  it('companion down: kept in the browser (said so), handed over with the same key once it is back', async () => {
    const { api, companion, services } = await boot();
    companion.down = true;
    const answer = (await send(api, submit(covid()), pageSender('/sidepanel.html'))) as RegistrationSubmitResponse;
    expect(answer.registration).toMatchObject({ state: 'pending', acceptedByCompanion: false, handOverProblem: 'companion-down' });
    await services.registrations.runRound();
    expect(companion.records).toHaveLength(0);

    companion.down = false;
    await services.registrations.runRound();
    const [kept] = await new IdbRegistrationStore().all();
    expect(companion.records.map((r) => r.idempotencyKey)).toEqual([kept!.idempotencyKey]);
    await services.registrations.runRound();
    expect(companion.registerCalls).toBe(1);
  });

  it('two submissions (two ids) are two registrations, each with its own key', async () => {
    const { api, companion } = await boot();
    await send(api, submit(covid(), 1), pageSender('/sidepanel.html'));
    await send(api, submit(covid(), 2), pageSender('/sidepanel.html'));
    expect(new Set(companion.records.map((r) => r.idempotencyKey)).size).toBe(2);
  });
});

describe('states in the history', () => {
  async function sidePanelShowing(api: FakeApi, insz: string): Promise<ClientPort> {
    const side = connect(api, 'sidepanel', pageSender('/sidepanel.html'));
    side.post({ type: 'sidepanel:lookup', insz });
    await until(() => lastPanel(side)?.status.state === 'ok', 'side panel lookup');
    return side;
  }

  it('a green line at once (pending), then sent, then confirmed by the echo Vaccicard returns', async () => {
    const { api, companion, services } = await boot();
    const side = await sidePanelShowing(api, ALICE);
    expect(registrationLine(lastPanel(side))).toBeUndefined();

    const answer = (await send(api, submit(covid()), pageSender('/sidepanel.html'))) as RegistrationSubmitResponse;
    let line = registrationLine(lastPanel(side));
    expect(line).toMatchObject({
      disease: 'covid',
      date: TODAY,
      cnk: '4293254',
      lot: 'FP8823',
      riziv: VACCINATOR.riziv,
      source: 'PopVax FarmaFlux',
      own: true,
      confirmed: false,
      registration: { id: answer.registration.id, state: 'pending' },
    });
    expect(lastPanel(side)?.history?.covid).toContainEqual(line);
    expect(lastPanel(side)?.registrations).toEqual([expect.objectContaining({ id: answer.registration.id, state: 'pending' })]);
    // Never the INSZ of the patient in the views the pages get.
    expect(JSON.stringify(lastPanel(side)?.registrations)).not.toContain(ALICE);

    const key = companion.records[0]!.idempotencyKey;
    companion.advance(key, 'sent');
    const consultsBefore = companion.consultCalls;
    await services.registrations.runRound();
    line = registrationLine(lastPanel(side));
    expect(line?.registration?.state).toBe('sent');
    // Sent upstream: the hubs are asked again (quietly) to see the echo.
    expect(companion.consultCalls).toBe(consultsBefore + 1);
    expect(panels(side).slice(-3).every((s) => s.status.state === 'ok')).toBe(true);

    // The hub now returns the registration: one green line, confirmed in Vaccicard.
    const { patient: _p, ...rest } = covid();
    const kmehr = buildVaccinationKmehr({ patient: { insz: ALICE }, ...rest }, { messageId: 'echo-1', now: new Date(Date.UTC(2026, 10, 20, 9)), target: 'rsw' });
    companion.consultAnswer = {
      hubs: {
        rsw: { status: 'ok', transactions: [{ id: 'tx-echo', kmehr }], durationMs: 3 },
        rsb: { status: 'ok', transactions: [], durationMs: 3 },
      },
    };
    await services.registrations.runRound();
    const lines = allLines(lastPanel(side));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ own: true, confirmed: true, source: 'PopVax FarmaFlux', hubs: ['rsw'], registration: { state: 'confirmed' } });

    companion.advance(key, 'confirmed');
    await services.registrations.runRound();
    expect(lastPanel(side)?.registrations?.[0]?.state).toBe('confirmed');
    // Settled: nothing more to follow, no more consultations.
    const settled = companion.consultCalls;
    await services.registrations.runRound();
    expect(companion.consultCalls).toBe(settled);
  });

  it('a rejection shows with its reason; registrations are shown even when no hub answered', async () => {
    const { api, companion, services } = await boot();
    const side = await sidePanelShowing(api, ALICE);
    await send(api, submit(covid()), pageSender('/sidepanel.html'));
    companion.advance(companion.records[0]!.idempotencyKey, 'rejected', {
      reason: 'no consent for this patient',
      rejectionCode: 'no-consent',
    });
    await services.registrations.runRound();
    expect(registrationLine(lastPanel(side))?.registration).toMatchObject({ state: 'rejected', reason: 'no consent for this patient' });
    expect(lastPanel(side)?.registrations?.[0]).toMatchObject({ state: 'rejected', rejectionCode: 'no-consent', canWithdraw: false });

    // The hubs now refuse (no consent): no history from Vaccicard, the registration is still shown.
    const refused = { status: 'error' as const, error: { code: 'no-consent' as const, message: 'no consent' }, durationMs: 2 };
    companion.consultAnswer = { hubs: { rsw: refused, rsb: refused } };
    side.post({ type: 'sidepanel:refresh' });
    await until(() => lastPanel(side)?.status.state === 'error', 'refused lookup');
    expect(lastPanel(side)?.status).toEqual({ state: 'error', reason: 'no-consent' });
    expect(allLines(lastPanel(side))).toHaveLength(1);
    expect(registrationLine(lastPanel(side))?.registration?.state).toBe('rejected');
  });

  it('withdraws a sent registration (the history says withdrawn); it cannot be withdrawn twice', async () => {
    const { api, companion } = await boot();
    const side = await sidePanelShowing(api, ALICE);
    const answer = (await send(api, submit(covid()), pageSender('/sidepanel.html'))) as RegistrationSubmitResponse;
    companion.advance(companion.records[0]!.idempotencyKey, 'sent');
    await send(api, { type: 'registration:list', insz: ALICE }, pageSender('/sidepanel.html'));
    expect(lastPanel(side)?.registrations?.[0]).toMatchObject({ state: 'sent', canWithdraw: true });

    const withdrawn = (await send(api, { type: 'registration:withdraw', id: answer.registration.id }, pageSender('/panel.html', 9))) as {
      ok: true;
      registration: { state: string; canWithdraw: boolean };
    };
    expect(withdrawn.registration).toMatchObject({ state: 'withdrawn', canWithdraw: false });
    expect(registrationLine(lastPanel(side))?.registration?.state).toBe('withdrawn');
    const body = companion.calls.find((c) => c.path === '/v1/registrations/withdraw')!.body as { id: string };
    expect(body.id).toBe(companion.records[0]!.id);

    const twice = (await send(api, { type: 'registration:withdraw', id: answer.registration.id }, pageSender('/sidepanel.html'))) as PrivilegedFailure;
    expect(twice.error.issues).toEqual([{ path: 'id', message: 'cannot-withdraw' }]);
  });

  it('registration:list refreshes from the companion and takes in registrations made elsewhere', async () => {
    const { api, companion } = await boot();
    await send(api, submit(covid()), pageSender('/sidepanel.html'));
    // The store is emptied (another browser profile, or cleared): the companion still knows.
    const store = new IdbRegistrationStore();
    for (const r of await store.all()) await store.delete(r.id);
    const listed = (await send(api, { type: 'registration:list', insz: '85.07.30-033.28' }, pageSender('/sidepanel.html'))) as {
      ok: true;
      refreshed: boolean;
      registrations: Array<{ id: string; state: string }>;
    };
    expect(listed.refreshed).toBe(true);
    expect(listed.registrations).toEqual([expect.objectContaining({ id: `companion-${companion.records[0]!.id}`, state: 'pending' })]);
  });
});
