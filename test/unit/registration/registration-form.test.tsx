/**
 * The registration form in happy-dom: its rules (covid lot mandatory and
 * adverse events disabled with the reason; typed CNKs checked), problems in
 * words beside their fields before anything is sent, warnings confirmed
 * before sending, one submission id per submission (also when the request
 * has to be repeated), the background's refusals shown where they belong.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { RegistrationForm } from '../../../components/registration/RegistrationForm.tsx';
import { NO_ANSWER, type RegistrationPlatform } from '../../../components/registration/registration-platform.ts';
import { StringsProvider } from '../../../components/i18n.tsx';
import type { PrivilegedFailure, RegistrationContext, RegistrationView } from '../../../lib/messages.ts';
import type { Lang } from '../../../lib/i18n/translate.ts';
import { luhnCheckDigit } from '../../../lib/identifiers/cnk.ts';
import type { MergedHistory } from '../../../lib/vaccination.ts';
import { history, line } from '../components/fixtures.ts';

const ALICE = '85073003328';
const V1 = { riziv: '20807092001', firstName: 'Claire', familyName: 'Lemaître' };
const V2 = { riziv: '21234585001', firstName: 'Tom', familyName: 'Peeters' };
const CONTEXT: RegistrationContext = {
  patient: { insz: ALICE, label: '85.07.30-xxx.xx' },
  pharmacy: { number: '80000551', name: 'Pharmacie du Parc' },
  vaccinators: [V1, V2],
  defaultVaccinator: V2.riziv,
  seasonWindow: { startMonth: 9, startDay: 1 },
  missing: [],
};
const NOW = () => new Date(Date.UTC(2026, 10, 20, 10));
const FLU_CNK = `398655${luhnCheckDigit('398655')}`;
const BAD_CNK = `398655${(Number(luhnCheckDigit('398655')) + 1) % 10}`;

type Answer = Awaited<ReturnType<RegistrationPlatform['request']>>;

const VIEW: RegistrationView = {
  id: 'x',
  state: 'pending',
  acceptedByCompanion: true,
  canWithdraw: false,
  createdAt: 0,
  vaccination: {
    administrationDate: '2026-11-20',
    cnk: FLU_CNK,
    name: 'Vaxigrip',
    disease: 'flu',
    quantity: 1,
    vaccinatorRiziv: V1.riziv,
    pharmacyNumber: '80000551',
    hasAdverseEvents: false,
  },
};

interface Mounted {
  root: HTMLElement;
  requests: Array<{ type: string; submissionId?: string; input?: Record<string, unknown> }>;
  done: RegistrationView[];
  cancelled: number;
}

let container: HTMLElement | undefined;

afterEach(() => {
  if (container) render(null, container);
  container?.remove();
  container = undefined;
});

function mountForm(opts: { answers?: Answer[]; history?: MergedHistory; lang?: Lang } = {}): Mounted {
  const answers = [...(opts.answers ?? [{ ok: true, registration: VIEW, duplicate: false }])];
  const mounted: Mounted = { root: document.createElement('div'), requests: [], done: [], cancelled: 0 };
  const platform: RegistrationPlatform = {
    async request(req) {
      mounted.requests.push(structuredClone(req) as Mounted['requests'][number]);
      return (answers.shift() ?? { ok: false, error: { code: 'internal', message: 'no more answers' } }) as never;
    },
    openOptions() {},
  };
  container = mounted.root;
  document.body.append(container);
  let n = 0;
  act(() => {
    render(
      <StringsProvider lang={opts.lang ?? 'en'}>
        <RegistrationForm
          context={CONTEXT}
          {...(opts.history ? { history: opts.history } : {})}
          platform={platform}
          now={NOW}
          newSubmissionId={() => `00000000-0000-4000-8000-00000000000${++n}`}
          onDone={(v) => mounted.done.push(v)}
          onCancel={() => mounted.cancelled++}
        />
      </StringsProvider>,
      container!,
    );
  });
  return mounted;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

async function set(root: HTMLElement, name: string, value: string) {
  const el = root.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`[name="${name}"]`);
  if (!el) throw new Error(`no field ${name}`);
  el.value = value;
  el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
  await tick();
}

async function click(root: HTMLElement, action: string) {
  const el = root.querySelector<HTMLButtonElement>(`[data-action="${action}"]`);
  if (!el) throw new Error(`no button ${action}`);
  el.click();
  await tick();
}

async function until(check: () => boolean, what: string, ms = 3000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const errorOf = (root: HTMLElement, name: string) => root.querySelector(`[data-error-for="${name}"]`)?.textContent ?? '';
const field = <T extends Element = HTMLInputElement>(root: HTMLElement, name: string) => root.querySelector<T>(`[name="${name}"]`)!;

async function fillTypedFlu(root: HTMLElement, cnk = FLU_CNK) {
  await set(root, 'vaccine', 'other');
  await set(root, 'cnk', cnk);
  await set(root, 'vaccineName', 'VAXIGRIP 2026-2027');
  await set(root, 'disease', 'flu');
}

describe('registration form: what it proposes', () => {
  it('today by default and never later, the default vaccinator, the patient, labels and names on every field', () => {
    const { root } = mountForm();
    expect(field(root, 'administrationDate').value).toBe('2026-11-20');
    expect(field(root, 'administrationDate').max).toBe('2026-11-20');
    expect(field<HTMLSelectElement>(root, 'vaccinator').value).toBe(V2.riziv);
    expect(root.querySelector('[data-registration-patient]')?.textContent).toContain('85.07.30-033.28');
    for (const el of root.querySelectorAll('input, select, textarea')) {
      expect(el.getAttribute('name')).toBeTruthy();
      expect(root.querySelector(`label[for="${el.id}"]`)?.textContent).toBeTruthy();
    }
    for (const button of root.querySelectorAll('button')) expect(button.getAttribute('data-action')).toBeTruthy();
  });

  it('groups the catalog: covid vaccines, and says when the season has no flu vaccine listed', () => {
    const { root } = mountForm();
    const groups = [...root.querySelectorAll('select[name="vaccine"] optgroup')].map((g) => g.getAttribute('data-group'));
    expect(groups).toEqual(['covid', 'other']);
    const covid = [...root.querySelectorAll('optgroup[data-group="covid"] option')].map((o) => o.getAttribute('value'));
    expect(covid).toEqual(expect.arrayContaining(['4293254', '4301081']));
    expect(root.querySelector('[data-hint-for="vaccine"]')?.textContent).toContain('no flu vaccine for season 2026-2027');
  });
});

describe('registration form: covid-19 rules', () => {
  it('covid without a lot is refused in the form: words beside the lot, nothing sent', async () => {
    const { root, requests } = mountForm();
    await set(root, 'vaccine', '4293254');
    expect(field(root, 'lot').getAttribute('aria-required')).toBe('true');
    expect(root.querySelector('[data-hint-for="lot"]')?.textContent).toBe('Mandatory for a covid-19 vaccination.');
    const adverse = field<HTMLTextAreaElement>(root, 'adverseEvents');
    expect(adverse.disabled).toBe(true);
    expect(root.querySelector('[data-hint-for="adverseEvents"][data-disabled-reason]')?.textContent).toContain(
      'adverse events cannot be sent with a covid-19 vaccination',
    );
    await click(root, 'submit-registration');
    expect(errorOf(root, 'lot')).toBe('the lot number is mandatory for a covid-19 vaccination');
    expect(field(root, 'lot').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement?.getAttribute('name')).toBe('lot');
    expect(root.querySelector('[data-form-error]')?.textContent).toContain('Nothing was sent');
    expect(requests).toEqual([]);

    // Fixed: the problem goes as soon as the field is filled.
    await set(root, 'lot', 'FP8823');
    expect(errorOf(root, 'lot')).toBe('');
  });

  it('adverse events typed before choosing a covid vaccine are not sent', async () => {
    const { root, requests } = mountForm();
    await set(root, 'adverseEvents', 'Fièvre légère');
    await set(root, 'vaccine', '4293254');
    await set(root, 'lot', 'FP8823');
    await click(root, 'submit-registration');
    await until(() => requests.length === 1, 'request');
    expect(requests[0]!.input).not.toHaveProperty('adverseEvents');
    expect(requests[0]!.input).toMatchObject({ vaccine: { cnk: '4293254' }, lot: 'FP8823' });
  });

  it('in Dutch, too', async () => {
    const { root } = mountForm({ lang: 'nl' });
    await set(root, 'vaccine', '4293254');
    await click(root, 'submit-registration');
    expect(errorOf(root, 'lot')).toBe('het lotnummer is verplicht bij een covid-19-vaccinatie');
  });
});

describe('registration form: typed CNK and dates', () => {
  it('a typed CNK needs its name and disease, and its check digit right', async () => {
    const { root, requests } = mountForm();
    await set(root, 'vaccine', 'other');
    await set(root, 'cnk', BAD_CNK);
    await click(root, 'submit-registration');
    expect(errorOf(root, 'cnk')).toBe('the CNK code has a wrong check digit: check the number on the box');
    expect(errorOf(root, 'vaccineName')).toBe('required');
    expect(errorOf(root, 'disease')).toBe('required');
    expect(requests).toEqual([]);
  });

  it('a date in the future is refused', async () => {
    const { root, requests } = mountForm();
    await fillTypedFlu(root);
    await set(root, 'administrationDate', '2026-11-21');
    await click(root, 'submit-registration');
    expect(errorOf(root, 'administrationDate')).toBe('cannot be in the future');
    expect(requests).toEqual([]);
  });

  it('nothing chosen: the vaccine is required', async () => {
    const { root } = mountForm();
    await click(root, 'submit-registration');
    expect(errorOf(root, 'vaccine')).toBe('required');
  });
});

describe('registration form: sending', () => {
  it('sends one request with the input and a submission id, then hands the registration over', async () => {
    const { root, requests, done } = mountForm();
    await fillTypedFlu(root);
    await set(root, 'lot', 'VX1');
    await set(root, 'quantity', '0,5');
    await set(root, 'vaccinator', V1.riziv);
    await set(root, 'patientFamilyName', 'Dubois');
    await set(root, 'adverseEvents', 'Rougeur & douleur <2 cm');
    await click(root, 'submit-registration');
    await until(() => done.length === 1, 'done');
    expect(requests).toEqual([
      {
        type: 'registration:submit',
        submissionId: '00000000-0000-4000-8000-000000000001',
        input: {
          patient: { insz: ALICE, familyName: 'Dubois' },
          administrationDate: '2026-11-20',
          vaccine: { cnk: FLU_CNK, name: 'VAXIGRIP 2026-2027', disease: 'flu' },
          lot: 'VX1',
          quantity: 0.5,
          vaccinator: V1,
          pharmacy: CONTEXT.pharmacy,
          adverseEvents: { text: 'Rougeur & douleur <2 cm', language: 'en' },
        },
      },
    ]);
  });

  it('a request without an answer is repeated with the SAME submission id', async () => {
    const noAnswer: PrivilegedFailure = { ok: false, error: { code: 'internal', message: NO_ANSWER } };
    const { root, requests, done } = mountForm({ answers: [noAnswer, { ok: true, registration: VIEW, duplicate: true }] });
    await fillTypedFlu(root);
    await click(root, 'submit-registration');
    await until(() => done.length === 1, 'done after the repeat');
    expect(requests).toHaveLength(2);
    expect(requests[0]!.submissionId).toBe(requests[1]!.submissionId);
  });

  it('shows the warnings first; only "register anyway" sends', async () => {
    const seen: MergedHistory = history({
      flu: [line({ key: 'gp', date: '2026-10-02', own: false })],
      summary: { fluThisSeason: true },
    });
    const { root, requests, done } = mountForm({ history: seen });
    await fillTypedFlu(root);
    await click(root, 'submit-registration');
    const warning = root.querySelector('[data-registration-warning="flu-already-this-season"]');
    expect(warning?.textContent).toBe('This patient already has a flu vaccination in season 2026-2027 (02/10/2026).');
    expect(requests).toEqual([]);
    await click(root, 'back-to-form');
    expect(root.querySelector('[data-registration-warnings]')).toBeNull();
    await click(root, 'submit-registration');
    await click(root, 'confirm-registration');
    await until(() => done.length === 1, 'done');
    expect(requests).toHaveLength(1);
  });

  it('a covid dose given recently warns with the interval', async () => {
    const seen = history({ covid: [line({ key: 'c', disease: 'covid', date: '2026-10-01', name: 'Comirnaty' })] });
    const { root } = mountForm({ history: seen });
    await set(root, 'vaccine', '4293254');
    await set(root, 'lot', 'FP1');
    await click(root, 'submit-registration');
    expect(root.querySelector('[data-registration-warning="covid-dose-recent"]')?.textContent).toBe(
      'Another covid-19 dose was given on 01/10/2026, 50 days apart (advised interval: at least 90 days).',
    );
  });

  it('the background’s field problems go beside their fields; a patient change is said in words', async () => {
    const refused: PrivilegedFailure = {
      ok: false,
      error: { code: 'invalid', message: 'the companion refused the registration', issues: [{ path: 'lot', message: 'too-long' }] },
    };
    const changed: PrivilegedFailure = {
      ok: false,
      error: { code: 'invalid', message: 'x', issues: [{ path: 'patient.insz', message: 'patient-changed' }] },
    };
    const { root, done } = mountForm({ answers: [refused, changed] });
    await fillTypedFlu(root);
    await click(root, 'submit-registration');
    await until(() => errorOf(root, 'lot') !== '', 'lot problem');
    expect(errorOf(root, 'lot')).toBe('too long');
    expect(root.querySelector('[data-form-error]')?.getAttribute('data-form-error')).toBe('companionRefused');
    await set(root, 'lot', 'L2');
    await click(root, 'submit-registration');
    await until(() => root.querySelector('[data-form-error="patient-changed"]') !== null, 'patient changed');
    expect(root.querySelector('[data-form-error]')?.textContent).toBe('The e-Form now shows another patient: nothing was sent.');
    expect(done).toEqual([]);
  });

  it('Escape cancels', async () => {
    const mounted = mountForm();
    mounted.root.querySelector('form')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await tick();
    expect(mounted.cancelled).toBe(1);
  });
});
