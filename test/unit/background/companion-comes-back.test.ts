/**
 * Found by the reliability suite (companion restarted while a consultation was
 * in flight): the badge said "companion not running" and stayed so after the
 * companion was back, until the pharmacist reloaded or refreshed. A tab whose
 * lookup could not reach the companion now asks again by itself, quietly,
 * while the tab still shows that patient.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { startBackgroundServices, type BackgroundServices } from '../../../lib/background/services.ts';
import { IdbConsultCache } from '../../../lib/cache/consult-cache.ts';
import { createSettingsStore } from '../../../lib/settings/settings-store.ts';
import { IdbSecretStore } from '../../../lib/settings/secret-store.ts';
import type { BadgePortMessage, LookupStatus } from '../../../lib/messages.ts';
import { answerFor, clock, connect, contentSender, fakeApi, fakeCompanion, markerHistory, recordingLog, until, type ClientPort } from './harness.ts';

const SECRET = 'k'.repeat(43);
const ALICE = '85073003328';
const BOB = '17073003384';
const PATIENT = (insz: string) => ({ type: 'page:patient', adapterId: 'demo', entryPath: 'direct-link', insz, own: [] });
const RETRY_MS = [30, 60] as const;

const running = new Set<BackgroundServices>();

beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
});

afterEach(async () => {
  for (const s of running) s.dispose();
  running.clear();
  await new Promise((r) => setTimeout(r, 20));
});

async function boot() {
  const api = fakeApi();
  const companion = fakeCompanion();
  /** Every consultation attempted, reachable or not (the fake counts only the ones that reach it). */
  const attempts: string[] = [];
  const fetchCounting: typeof fetch = (input, init) => {
    if (new URL(String(input)).pathname === '/v1/consult') attempts.push((JSON.parse(String(init?.body)) as { insz: string }).insz);
    return companion.fetch(input, init);
  };
  companion.answers.set(ALICE, answerFor('alice-tx'));
  companion.answers.set(BOB, answerFor('bob-tx'));
  await new IdbSecretStore().set(SECRET);
  const services = startBackgroundServices({
    api,
    settings: createSettingsStore(),
    secrets: new IdbSecretStore(),
    cache: new IdbConsultCache(),
    fetch: fetchCounting,
    now: clock().now,
    log: recordingLog(),
    buildHistory: markerHistory,
    unreachableRetryMs: RETRY_MS,
  });
  running.add(services);
  await services.ready;
  return { api, companion, services, attempts };
}

const statuses = (port: ClientPort): LookupStatus[] => (port.received as BadgePortMessage[]).map((m) => m.status);
const lastStatus = (port: ClientPort) => statuses(port).at(-1);

describe('the companion comes back while a tab shows the patient', () => {
  it('the badge goes from "companion not running" to the answer without any new message from the page', async () => {
    const { api, companion, attempts } = await boot();
    companion.override = { kind: 'down' };
    const badge = connect(api, 'badge', contentSender(7));
    badge.post(PATIENT(ALICE));
    await until(() => lastStatus(badge)?.state === 'error', 'companion-down shown');
    expect(lastStatus(badge)).toMatchObject({ state: 'error', reason: 'companion-down' });
    const tried = attempts.length;

    // Still down at the first retry: asked again, the badge keeps its reason (no spinner flicker).
    await until(() => attempts.length > tried + 1, 'asked again (twice) while down');
    expect(statuses(badge).slice(-1)[0]).toMatchObject({ state: 'error', reason: 'companion-down' });
    const afterFirstError = () => statuses(badge).slice(statuses(badge).findIndex((s) => s.state === 'error'));

    companion.override = undefined;
    await until(() => lastStatus(badge)?.state === 'ok', 'the answer shown once the companion is back', 3_000);
    expect(afterFirstError().some((s) => s.state === 'loading')).toBe(false);
    expect(attempts.every((insz) => insz === ALICE)).toBe(true);

    // Back: no more asking.
    const settled = attempts.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(attempts.length).toBe(settled);
  });

  it('stops asking once the tab shows another patient, or nobody watches the tab', async () => {
    const { api, companion, attempts } = await boot();
    companion.override = { kind: 'down' };
    const badge = connect(api, 'badge', contentSender(8));
    badge.post(PATIENT(ALICE));
    await until(() => lastStatus(badge)?.state === 'error', 'companion-down shown');
    badge.post(PATIENT(BOB));
    await until(() => attempts.includes(BOB), 'the new patient asked');
    await new Promise((r) => setTimeout(r, 200));
    // Alice is never asked again after the patient changed; Bob is, while the companion is down.
    expect(attempts.indexOf(BOB)).toBeGreaterThan(attempts.lastIndexOf(ALICE));
    expect(attempts.filter((insz) => insz === BOB).length).toBeGreaterThan(1);

    badge.close();
    await new Promise((r) => setTimeout(r, 100));
    const tried = attempts.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(attempts.length).toBe(tried);
  });
});
