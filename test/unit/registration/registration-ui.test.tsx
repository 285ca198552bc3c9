/**
 * The registration UI around the form: the withdraw button of a green line
 * (asks first), the registration notes, the launcher (setup still missing,
 * the form, the result sentence), and the options section for the pharmacy
 * name and vaccinating pharmacists, against the real background services.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { StringsProvider } from '../../../components/i18n.tsx';
import { HistoryPanel } from '../../../components/HistoryPanel.tsx';
import { RegistrationLinesProvider } from '../../../components/registration/LineRegistration.tsx';
import { RegistrationLauncher } from '../../../components/registration/RegistrationLauncher.tsx';
import type { RegistrationPlatform } from '../../../components/registration/registration-platform.ts';
import { App as OptionsApp } from '../../../entrypoints/options/App.tsx';
import { checkedAnswer, type OptionsPlatform } from '../../../entrypoints/options/platform.ts';
import { OptionsStrings } from '../../../entrypoints/options/strings.tsx';
import { startBackgroundServices, type BackgroundServices } from '../../../lib/background/services.ts';
import type { PrivilegedRequestInput, RegistrationContext, RegistrationView } from '../../../lib/messages.ts';
import { createSettingsStore } from '../../../lib/settings/settings-store.ts';
import type { Lang } from '../../../lib/i18n/translate.ts';
import { fakeApi, fakeCompanion, markerHistory, pageSender, recordingLog, send, until } from '../background/harness.ts';
import { history, line, panelState } from '../components/fixtures.ts';

let container: HTMLElement | undefined;
let services: BackgroundServices | undefined;

beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
});

afterEach(async () => {
  if (container) render(null, container);
  container?.remove();
  container = undefined;
  services?.dispose();
  services = undefined;
  await new Promise((r) => setTimeout(r, 10));
});

function mount(node: preact.ComponentChildren, lang: Lang = 'en'): HTMLElement {
  container = document.createElement('div');
  document.body.append(container);
  act(() => render(<StringsProvider lang={lang}>{node}</StringsProvider>, container!));
  return container;
}

const tick = () => new Promise((r) => setTimeout(r, 0));
async function click(root: ParentNode, action: string) {
  const el = root.querySelector<HTMLButtonElement>(`[data-action="${action}"]`);
  if (!el) throw new Error(`no button ${action}`);
  el.click();
  await tick();
}

const VIEW: RegistrationView = {
  id: 'sub-1',
  state: 'sent',
  acceptedByCompanion: true,
  canWithdraw: true,
  createdAt: 0,
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

const ownLine = (state: RegistrationView['state']) =>
  line({
    key: 'own:registration-sub-1',
    disease: 'covid',
    date: '2026-11-20',
    own: true,
    source: 'PopVax FarmaFlux',
    registration: { id: 'sub-1', state },
  });

function panelWith(view: RegistrationView, withdraw: (id: string) => Promise<boolean>, lang: Lang = 'en') {
  const state = panelState({ history: history({ covid: [ownLine(view.state)] }), registrations: [view] });
  return mount(
    <RegistrationLinesProvider registrations={state.registrations} withdraw={withdraw}>
      <HistoryPanel state={state} />
    </RegistrationLinesProvider>,
    lang,
  );
}

describe('green registration lines', () => {
  it('withdraw asks first; "keep it" sends nothing, "yes" withdraws', async () => {
    const asked: string[] = [];
    const root = panelWith(VIEW, async (id) => {
      asked.push(id);
      return true;
    });
    const row = root.querySelector('[data-line]')!;
    expect(row.getAttribute('data-registration-state')).toBe('sent');
    expect(row.querySelector('[data-action="withdraw-registration"]')?.getAttribute('aria-label')).toBe(
      'Withdraw the registration of 20/11/2026',
    );
    await click(row, 'withdraw-registration');
    expect(row.querySelector('[data-withdraw-confirm]')?.textContent).toContain('Withdraw this registration from Vaccicard?');
    await until(() => document.activeElement?.getAttribute('data-action') === 'confirm-withdraw', 'focus on "yes"');
    await click(row, 'cancel-withdraw');
    expect(asked).toEqual([]);
    await click(row, 'withdraw-registration');
    await click(row, 'confirm-withdraw');
    await until(() => asked.length === 1, 'withdraw');
    expect(asked).toEqual(['sub-1']);
  });

  it('a refused withdrawal says so; no button when it cannot be withdrawn', async () => {
    const root = panelWith(VIEW, async () => false);
    await click(root, 'withdraw-registration');
    await click(root, 'confirm-withdraw');
    await until(() => root.querySelector('[data-withdraw-failed]') !== null, 'failure shown');
    container?.remove();
    const settled = panelWith({ ...VIEW, state: 'withdrawn', canWithdraw: false }, async () => true);
    expect(settled.querySelector('[data-action="withdraw-registration"]')).toBeNull();
    expect(settled.querySelector('[data-registration="withdrawn"]')?.textContent).toBe('Registration withdrawn');
  });

  it.each([
    [{ acceptedByCompanion: false, handOverProblem: 'companion-down' as const, state: 'pending' as const, canWithdraw: false }, '[data-hand-over="companion-down"]', 'the companion cannot be reached'],
    [{ state: 'pending' as const, deliveryProblem: 'timeout' as const }, '[data-delivery-problem="timeout"]', 'the companion keeps trying'],
    [{ state: 'rejected' as const, rejectionCode: 'no-consent' as const, canWithdraw: false }, '[data-rejection="no-consent"]', 'no patient consent'],
    [{ withdrawal: { state: 'pending' as const } }, '[data-withdrawal="pending"]', 'Withdrawal under way'],
  ])('notes: %j', (over, selector, words) => {
    const root = panelWith({ ...VIEW, ...over }, async () => true);
    expect(root.querySelector(selector)?.textContent).toContain(words);
  });

  it('in French', () => {
    const root = panelWith({ ...VIEW, state: 'rejected', rejectionCode: 'excluded', canWithdraw: false }, async () => true, 'fr');
    expect(root.querySelector('[data-rejection]')?.textContent).toBe('le patient a exclu ce pharmacien');
  });
});

describe('launcher', () => {
  const context = (missing: RegistrationContext['missing']): RegistrationContext => ({
    patient: { insz: '85073003328', label: '85.07.30-xxx.xx' },
    pharmacy: { number: '80000551', name: 'P' },
    vaccinators: [{ riziv: '20807092001', firstName: 'Claire', familyName: 'L' }],
    defaultVaccinator: '20807092001',
    seasonWindow: { startMonth: 9, startDay: 1 },
    missing,
  });

  function launcher(missing: RegistrationContext['missing'], opened: string[] = []) {
    const requests: unknown[] = [];
    const platform: RegistrationPlatform = {
      async request(req) {
        requests.push(req);
        return { ok: true, context: context(missing) } as never;
      },
      openOptions: () => void opened.push('options'),
    };
    const root = mount(<RegistrationLauncher state={panelState({ patientLabel: '85.07.30-xxx.xx' })} platform={platform} insz="85073003328" />);
    return { root, requests };
  }

  it('says what the options still miss, and opens them', async () => {
    const opened: string[] = [];
    const { root, requests } = launcher(['pharmacy-name', 'vaccinators'], opened);
    await click(root, 'open-registration');
    await until(() => root.querySelector('[data-registration-setup]') !== null, 'setup');
    expect(requests).toEqual([{ type: 'registration:context', insz: '85073003328' }]);
    expect([...root.querySelectorAll('[data-missing]')].map((li) => li.getAttribute('data-missing'))).toEqual(['pharmacy-name', 'vaccinators']);
    expect(root.querySelector('form')).toBeNull();
    await click(root, 'open-options');
    expect(opened).toEqual(['options']);
  });

  it('opens the form when nothing is missing; cancel closes it', async () => {
    const { root } = launcher([]);
    await click(root, 'open-registration');
    await until(() => root.querySelector('form[data-registration-form]') !== null, 'form');
    await click(root, 'cancel-registration');
    expect(root.querySelector('form')).toBeNull();
  });

  it('the open button waits for the lookup', () => {
    const root = mount(
      <RegistrationLauncher state={panelState({ status: { state: 'loading' } })} platform={{ request: async () => ({}) as never, openOptions() {} }} />,
    );
    expect(root.querySelector<HTMLButtonElement>('[data-action="open-registration"]')!.disabled).toBe(true);
  });
});

describe('options: registration section', () => {
  async function optionsPage() {
    const api = fakeApi();
    services = startBackgroundServices({
      api,
      settings: createSettingsStore(),
      fetch: fakeCompanion().fetch,
      log: recordingLog(),
      buildHistory: markerHistory,
    });
    await services.ready;
    const platform: OptionsPlatform = {
      async request<R extends PrivilegedRequestInput>(req: R) {
        return checkedAnswer<R['type']>(req.type, await send(api, req, pageSender('/options.html')));
      },
      requestHostPermission: async () => true,
      hasHostPermission: async () => false,
    };
    container = document.createElement('div');
    document.body.append(container);
    render(
      <OptionsStrings lang="en">
        <OptionsApp platform={platform} />
      </OptionsStrings>,
      container,
    );
    const root = container;
    await until(() => root.querySelector('main')?.dataset.ready === 'true', 'options ready');
    return { api, root };
  }

  async function type(root: HTMLElement, name: string, value: string) {
    const el = root.querySelector<HTMLInputElement>(`[name="${name}"]`);
    if (!el) throw new Error(`no field ${name}`);
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    await tick();
  }

  it('saves the pharmacy name and the vaccinating pharmacists; shows problems beside their field', async () => {
    const { api, root } = await optionsPage();
    const form = root.querySelector<HTMLElement>('[data-form="registration"]')!;
    await type(form, 'pharmacyName', 'Pharmacie du Parc');
    await click(form, 'add-vaccinator');
    await type(form, 'vaccinators.0.riziv', '14700250004');
    await type(form, 'vaccinators.0.firstName', 'Claire');
    await type(form, 'vaccinators.0.familyName', 'Lemaître');
    await click(form, 'save-registration');
    await until(() => form.querySelector('[data-error-for="vaccinators-0-riziv"]') !== null, 'riziv problem');
    expect(form.querySelector('[data-error-for="vaccinators-0-riziv"]')?.textContent).toBe(
      'This is not a pharmacist’s RIZIV number (a pharmacist’s starts with 2).',
    );
    await type(form, 'vaccinators.0.riziv', '2-08070-92-001');
    await click(form, 'save-registration');
    await until(() => form.querySelector('[data-status-for="registration"]')?.textContent === 'Saved.', 'saved');
    const got = (await send(api, { type: 'settings:get' }, pageSender('/options.html'))) as { settings: Record<string, unknown> };
    expect(got.settings).toMatchObject({
      pharmacyName: 'Pharmacie du Parc',
      vaccinators: [{ riziv: '20807092001', firstName: 'Claire', familyName: 'Lemaître' }],
    });
    expect(form.querySelector<HTMLInputElement>('[name="vaccinators.0.riziv"]')!.value).toBe('20807092001');
  });
});
