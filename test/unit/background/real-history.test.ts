/**
 * The background with the real parse and merge (lib/kmehr, lib/history): a
 * KMEHR message from a hub becomes panel lines, this pharmacy's own lines
 * are recognised from the settings, and the badge still gets no patient data.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { startBackgroundServices, type BackgroundServices } from '../../../lib/background/services.ts';
import type { PanelPortMessage, PanelState } from '../../../lib/messages.ts';
import { createSettingsStore } from '../../../lib/settings/settings-store.ts';
import { IdbSecretStore } from '../../../lib/settings/secret-store.ts';
import { clock, connect, contentSender, fakeApi, fakeCompanion, pageSender, recordingLog, send, until } from './harness.ts';

const FIXTURE = path.resolve(__dirname, '../../fixtures/kmehr/pharmacy-vaccinations.xml');
const INSZ = '85073003328';
let services: BackgroundServices | undefined;

beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
});

afterEach(async () => {
  services?.dispose();
  await new Promise((r) => setTimeout(r, 10));
});

describe('background with the real KMEHR parser and merge', () => {
  it('turns a hub answer into flu and covid lines, own lines recognised from the settings', async () => {
    const kmehr = await readFile(FIXTURE, 'utf8');
    const api = fakeApi();
    const companion = fakeCompanion();
    companion.answers.set(INSZ, {
      hubs: {
        rsw: { status: 'ok', transactions: [{ id: 'rsw-1', kmehr }], durationMs: 20 },
        rsb: { status: 'error', error: { code: 'patient-unknown', message: 'not known here' }, durationMs: 5 },
      },
    });
    await new IdbSecretStore().set('s'.repeat(43));
    services = startBackgroundServices({
      api,
      settings: createSettingsStore(),
      fetch: companion.fetch,
      now: clock(Date.UTC(2026, 10, 20, 10)).now,
      log: recordingLog(),
    });
    await services.ready;
    await send(api, { type: 'settings:save', settings: { pharmacistRizivs: ['20807092001'] } }, pageSender('/options.html'));

    const badge = connect(api, 'badge', contentSender(1));
    const panel = connect(api, 'panel', pageSender('/panel.html', 1));
    badge.post({ type: 'page:patient', adapterId: 'demo', entryPath: 'registration', insz: INSZ, own: [] });
    const last = (): PanelState | undefined => (panel.received.at(-1) as PanelPortMessage | undefined)?.state;
    await until(() => last()?.status.state === 'ok', 'ok', 5000);

    const state = last()!;
    expect(state.hubFailures).toEqual([{ hub: 'rsb', reason: 'patient-unknown', detail: 'not known here' }]);
    expect(state.parseFailures).toBe(0);
    const h = state.history!;
    expect(h.season).toBe('2026-2027');
    expect(h.flu).toHaveLength(1);
    expect(h.flu[0]).toMatchObject({ source: 'Vaccicard', own: true, hubs: ['rsw'] });
    expect(h.covid).toHaveLength(1);
    expect(h.covid[0]).toMatchObject({ source: 'Vaccicard', own: false });
    expect(h.summary.fluThisSeason).toBe(true);
    expect(JSON.stringify(badge.received)).not.toMatch(/Vaccicard"|flu|8507300/);

    // Another pharmacist list: the open panel is merged again, without asking the hubs.
    const calls = companion.consultCalls;
    await send(api, { type: 'settings:save', settings: { pharmacistRizivs: [] } }, pageSender('/options.html'));
    await until(() => last()?.history?.flu[0]?.own === false, 'merged again');
    expect(companion.consultCalls).toBe(calls);
  });
});
