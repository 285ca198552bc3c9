/**
 * The registration service's own refusals (destination unavailable, a
 * pharmacist of this pharmacy accepted) and the configuration's
 * `registration` section (defaults, softwareID shape per Vaccinnet service,
 * cross-field rules, in the integrator's language).
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { OutboxStore } from '../../src/outbox/store.ts';
import { RegistrationEnvelope, RegistrationService } from '../../src/registration/service.ts';
import { routingSettingsFrom } from '../../src/registration/routing.ts';
import { SIMULATED_PHARMACY } from '../../src/simulator/index.ts';
import { registrationInput } from './inputs.ts';

async function service(available: { hubs: ('rsw' | 'rsb')[]; vaccinnet: boolean }) {
  const { store } = await OutboxStore.open({ file: path.join(await mkdtemp(path.join(os.tmpdir(), 'vc-svc-')), 'j') });
  return {
    store,
    service: new RegistrationService({
      store,
      routing: { vaccicardHub: 'rsw', vaccinnetEnabled: true, defaultDestination: 'vaccicard' },
      available,
      pharmacy: { pharmacyNumber: SIMULATED_PHARMACY.pharmacyNumber, pharmacistRizivs: [SIMULATED_PHARMACY.pharmacistRiziv, '21234585001'] },
      software: { name: 'vaccicard-companion', version: '1.0.0' },
    }),
  };
}

const envelope = (raw: unknown) => RegistrationEnvelope.parse(raw);
const signal = new AbortController().signal;

describe('the registration service', () => {
  it('refuses, before storing, a destination whose channel is not configured', async () => {
    const { service: s, store } = await service({ hubs: [], vaccinnet: false });
    const result = await s.accept(envelope({ idempotencyKey: randomUUID(), registration: registrationInput('flu', '85073003328') }), signal);
    expect(result).toEqual({ kind: 'invalid', message: expect.stringContaining('no address'), issues: [{ path: 'destination', message: 'destination-unavailable' }] });
    const vaccinnet = await s.accept(envelope({ idempotencyKey: randomUUID(), registration: registrationInput('flu', '85073003328'), destination: 'vaccinnet' }), signal);
    expect(vaccinnet).toMatchObject({ kind: 'invalid', issues: [{ path: 'destination' }] });
    expect(store.all()).toEqual([]);
    await store.close();
  });

  it('accepts another pharmacist of this pharmacy; builds the message once with the registration id', async () => {
    const { service: s, store } = await service({ hubs: ['rsw'], vaccinnet: false });
    const result = await s.accept(
      envelope({ idempotencyKey: randomUUID(), registration: registrationInput('flu', '85073003328', { vaccinator: { riziv: '21234585001', firstName: 'Luc', familyName: 'Marchal' } }) }),
      signal,
    );
    expect(result).toMatchObject({ kind: 'accepted', duplicate: false, record: { state: 'pending', hub: 'rsw' } });
    if (result.kind !== 'accepted') return;
    const r = result.record;
    expect(r.kmehr).toContain(`<id S="LOCAL" SL="vaccicard-overlay-registration" SV="1.0">${r.id}</id>`);
    expect(r.kmehr).toContain(`<id S="ID-KMEHR" SV="1.0">21234585001.${r.id}</id>`);
    expect(r.kmehrId).toBe(`21234585001.${r.id}`);
    expect(r.summary).toMatchObject({ vaccinatorRiziv: '21234585001', pharmacyNumber: '80000551', disease: 'flu' });
    await store.close();
  });

  it('recognises a resend even when the registration would no longer pass today (the key decides first)', async () => {
    let now = new Date();
    const { store } = await service({ hubs: ['rsw'], vaccinnet: false });
    const s = new RegistrationService({
      store,
      routing: { vaccicardHub: 'rsw', vaccinnetEnabled: false, defaultDestination: 'vaccicard' },
      available: { hubs: ['rsw'], vaccinnet: false },
      pharmacy: { pharmacyNumber: '80000551', pharmacistRizivs: ['20807092001'] },
      software: { name: 'x', version: '1' },
      now: () => now,
      check: { maxAgeDays: 0 },
    });
    const request = envelope({ idempotencyKey: randomUUID(), registration: registrationInput('flu', '85073003328') });
    const first = await s.accept(request, signal);
    expect(first.kind).toBe('accepted');
    now = new Date(now.getTime() + 3 * 86_400_000); // three days later: a 0-day window would refuse it now
    expect(await s.accept(request, signal)).toMatchObject({ kind: 'accepted', duplicate: true });
    await store.close();
  });
});

const base = () => ({
  pharmacy: { pharmacyNumber: '80000551', region: 'wallonia', pharmacist: { riziv: '20807092001', inss: '80010112379' } },
  softwareId: 'acme_vaccicard-overlay',
});
const parse = (raw: Record<string, unknown>, lang: 'en' | 'nl' | 'fr' | 'de' = 'en') =>
  parseConfig(raw, { kind: 'file', path: '/etc/vc/config.json' }, '/etc/vc', { lang, realHubs: false, facts: { env: {}, platform: 'linux', home: '/home/ph' } });

describe('configuration: registration', () => {
  it('has defaults: Vaccicard through the region\'s hub, Vaccinnet off outside flanders, 2 s → 5 min backoff', () => {
    const r = parse(base());
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.config.registration).toEqual({
      vaccinnet: { service: 'registratie', environment: 'acceptance', endpoints: {} },
      outbox: { retryBaseMs: 2_000, retryMaxMs: 300_000, concurrency: 4, retentionDays: 400 },
    });
    expect(routingSettingsFrom(r.value.config)).toEqual({ vaccicardHub: 'rsw', vaccinnetEnabled: false, defaultDestination: 'vaccicard' });
  });

  it('a flanders pharmacy has Vaccinnet by default, and a path in it is made absolute', () => {
    const r = parse({ ...base(), pharmacy: { ...base().pharmacy, region: 'flanders' }, registration: { vaccinnet: { caFile: 'vaccinnet-ca.pem', endpoints: { acceptance: 'https://vaccinnet.example.test/v21' } } } });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(routingSettingsFrom(r.value.config)).toEqual({ vaccinnetEnabled: true, defaultDestination: 'vaccinnet' });
    expect(r.value.config.registration.vaccinnet.caFile).toBe('/etc/vc/vaccinnet-ca.pem');
  });

  it.each([
    [
      'a BatchUpload service with a two-part softwareId',
      { registration: { vaccinnet: { enabled: true, service: 'batchupload' } } },
      { path: 'softwareId', message: expect.stringContaining('integrator_software_organisation') },
    ],
    [
      'RegistratieService with a three-part softwareId (flanders default)',
      { softwareId: 'acme_vaccicard_pharmacy', pharmacy: { ...base().pharmacy, region: 'flanders' } },
      { path: 'softwareId', message: expect.stringContaining('integrator_software (') },
    ],
    ['Vaccinnet as default while it is off', { registration: { defaultDestination: 'vaccinnet' } }, { path: 'registration.defaultDestination', message: expect.stringContaining('not enabled') }],
    ['a cap below the first retry', { registration: { outbox: { retryBaseMs: 10_000, retryMaxMs: 5_000 } } }, { path: 'registration.outbox.retryMaxMs', message: expect.any(String) }],
    ['an unknown field', { registration: { outbox: { retries: 3 } } }, { path: 'registration.outbox', message: expect.any(String) }],
    ['a Vaccinnet address over http', { registration: { vaccinnet: { endpoints: { acceptance: 'http://vaccinnet.example.test' } } } }, { path: 'registration.vaccinnet.endpoints.acceptance', message: 'must be an https:// address' }],
  ])('refuses %s', (_name, extra, problem) => {
    const r = parse({ ...base(), ...extra });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toContainEqual(problem);
  });

  it('says it in the integrator\'s language', () => {
    for (const [lang, words] of [['nl', 'niet ingeschakeld'], ['fr', "n'est pas activé"], ['de', 'nicht aktiviert']] as const) {
      const r = parse({ ...base(), registration: { defaultDestination: 'vaccinnet' } }, lang);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems.find((p) => p.path === 'registration.defaultDestination')?.message).toContain(words);
    }
  });
});
