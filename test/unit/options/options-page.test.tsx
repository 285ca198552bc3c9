/**
 * The options page against the real background services (privileged router,
 * settings in storage.local, sealed secret in IndexedDB), as the options page
 * sender. Companion behind a counting fake fetch.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { App } from '../../../entrypoints/options/App.tsx';
import { checkedAnswer, type OptionsPlatform } from '../../../entrypoints/options/platform.ts';
import { OptionsStrings } from '../../../entrypoints/options/strings.tsx';
import { startBackgroundServices, type BackgroundServices } from '../../../lib/background/services.ts';
import { pairingFingerprint } from '../../../lib/companion/fingerprint.ts';
import type { PrivilegedRequestInput } from '../../../lib/messages.ts';
import { createSettingsStore } from '../../../lib/settings/settings-store.ts';
import type { Lang } from '../../../lib/i18n/translate.ts';
import {
  answerFor,
  fakeApi,
  fakeCompanion,
  markerHistory,
  pageSender,
  recordingLog,
  send,
  until,
  type FakeApi,
  type FakeCompanion,
} from '../background/harness.ts';

const SECRET = 'Qm9uam91ci1sZS1jb21wYWdub24tZGUtZGVtby0xMjM0NTY3';

let services: BackgroundServices | undefined;
let container: HTMLElement | undefined;

interface Page {
  api: FakeApi;
  companion: FakeCompanion;
  root: HTMLElement;
  permissionAsks: string[];
}

async function openPage(opts: { lang?: Lang; grant?: boolean } = {}): Promise<Page> {
  const api = fakeApi();
  const companion = fakeCompanion();
  services = startBackgroundServices({
    api,
    settings: createSettingsStore(),
    fetch: companion.fetch,
    log: recordingLog(),
    buildHistory: markerHistory,
  });
  await services.ready;
  const permissionAsks: string[] = [];
  const platform: OptionsPlatform = {
    async request<R extends PrivilegedRequestInput>(req: R) {
      return checkedAnswer<R['type']>(req.type, await send(api, req, pageSender('/options.html')));
    },
    async requestHostPermission(pattern) {
      permissionAsks.push(pattern);
      if (opts.grant === false) return false;
      api.granted.add(pattern);
      return true;
    },
    hasHostPermission: async (pattern) => api.granted.has(pattern),
  };
  container = document.createElement('div');
  document.body.append(container);
  render(
    <OptionsStrings lang={opts.lang ?? 'en'}>
      <App platform={platform} />
    </OptionsStrings>,
    container,
  );
  const root = container;
  await until(() => root.querySelector('main')?.dataset.ready === 'true', 'page ready');
  return { api, companion, root, permissionAsks };
}

/** Types into a field as a person would: the page re-renders before the next action. */
async function type(root: HTMLElement, name: string, value: string) {
  const el = root.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`);
  if (!el) throw new Error(`no field ${name}`);
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  await new Promise((r) => setTimeout(r, 0));
}

function click(root: HTMLElement, action: string) {
  const el = root.querySelector<HTMLButtonElement>(`[data-action="${action}"]`);
  if (!el) throw new Error(`no button ${action}`);
  el.click();
}

const statusOf = (root: HTMLElement, id: string) => root.querySelector(`[data-status-for="${id}"]`)?.textContent ?? '';
const errorOf = (root: HTMLElement, id: string) => root.querySelector(`[data-error-for="${id}"]`)?.textContent ?? '';
const settingsNow = async (api: FakeApi) =>
  ((await send(api, { type: 'settings:get' }, pageSender('/options.html'))) as { settings: Record<string, unknown> })
    .settings;

beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
});

afterEach(async () => {
  if (container) render(null, container);
  container?.remove();
  services?.dispose();
  services = undefined;
  await new Promise((r) => setTimeout(r, 10));
});

describe('options page: companion and pairing', () => {
  it('shows the saved address and that nothing is paired yet', async () => {
    const { root } = await openPage();
    expect(root.querySelector<HTMLInputElement>('[name="companionUrl"]')!.value).toBe('http://127.0.0.1:47615');
    expect(root.querySelector('[data-pairing]')?.getAttribute('data-pairing')).toBe('not-paired');
    const secretField = root.querySelector<HTMLInputElement>('[name="pairingSecret"]')!;
    expect(secretField.type).toBe('password');
    expect(secretField.labels?.[0]?.textContent).toBe('Pairing secret');
  });

  it('saves address and secret, then shows only the fingerprint, never the secret', async () => {
    const { root, api } = await openPage();
    await type(root, 'companionUrl', 'http://localhost:5001/');
    await type(root, 'pairingSecret', SECRET);
    click(root, 'save-companion');
    await until(() => statusOf(root, 'companion') === 'Saved.', 'saved');
    expect(root.querySelector('[data-fingerprint]')?.textContent).toBe(await pairingFingerprint(SECRET));
    expect(root.querySelector<HTMLInputElement>('[name="pairingSecret"]')!.value).toBe('');
    expect(root.querySelector<HTMLInputElement>('[name="companionUrl"]')!.value).toBe('http://localhost:5001');
    expect(root.innerHTML).not.toContain(SECRET);
    expect(await settingsNow(api)).toMatchObject({ companionUrl: 'http://localhost:5001' });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(SECRET);
  });

  it('says in words what is wrong with the address, and saves nothing', async () => {
    const { root, api } = await openPage();
    await type(root, 'companionUrl', 'http://192.168.1.20:47615');
    await type(root, 'pairingSecret', SECRET);
    click(root, 'save-companion');
    await until(() => statusOf(root, 'companion').startsWith('Not saved'), 'not saved');
    expect(errorOf(root, 'companionUrl')).toBe('The companion runs on this computer: use 127.0.0.1 or localhost.');
    expect(root.querySelector('[name="companionUrl"]')!.getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector('[name="companionUrl"]')!.getAttribute('aria-describedby')).toContain('companionUrl-error');
    expect(await settingsNow(api)).toMatchObject({ companionUrl: 'http://127.0.0.1:47615' });
    expect(root.querySelector('[data-pairing]')?.getAttribute('data-pairing')).toBe('not-paired');
  });

  it('refuses a malformed secret', async () => {
    const { root } = await openPage();
    await type(root, 'pairingSecret', 'hunter2');
    click(root, 'save-companion');
    await until(() => errorOf(root, 'pairingSecret') !== '', 'error');
    expect(errorOf(root, 'pairingSecret')).toContain('not a pairing secret');
  });

  it('tests the connection: version, matching fingerprints, certificate days, hubs', async () => {
    const { root, companion } = await openPage();
    companion.health = {
      name: 'vaccicard-companion',
      version: '0.9.1',
      mode: 'simulator',
      pairingFingerprint: await pairingFingerprint(SECRET),
      certificates: [
        { subject: 'CN=Pharmacie Demo', notAfter: '2027-06-01', daysToExpiry: 190 },
        { subject: 'CN=Titulaire', notAfter: '2026-12-01', daysToExpiry: 11 },
      ],
      upstreams: { rsw: { reachable: true, latencyMs: 31.6 }, rsb: { reachable: false } },
    };
    await type(root, 'pairingSecret', SECRET); // tested before saving
    click(root, 'test-connection');
    await until(() => root.querySelector('[data-connection="ok"]') !== null, 'report');
    const report = root.querySelector('[data-connection]')!;
    expect(report.querySelector('[data-version]')?.textContent).toBe(
      'Companion version 0.9.1 — simulator (synthetic patients only)',
    );
    expect(report.querySelector('[data-pairing-match]')?.getAttribute('data-pairing-match')).toBe('true');
    expect([...report.querySelectorAll('[data-certificate-days]')].map((e) => e.textContent)).toEqual([
      'CN=Pharmacie Demo: expires in 190 days',
      'CN=Titulaire: expires in 11 days; renew it soon',
    ]);
    expect([...report.querySelectorAll('[data-hub]')].map((e) => e.textContent)).toEqual([
      'Réseau Santé Wallon (RSW): reachable (32 ms)',
      'Brussels Health Network (RSB): not reachable',
    ]);
  });

  it('says when no companion runs there', async () => {
    const { root, companion } = await openPage();
    companion.override = { kind: 'down' };
    click(root, 'test-connection');
    await until(() => root.querySelector('[data-connection="problem"]') !== null, 'report');
    expect(root.querySelector('[data-problem]')?.getAttribute('data-problem')).toBe('companion-down');
    expect(root.querySelector('.vo-report__headline')?.textContent).toBe('No companion is running at this address.');
  });

  it('forgets the pairing', async () => {
    const { root } = await openPage();
    await type(root, 'pairingSecret', SECRET);
    click(root, 'save-companion');
    await until(() => root.querySelector('[data-pairing="paired"]') !== null, 'paired');
    click(root, 'forget-pairing');
    await until(() => root.querySelector('[data-pairing="not-paired"]') !== null, 'forgotten');
    expect(statusOf(root, 'companion')).toBe('Pairing removed.');
  });
});

describe('options page: this pharmacy', () => {
  it('saves the pharmacy and pharmacists, normalised', async () => {
    const { root, api } = await openPage();
    await type(root, 'pharmacyNumber', '8-00005-51');
    await type(root, 'pharmacistRizivs', '2-08070-92-001\n\n 21234585001 \n');
    click(root, 'save-pharmacy');
    await until(() => statusOf(root, 'pharmacy') === 'Saved.', 'saved');
    expect(await settingsNow(api)).toMatchObject({
      pharmacyNumber: '80000551',
      pharmacistRizivs: ['20807092001', '21234585001'],
    });
    expect(root.querySelector<HTMLTextAreaElement>('[name="pharmacistRizivs"]')!.value).toBe('20807092001\n21234585001');
  });

  it('names the line of a wrong RIZIV number', async () => {
    const { root } = await openPage();
    await type(root, 'pharmacistRizivs', '20807092001\n\n12345678901');
    click(root, 'save-pharmacy');
    await until(() => errorOf(root, 'pharmacistRizivs') !== '', 'error');
    expect(errorOf(root, 'pharmacistRizivs')).toBe(
      'Line 3: The check digits of this RIZIV number are wrong: check for a typo.',
    );
  });
});

describe('options page: host pages', () => {
  it('asks the permission for the typed host, saves it and registers the content script', async () => {
    const { root, api, permissionAsks } = await openPage();
    await type(root, 'activatedHost', 'https://app.farmaflux.example/eform?x=1');
    click(root, 'activate-host');
    await until(() => root.querySelector('[data-host]') !== null, 'listed');
    expect(permissionAsks).toEqual(['https://app.farmaflux.example/*']);
    expect(root.querySelector('[data-host]')?.getAttribute('data-host')).toBe('https://app.farmaflux.example/*');
    await until(() => root.querySelector('[data-granted="true"]') !== null, 'granted');
    expect([...api.registered.values()][0]?.matches).toEqual(['https://app.farmaflux.example/*']);

    click(root, 'remove-host');
    await until(() => root.querySelector('[data-hosts="none"]') !== null, 'removed');
    expect(api.registered.size).toBe(0);
    expect(api.removedPermissions).toEqual(['https://app.farmaflux.example/*']);
  });

  it('saves nothing when the browser refuses the permission', async () => {
    const { root, api } = await openPage({ grant: false });
    await type(root, 'activatedHost', 'app.farmaflux.example');
    click(root, 'activate-host');
    await until(() => statusOf(root, 'hosts') !== '', 'status');
    expect(statusOf(root, 'hosts')).toBe('The browser did not grant access to https://app.farmaflux.example/*.');
    expect(await settingsNow(api)).toMatchObject({ activatedHosts: [] });
  });

  it('refuses a pattern covering every site without asking the browser', async () => {
    const { root, permissionAsks } = await openPage();
    await type(root, 'activatedHost', '<all_urls>');
    click(root, 'activate-host');
    await until(() => errorOf(root, 'activatedHost') !== '', 'error');
    expect(errorOf(root, 'activatedHost')).toContain('far too many sites');
    expect(permissionAsks).toEqual([]);
  });
});

describe('options page: cache and season', () => {
  it('shows how many patients are cached and clears them', async () => {
    const { root, api, companion } = await openPage();
    await send(api, { type: 'settings:save', pairingSecret: SECRET }, pageSender('/options.html'));
    companion.answers.set('85073003328', answerFor('a'));
    await services!.lookups.lookup('85073003328');
    await services!.lookups.lookup('17073003384');
    click(root, 'save-cache'); // also refreshes the count
    await until(() => root.querySelector('[data-cache-entries="2"]') !== null, 'count');
    click(root, 'clear-cache');
    await until(() => statusOf(root, 'cache') === 'Cached patient data cleared (2 patients).', 'cleared');
    await until(() => root.querySelector('[data-cache-entries="0"]') !== null, 'count 0');
  });

  it('saves the TTL in minutes and the stale window in hours, and checks their range first', async () => {
    const { root, api } = await openPage();
    expect(root.querySelector<HTMLInputElement>('[name="cacheTtlMinutes"]')!.value).toBe('15');
    expect(root.querySelector<HTMLInputElement>('[name="cacheMaxStaleHours"]')!.value).toBe('24');
    await type(root, 'cacheTtlMinutes', '0');
    click(root, 'save-cache');
    await until(() => errorOf(root, 'cacheTtlMinutes') !== '', 'range');
    expect(errorOf(root, 'cacheTtlMinutes')).toBe('Enter a number of minutes from 1 to 1440.');
    await type(root, 'cacheTtlMinutes', '120');
    await type(root, 'cacheMaxStaleHours', '1');
    click(root, 'save-cache');
    await until(() => errorOf(root, 'cacheMaxStaleHours') !== '', 'relation');
    expect(errorOf(root, 'cacheMaxStaleHours')).toContain('must not be shorter');
    await type(root, 'cacheMaxStaleHours', '48');
    click(root, 'save-cache');
    await until(() => statusOf(root, 'cache') === 'Saved.', 'saved');
    expect(await settingsNow(api)).toMatchObject({ cacheTtlSeconds: 7200, cacheMaxStaleSeconds: 172_800 });
  });

  it('saves the flu season start and refuses a day that is not there every year', async () => {
    const { root, api } = await openPage();
    await type(root, 'seasonStartDay', '29');
    await type(root, 'seasonStartMonth', '2');
    click(root, 'save-season');
    await until(() => errorOf(root, 'seasonStartDay') !== '', 'error');
    expect(errorOf(root, 'seasonStartDay')).toBe('This day does not exist in that month every year.');
    await type(root, 'seasonStartDay', '15');
    await type(root, 'seasonStartMonth', '10');
    click(root, 'save-season');
    await until(() => statusOf(root, 'season') === 'Saved.', 'saved');
    expect(await settingsNow(api)).toMatchObject({ seasonWindow: { startDay: 15, startMonth: 10 } });
  });
});

describe('options page: languages', () => {
  it.each([
    ['nl', 'Vaccicard-overlay: instellingen', 'Koppelingsgeheim'],
    ['fr', 'Superposition Vaccicard : paramètres', "Secret d'appairage"],
    ['de', 'Vaccicard-Overlay: Einstellungen', 'Kopplungsgeheimnis'],
  ] as const)('%s', async (lang, title, secretLabel) => {
    const { root } = await openPage({ lang });
    expect(root.querySelector('h1')?.textContent).toBe(title);
    expect(root.querySelector('label[for="pairingSecret"]')?.textContent).toBe(secretLabel);
  });
});
