/**
 * The background services end to end, through their listeners: sender
 * checks, ports, dedup, cache freshness, patient change, service-worker
 * restart, IndexedDB unavailable. Companion behind a counting fake fetch.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { startBackgroundServices, type BackgroundServices } from '../../../lib/background/services.ts';
import { IdbConsultCache } from '../../../lib/cache/consult-cache.ts';
import { createSettingsStore } from '../../../lib/settings/settings-store.ts';
import { IdbSecretStore } from '../../../lib/settings/secret-store.ts';
import type { BadgePortMessage, PanelPortMessage, PanelState } from '../../../lib/messages.ts';
import {
  answerFor,
  clock,
  connect,
  contentSender,
  fakeApi,
  fakeCompanion,
  markerHistory,
  pageSender,
  recordingLog,
  send,
  until,
  type ClientPort,
  type FakeApi,
  type FakeCompanion,
} from './harness.ts';

const SECRET = 'k'.repeat(43);
const ALICE = '85073003328';
const BOB = '17073003384';
const PATIENT = (insz: string, own: unknown[] = []) => ({
  type: 'page:patient',
  adapterId: 'demo',
  entryPath: 'direct-link',
  insz,
  own,
});

interface Booted {
  api: FakeApi;
  companion: FakeCompanion;
  readonly services: BackgroundServices;
  clk: ReturnType<typeof clock>;
  log: ReturnType<typeof recordingLog>;
  restart(): Promise<void>;
}

async function boot(opts: { cache?: IdbConsultCache; paired?: boolean } = {}): Promise<Booted> {
  const api = fakeApi();
  const companion = fakeCompanion();
  companion.answers.set(ALICE, answerFor('alice-tx'));
  companion.answers.set(BOB, answerFor('bob-tx'));
  const clk = clock();
  const log = recordingLog();
  const settings = createSettingsStore();
  if (opts.paired !== false) await new IdbSecretStore().set(SECRET);
  const make = () =>
    startBackgroundServices({
      api,
      settings,
      secrets: new IdbSecretStore(),
      cache: opts.cache ?? new IdbConsultCache(),
      fetch: companion.fetch,
      now: clk.now,
      log,
      buildHistory: markerHistory,
    });
  const booted: Booted = {
    get services() {
      return current;
    },
    api,
    companion,
    clk,
    log,
    async restart() {
      current.dispose();
      current = make();
      running.add(current);
      await current.ready;
    },
  };
  let current = make();
  running.add(current);
  await current.ready;
  return booted;
}

const statuses = (port: ClientPort) => (port.received as BadgePortMessage[]).map((m) => m.status);
const panels = (port: ClientPort) => (port.received as PanelPortMessage[]).map((m) => m.state);
const lastPanel = (port: ClientPort): PanelState | undefined => panels(port).at(-1);
const lineNames = (state: PanelState | undefined) => state?.history?.other.map((l) => l.name) ?? [];

const running = new Set<BackgroundServices>();

beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
});

afterEach(async () => {
  // A stopped worker: nothing of this test may write into the next one's storage.
  for (const s of running) s.dispose();
  running.clear();
  await new Promise((r) => setTimeout(r, 20));
});

describe('content script badge port', () => {
  it('starts the lookup at once and gets only statuses, never patient data', async () => {
    const { api, companion } = await boot();
    const badge = connect(api, 'badge', contentSender(1));
    badge.post(PATIENT(ALICE, [{ id: 'p1', source: 'FarmaFlux', date: '2026-10-01' }]));
    await until(() => statuses(badge).some((s) => s.state === 'ok'), 'ok status');
    expect(companion.consultCalls).toBe(1);
    expect(statuses(badge).map((s) => s.state)).toEqual(['loading', 'loading', 'ok']);
    for (const m of badge.received) {
      expect(Object.keys(m as object)).toEqual(['type', 'status']);
      expect(JSON.stringify(m)).not.toMatch(/alice|8507|history|own/);
    }
  });

  it('also accepts page:patient through runtime.sendMessage from a content script', async () => {
    const { api, companion, services } = await boot();
    const ack = await send(api, PATIENT(ALICE), contentSender(4));
    expect(ack).toEqual({ ok: true });
    await until(() => services.tabs.statusOf(4).state === 'ok', 'ok');
    expect(companion.consultCalls).toBe(1);
  });

  it('answers invalid-insz for a number that fails its check digits, without calling the companion', async () => {
    const { api, companion } = await boot();
    const badge = connect(api, 'badge', contentSender(1));
    badge.post(PATIENT('85073003329'));
    await until(() => statuses(badge).some((s) => s.state === 'error'), 'error');
    expect(statuses(badge).at(-1)).toEqual({ state: 'error', reason: 'invalid-insz' });
    expect(companion.consultCalls).toBe(0);
  });

  it('says not-paired when no pairing secret is stored, without calling the companion', async () => {
    const { api, companion } = await boot({ paired: false });
    const badge = connect(api, 'badge', contentSender(1));
    badge.post(PATIENT(ALICE));
    await until(() => statuses(badge).some((s) => s.state === 'error'), 'error');
    expect(statuses(badge).at(-1)).toEqual({ state: 'error', reason: 'not-paired' });
    expect(companion.consultCalls).toBe(0);
  });

  it('shows page-not-recognised when the content script says so', async () => {
    const { api } = await boot();
    const badge = connect(api, 'badge', contentSender(1));
    badge.post({ type: 'page:cleared', reason: 'page-not-recognised' });
    await until(() => statuses(badge).length >= 2, 'status');
    expect(statuses(badge).at(-1)).toEqual({ state: 'error', reason: 'page-not-recognised' });
  });
});

describe('panel port', () => {
  it('gets the merged history of its own tab only', async () => {
    const { api } = await boot();
    const badge1 = connect(api, 'badge', contentSender(1));
    const badge2 = connect(api, 'badge', contentSender(2));
    badge1.post(PATIENT(ALICE, [{ id: 'p1', source: 'FarmaFlux', date: '2026-10-01' }]));
    badge2.post(PATIENT(BOB));
    const panel1 = connect(api, 'panel', pageSender('/panel.html', 1));
    await until(() => lastPanel(panel1)?.status.state === 'ok', 'panel ok');
    expect(lineNames(lastPanel(panel1))).toEqual(['alice-tx', 'own:p1']);
    expect(lastPanel(panel1)?.patientLabel).toBe('85.07.30-xxx.xx');
    expect(lastPanel(panel1)?.servedFrom).toBe('hubs');
    expect(JSON.stringify(panel1.received)).not.toContain('bob-tx');
  });

  it('asks the hubs again on panel:refresh even when the cache is fresh', async () => {
    const { api, companion } = await boot();
    const badge = connect(api, 'badge', contentSender(1));
    badge.post(PATIENT(ALICE));
    const panel = connect(api, 'panel', pageSender('/panel.html', 1));
    await until(() => lastPanel(panel)?.status.state === 'ok', 'ok');
    panel.post({ type: 'panel:refresh' });
    await until(() => companion.consultCalls === 2, 'second call');
    await until(() => lastPanel(panel)?.status.state === 'ok', 'ok again');
    expect(lastPanel(panel)?.servedFrom).toBe('hubs');
  });
});

describe('failures in the panel', () => {
  it('no hub answered: the most telling reason, each hub listed, no history even with own lines', async () => {
    const { api, companion } = await boot();
    companion.override = {
      kind: 'json',
      body: {
        hubs: {
          rsw: { status: 'error', error: { code: 'no-consent', message: 'no consent' }, durationMs: 1 },
          rsb: { status: 'error', error: { code: 'patient-unknown', message: 'unknown' }, durationMs: 1 },
        },
      },
    };
    const badge = connect(api, 'badge', contentSender(1));
    const panel = connect(api, 'panel', pageSender('/panel.html', 1));
    badge.post(PATIENT(ALICE, [{ id: 'p1', source: 'FarmaFlux', date: '2026-10-01' }]));
    await until(() => lastPanel(panel)?.status.state === 'error', 'error');
    expect(lastPanel(panel)).toMatchObject({
      status: { state: 'error', reason: 'no-consent' },
      hubFailures: [
        { hub: 'rsw', reason: 'no-consent' },
        { hub: 'rsb', reason: 'patient-unknown' },
      ],
    });
    expect(lastPanel(panel)?.history).toBeUndefined();
    expect(statuses(badge).at(-1)).toEqual({ state: 'error', reason: 'no-consent' });
  });

  it('one hub failed: a cross naming it, the other hub lines shown', async () => {
    const { api, companion } = await boot();
    companion.override = {
      kind: 'json',
      body: {
        hubs: {
          rsw: { status: 'error', error: { code: 'timeout', message: 'slow' }, durationMs: 1 },
          rsb: { status: 'ok', transactions: [{ id: 'rsb-tx', kmehr: '<k/>' }], durationMs: 1 },
        },
      },
    };
    const side = connect(api, 'sidepanel', pageSender('/sidepanel.html'));
    side.post({ type: 'sidepanel:lookup', insz: ALICE });
    await until(() => lastPanel(side)?.status.state === 'error', 'error');
    expect(lastPanel(side)?.status).toEqual({ state: 'error', reason: 'timeout', hub: 'rsw' });
    expect(lineNames(lastPanel(side))).toEqual(['rsb-tx']);
  });

  it('the companion failed: the reason only, no history', async () => {
    const { api, companion } = await boot();
    companion.override = { kind: 'down' };
    const badge = connect(api, 'badge', contentSender(1));
    const panel = connect(api, 'panel', pageSender('/panel.html', 1));
    badge.post(PATIENT(ALICE, [{ id: 'p1', source: 'FarmaFlux', date: '2026-10-01' }]));
    await until(() => lastPanel(panel)?.status.state === 'error', 'error');
    expect(lastPanel(panel)).toEqual({
      status: { state: 'error', reason: 'companion-down' },
      patientLabel: '85.07.30-xxx.xx',
      hubFailures: [],
      parseFailures: 0,
    });
  });
});

describe('one companion call per patient', () => {
  it('shares one call between several tabs, their panels and the side panel', async () => {
    const { api, companion } = await boot();
    companion.hold();
    const badges = [1, 2, 3].map((tab) => connect(api, 'badge', contentSender(tab)));
    const panelPorts = [1, 2, 3].map((tab) => connect(api, 'panel', pageSender('/panel.html', tab)));
    const side = connect(api, 'sidepanel', pageSender('/sidepanel.html'));
    for (const b of badges) b.post(PATIENT(ALICE));
    side.post({ type: 'sidepanel:lookup', insz: '85.07.30-033.28' });
    await until(() => companion.consultCalls === 1, 'the call');
    await new Promise((r) => setTimeout(r, 20));
    expect(companion.consultCalls).toBe(1);
    companion.release();
    for (const p of [...panelPorts, side]) await until(() => lastPanel(p)?.status.state === 'ok', 'ok');
    for (const b of badges) expect(statuses(b).at(-1)).toEqual({ state: 'ok' });
    expect(companion.consultCalls).toBe(1);
    expect(lineNames(lastPanel(side))).toEqual(['alice-tx']);
  });

  it('answers a second lookup from the fresh cache without calling the companion', async () => {
    const { api, companion } = await boot();
    const first = connect(api, 'panel', pageSender('/panel.html', 1));
    connect(api, 'badge', contentSender(1)).post(PATIENT(ALICE));
    await until(() => lastPanel(first)?.status.state === 'ok', 'first');
    const second = connect(api, 'panel', pageSender('/panel.html', 2));
    connect(api, 'badge', contentSender(2)).post(PATIENT(ALICE));
    await until(() => lastPanel(second)?.status.state === 'ok', 'second');
    expect(companion.consultCalls).toBe(1);
    expect(lastPanel(second)?.servedFrom).toBe('cache');
    expect(lineNames(lastPanel(second))).toEqual(['alice-tx']);
  });
});

describe('stale and expired answers', () => {
  async function cachedThenDown(advanceMs: number) {
    const booted = await boot();
    const { api, companion, clk } = booted;
    const side = connect(api, 'sidepanel', pageSender('/sidepanel.html'));
    side.post({ type: 'sidepanel:lookup', insz: ALICE });
    await until(() => lastPanel(side)?.status.state === 'ok', 'first ok');
    companion.override = { kind: 'down' };
    clk.advance(advanceMs);
    side.post({ type: 'sidepanel:lookup', insz: ALICE });
    await until(() => panels(side).filter((p) => p.status.state !== 'loading').length >= 3, 'second answer');
    return { ...booted, side };
  }

  it('shows the cached answer marked stale with its age when the companion is down', async () => {
    const { side } = await cachedThenDown(20 * 60_000); // TTL 15 min by default
    const state = lastPanel(side)!;
    expect(state.status).toEqual({ state: 'ok', stale: { ageMs: 20 * 60_000 } });
    expect(state.servedFrom).toBe('cache');
    expect(lineNames(state)).toEqual(['alice-tx']);
  });

  it('says companion-down once the cached answer is older than the max-stale window', async () => {
    const { side } = await cachedThenDown(25 * 3600_000); // max stale 24 h by default
    expect(lastPanel(side)!.status).toEqual({ state: 'error', reason: 'companion-down' });
    expect(lastPanel(side)!.history).toBeUndefined();
  });

  it('follows the TTL from the settings', async () => {
    const { api, companion, clk } = await boot();
    const answer = await send(api, { type: 'settings:save', settings: { cacheTtlSeconds: 5, cacheMaxStaleSeconds: 60 } }, pageSender('/options.html'));
    expect(answer).toMatchObject({ ok: true, settings: { cacheTtlSeconds: 5 } });
    const side = connect(api, 'sidepanel', pageSender('/sidepanel.html'));
    side.post({ type: 'sidepanel:lookup', insz: ALICE });
    await until(() => lastPanel(side)?.status.state === 'ok', 'ok');
    clk.advance(4_000);
    side.post({ type: 'sidepanel:lookup', insz: ALICE });
    await until(() => panels(side).length >= 5, 'second');
    expect(companion.consultCalls).toBe(1);
    clk.advance(2_000);
    side.post({ type: 'sidepanel:lookup', insz: ALICE });
    await until(() => companion.consultCalls === 2, 'refetch after ttl');
  });
});

describe('patient change in a tab', () => {
  it('abandons the old lookup and never sends the old patient afterwards', async () => {
    const { api, companion } = await boot();
    companion.hold();
    const badge = connect(api, 'badge', contentSender(1));
    const panel = connect(api, 'panel', pageSender('/panel.html', 1));
    badge.post(PATIENT(ALICE));
    await until(() => companion.consultCalls === 1, 'alice asked');
    const before = panel.received.length;
    badge.post(PATIENT(BOB));
    await until(() => companion.aborted === 1, 'alice call aborted');
    await until(() => companion.consultCalls === 2, 'bob asked');
    companion.release();
    await until(() => lastPanel(panel)?.status.state === 'ok', 'bob ok');
    const after = JSON.stringify(panel.received.slice(before));
    expect(after).not.toContain('alice-tx');
    expect(after).not.toContain('85.07.30');
    expect(lineNames(lastPanel(panel))).toEqual(['bob-tx']);
    expect(companion.asked).toEqual([ALICE, BOB]);
  });

  it('keeps the lookup when the same patient is reported again, with the new own lines', async () => {
    const { api, companion } = await boot();
    const badge = connect(api, 'badge', contentSender(1));
    const panel = connect(api, 'panel', pageSender('/panel.html', 1));
    badge.post(PATIENT(ALICE));
    await until(() => lastPanel(panel)?.status.state === 'ok', 'ok');
    badge.post(PATIENT(ALICE, [{ id: 'p9', source: 'PopVax FarmaFlux', date: '2026-11-02' }]));
    await until(() => lineNames(lastPanel(panel)).includes('own:p9'), 'own line');
    expect(companion.consultCalls).toBe(1);
  });

  it('clears the panel when the page says there is no patient any more', async () => {
    const { api } = await boot();
    const badge = connect(api, 'badge', contentSender(1));
    const panel = connect(api, 'panel', pageSender('/panel.html', 1));
    badge.post(PATIENT(ALICE));
    await until(() => lastPanel(panel)?.status.state === 'ok', 'ok');
    badge.post({ type: 'page:cleared', reason: 'no-patient' });
    await until(() => lastPanel(panel)?.status.state === 'idle', 'idle');
    expect(lastPanel(panel)?.history).toBeUndefined();
    expect(lastPanel(panel)?.patientLabel).toBeUndefined();
  });

  it('forgets the tab when it is closed', async () => {
    const { api, services } = await boot();
    connect(api, 'badge', contentSender(7)).post(PATIENT(ALICE));
    await until(() => services.tabs.statusOf(7).state === 'ok', 'ok');
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toContain('tab-session:7');
    api.onTabRemoved.fire(7);
    await until(() => services.tabs.statusOf(7).state === 'idle', 'idle');
    await new Promise((r) => setTimeout(r, 10));
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).not.toContain('tab-session:7');
  });
});

describe('service worker stopped mid-lookup', () => {
  it('restarts the lookup from the persisted tab session and the reconnected ports get the answer', async () => {
    const booted = await boot();
    const { api, companion } = booted;
    companion.hold();
    const badge = connect(api, 'badge', contentSender(1));
    badge.post(PATIENT(ALICE, [{ id: 'p1', source: 'FarmaFlux', date: '2026-10-01' }]));
    await until(() => companion.consultCalls === 1, 'asked');

    await booted.restart(); // the old worker's call dies with it
    expect(companion.aborted).toBe(1);
    await until(() => companion.consultCalls === 2, 'asked again after restart');
    companion.release();

    // The UI reconnects its ports after the worker restarted.
    const panel = connect(api, 'panel', pageSender('/panel.html', 1));
    const badgeAgain = connect(api, 'badge', contentSender(1));
    await until(() => lastPanel(panel)?.status.state === 'ok', 'panel ok');
    await until(() => statuses(badgeAgain).at(-1)?.state === 'ok', 'badge ok');
    expect(lineNames(lastPanel(panel))).toEqual(['alice-tx', 'own:p1']);
    expect(companion.consultCalls).toBe(2);
  });

  it('answers a reconnected panel from the cache after a restart when the lookup had finished', async () => {
    const booted = await boot();
    const { api, companion } = booted;
    connect(api, 'badge', contentSender(1)).post(PATIENT(ALICE));
    await until(() => booted.services.tabs.statusOf(1).state === 'ok', 'ok');
    await booted.restart();
    const panel = connect(api, 'panel', pageSender('/panel.html', 1));
    await until(() => lastPanel(panel)?.status.state === 'ok', 'panel ok');
    expect(lastPanel(panel)?.servedFrom).toBe('cache');
    expect(companion.consultCalls).toBe(1);
  });
});

describe('sender checks', () => {
  it('refuses privileged requests from a content script, and logs no patient data', async () => {
    const { api, log } = await boot();
    connect(api, 'badge', contentSender(1)).post(PATIENT(ALICE));
    const answer = await send(
      api,
      { type: 'settings:save', settings: { companionUrl: 'http://localhost:1234' } },
      contentSender(1, `https://pharmacy.example.be/eform?insz=${ALICE}`),
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const got = (await send(api, { type: 'settings:get' }, pageSender('/options.html'))) as {
      settings: { companionUrl: string };
    };
    expect(got.settings.companionUrl).toBe('http://127.0.0.1:47615');
    for (const type of ['cache:clear', 'connection:test', 'pairing:clear', 'settings:get', 'cache:info']) {
      expect(await send(api, { type }, contentSender(1))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(log.lines.filter((l) => l.startsWith('refused privileged'))).toHaveLength(6);
    expect(log.lines.join('\n')).not.toMatch(/8507300|insz=|eform/);
  });

  it('accepts changes from the options page only, reads from any extension page', async () => {
    const { api } = await boot();
    const save = { type: 'settings:save', settings: { cacheTtlSeconds: 60 } };
    expect(await send(api, save, pageSender('/panel.html', 1))).toMatchObject({ error: { code: 'forbidden' } });
    expect(await send(api, save, pageSender('/sidepanel.html'))).toMatchObject({ error: { code: 'forbidden' } });
    expect(await send(api, save, pageSender('/options.html'))).toMatchObject({ ok: true });
    expect(await send(api, { type: 'settings:get' }, pageSender('/sidepanel.html'))).toMatchObject({ ok: true });
  });

  it('refuses messages from another extension and page:patient from an extension page', async () => {
    const { api, companion } = await boot();
    const foreign = { ...pageSender('/options.html'), id: 'someone-else' };
    expect(await send(api, { type: 'settings:get' }, foreign)).toMatchObject({ error: { code: 'forbidden' } });
    expect(await send(api, PATIENT(ALICE), pageSender('/panel.html', 1))).toEqual({ ok: false, error: 'forbidden' });
    expect(await send(api, PATIENT(ALICE), { id: 'test-extension-id', url: 'https://x.example/' })).toEqual({
      ok: false,
      error: 'forbidden',
    });
    expect(companion.consultCalls).toBe(0);
  });

  it('disconnects a content script that opens a panel or side-panel port, and a page that opens a badge port', async () => {
    const { api, companion } = await boot();
    connect(api, 'badge', contentSender(1)).post(PATIENT(ALICE));
    const fakePanel = connect(api, 'panel', contentSender(1));
    const fakeSide = connect(api, 'sidepanel', contentSender(1));
    const pageBadge = connect(api, 'badge', pageSender('/panel.html', 1));
    const unknown = connect(api, 'debug', pageSender('/options.html'));
    for (const p of [fakePanel, fakeSide, pageBadge, unknown]) {
      expect(p.disconnectedByBackground).toBe(true);
      expect(p.received).toEqual([]);
    }
    fakeSide.post({ type: 'sidepanel:lookup', insz: BOB });
    await new Promise((r) => setTimeout(r, 10));
    expect(companion.asked).not.toContain(BOB);
  });

  it('a side panel cannot read a tab: panel ports need the panel page inside that tab', async () => {
    const { api } = await boot();
    connect(api, 'badge', contentSender(1)).post(PATIENT(ALICE));
    const noTab = connect(api, 'panel', pageSender('/panel.html'));
    const otherPage = connect(api, 'panel', pageSender('/sidepanel.html', 1));
    expect(noTab.disconnectedByBackground).toBe(true);
    expect(otherPage.disconnectedByBackground).toBe(true);
  });

  it('ignores malformed port messages', async () => {
    const { api, companion, log } = await boot();
    const badge = connect(api, 'badge', contentSender(1));
    badge.post({ type: 'page:patient', insz: ALICE }); // no adapterId, entryPath, own
    badge.post({ type: 'page:patient', adapterId: 'x', entryPath: 'direct-link', insz: '1'.repeat(12), own: [] });
    const side = connect(api, 'sidepanel', pageSender('/sidepanel.html'));
    side.post({ type: 'sidepanel:lookup', insz: 42 });
    await new Promise((r) => setTimeout(r, 10));
    expect(companion.consultCalls).toBe(0);
    expect(log.lines.filter((l) => l.includes('port-message'))).toHaveLength(3);
  });
});

describe('side panel', () => {
  it('refuses an invalid INSZ with no request, accepts a formatted valid one', async () => {
    const { api, companion } = await boot();
    const side = connect(api, 'sidepanel', pageSender('/sidepanel.html'));
    side.post({ type: 'sidepanel:lookup', insz: '85.07.30-033.29' });
    await until(() => lastPanel(side)?.status.state === 'error', 'error');
    expect(lastPanel(side)?.status).toEqual({ state: 'error', reason: 'invalid-insz' });
    expect(companion.consultCalls).toBe(0);
    side.post({ type: 'sidepanel:lookup', insz: ' 85 07 30 033 28 ' });
    await until(() => lastPanel(side)?.status.state === 'ok', 'ok');
    expect(companion.asked).toEqual([ALICE]);
  });

  it('abandons the previous lookup on a new INSZ and on clear', async () => {
    const { api, companion } = await boot();
    companion.hold();
    const side = connect(api, 'sidepanel', pageSender('/sidepanel.html'));
    side.post({ type: 'sidepanel:lookup', insz: ALICE });
    await until(() => companion.consultCalls === 1, 'asked');
    side.post({ type: 'sidepanel:clear' });
    await until(() => companion.aborted === 1, 'aborted');
    companion.release();
    await new Promise((r) => setTimeout(r, 20));
    expect(lastPanel(side)?.status).toEqual({ state: 'idle' });
    expect(JSON.stringify(side.received)).not.toContain('alice-tx');
  });
});

describe('IndexedDB unavailable', () => {
  it('still answers, uncached, and says so', async () => {
    const broken = new IdbConsultCache({ open: () => Promise.reject(new DOMException('denied', 'InvalidStateError')) });
    const { api, companion, log } = await boot({ cache: broken });
    const side = connect(api, 'sidepanel', pageSender('/sidepanel.html'));
    side.post({ type: 'sidepanel:lookup', insz: ALICE });
    await until(() => lastPanel(side)?.status.state === 'ok', 'ok');
    expect(lastPanel(side)?.cacheUnavailable).toBe(true);
    expect(lineNames(lastPanel(side))).toEqual(['alice-tx']);
    side.post({ type: 'sidepanel:lookup', insz: ALICE });
    await until(() => companion.consultCalls === 2, 'asked again: nothing cached');
    expect(await send(api, { type: 'cache:info' }, pageSender('/options.html'))).toEqual({
      ok: true,
      available: false,
      entries: 0,
    });
    expect(await send(api, { type: 'cache:clear' }, pageSender('/options.html'))).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    expect(log.lines.some((l) => l.includes('cache-unavailable'))).toBe(false); // injected cache reports nowhere
  });
});

describe('privileged requests from the options page', () => {
  it('stores the pairing secret outside storage.local and answers only its fingerprint', async () => {
    const { api, companion } = await boot({ paired: false });
    const newSecret = 'S3cr3t_' + 'x'.repeat(40);
    const answer = await send(
      api,
      {
        type: 'settings:save',
        pairingSecret: newSecret,
        settings: { pharmacyNumber: '80000551', pharmacistRizivs: ['2-08070-92-001'] },
      },
      pageSender('/options.html'),
    );
    expect(answer).toMatchObject({
      ok: true,
      settings: { pharmacyNumber: '80000551', pharmacistRizivs: ['20807092001'] },
      pairing: { paired: true, fingerprint: expect.stringMatching(/^[0-9a-f]{4}-[0-9a-f]{4}$/) },
    });
    expect(JSON.stringify(answer)).not.toContain(newSecret);
    connect(api, 'badge', contentSender(1)).post(PATIENT(ALICE));
    await until(() => companion.consultCalls === 1, 'asked');
    expect(companion.secretsSeen).toEqual([newSecret]);
    const local = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(local).not.toContain(newSecret);
    expect(local).not.toContain(ALICE);
    expect(local).not.toContain('alice-tx');
  });

  it('rejects invalid settings with issue codes and changes nothing', async () => {
    const { api } = await boot();
    const answer = await send(
      api,
      {
        type: 'settings:save',
        pairingSecret: 'short',
        settings: { companionUrl: 'http://192.168.1.2:47615' },
      },
      pageSender('/options.html'),
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid', issues: [{ path: 'pairingSecret' }] } });
    const bad = await send(
      api,
      { type: 'settings:save', settings: { companionUrl: 'http://192.168.1.2:47615', pharmacistRizivs: ['12345678901'] } },
      pageSender('/options.html'),
    );
    expect(bad).toMatchObject({
      ok: false,
      error: {
        code: 'invalid',
        issues: [
          { path: 'companionUrl', message: 'companion-url:not-loopback' },
          { path: 'pharmacistRizivs.0', message: 'riziv:bad-check-digits' },
        ],
      },
    });
    const got = (await send(api, { type: 'settings:get' }, pageSender('/options.html'))) as { settings: object };
    expect(got.settings).toMatchObject({ companionUrl: 'http://127.0.0.1:47615', pharmacistRizivs: [] });
  });

  it('clears the pairing, then lookups say not-paired', async () => {
    const { api, companion } = await boot();
    expect(await send(api, { type: 'pairing:clear' }, pageSender('/options.html'))).toEqual({
      ok: true,
      pairing: { paired: false },
    });
    const side = connect(api, 'sidepanel', pageSender('/sidepanel.html'));
    side.post({ type: 'sidepanel:lookup', insz: ALICE });
    await until(() => lastPanel(side)?.status.state === 'error', 'error');
    expect(lastPanel(side)?.status).toEqual({ state: 'error', reason: 'not-paired' });
    expect(companion.consultCalls).toBe(0);
  });

  it('clears every cached patient: the next lookup asks the companion', async () => {
    const { api, companion } = await boot();
    const side = connect(api, 'sidepanel', pageSender('/sidepanel.html'));
    side.post({ type: 'sidepanel:lookup', insz: ALICE });
    await until(() => lastPanel(side)?.status.state === 'ok', 'ok');
    side.post({ type: 'sidepanel:lookup', insz: BOB });
    await until(() => companion.consultCalls === 2 && lastPanel(side)?.status.state === 'ok', 'ok');
    expect(await send(api, { type: 'cache:info' }, pageSender('/options.html'))).toEqual({ ok: true, available: true, entries: 2 });
    expect(await send(api, { type: 'cache:clear' }, pageSender('/options.html'))).toEqual({ ok: true, removed: 2 });
    side.post({ type: 'sidepanel:lookup', insz: ALICE });
    await until(() => companion.consultCalls === 3, 'asked again');
  });

  it('tests the connection with the stored secret and reports the companion', async () => {
    const { api, companion } = await boot();
    const { pairingFingerprint } = await import('../../../lib/companion/fingerprint.ts');
    companion.health = {
      name: 'vaccicard-companion',
      version: '1.2.3',
      mode: 'simulator',
      pairingFingerprint: await pairingFingerprint(SECRET),
      certificates: [{ subject: 'CN=Demo', notAfter: '2027-01-01T00:00:00Z', daysToExpiry: 42 }],
      upstreams: { rsw: { reachable: true, latencyMs: 12 }, rsb: { reachable: false } },
    };
    const answer = await send(api, { type: 'connection:test' }, pageSender('/options.html'));
    expect(answer).toEqual({
      ok: true,
      report: {
        companionUrl: 'http://127.0.0.1:47615',
        version: '1.2.3',
        mode: 'simulator',
        pairing: { extension: await pairingFingerprint(SECRET), companion: await pairingFingerprint(SECRET), match: true },
        certificates: [{ subject: 'CN=Demo', notAfter: '2027-01-01T00:00:00Z', daysToExpiry: 42 }],
        hubs: [
          { hub: 'rsw', reachable: true, latencyMs: 12 },
          { hub: 'rsb', reachable: false },
        ],
      },
    });
  });
});

describe('host pages activated at run time', () => {
  it('registers the e-Form content script for granted hosts only and drops removed ones', async () => {
    const { api } = await boot();
    api.granted.add('https://app.farmaflux.example/*');
    const answer = await send(
      api,
      { type: 'settings:save', settings: { activatedHosts: ['app.farmaflux.example', 'https://other.example/x'] } },
      pageSender('/options.html'),
    );
    expect(answer).toMatchObject({
      ok: true,
      settings: { activatedHosts: ['https://app.farmaflux.example/*', 'https://other.example/*'] },
    });
    expect([...api.registered.values()]).toEqual([
      expect.objectContaining({
        id: 'vaccicard-eform-hosts',
        matches: ['https://app.farmaflux.example/*'],
        js: ['content-scripts/eform.js'],
      }),
    ]);
    await send(api, { type: 'settings:save', settings: { activatedHosts: [] } }, pageSender('/options.html'));
    expect(api.registered.size).toBe(0);
    expect(api.removedPermissions).toEqual(['https://app.farmaflux.example/*', 'https://other.example/*']);
  });
});

describe('cache purge', () => {
  it('purges expired entries when the alarm fires', async () => {
    const { api, services, clk } = await boot();
    const side = connect(api, 'sidepanel', pageSender('/sidepanel.html'));
    side.post({ type: 'sidepanel:lookup', insz: ALICE });
    await until(() => lastPanel(side)?.status.state === 'ok', 'ok');
    expect(await services.cache.count()).toEqual({ ok: true, count: 1 });
    const alarm = await fakeBrowser.alarms.get('vaccicard-cache-purge');
    expect(alarm?.periodInMinutes).toBe(30);
    clk.advance(24 * 3600_000 + 1);
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'vaccicard-cache-purge', scheduledTime: clk.now() });
    await until(() => false === false, 'tick');
    let count = await services.cache.count();
    for (let i = 0; i < 50 && count.ok && count.count > 0; i++) {
      await new Promise((r) => setTimeout(r, 5));
      count = await services.cache.count();
    }
    expect(count).toEqual({ ok: true, count: 0 });
  });
});
