/** Where a registration goes (pure routing), and which consultation lines echo which registrations (pure matching). */
import { describe, expect, it } from 'vitest';
import { REGISTRATION_ID_SL } from '../../../lib/kmehr/build.ts';
import { matchEchoes, type EchoCandidate } from '../../src/registration/echo.ts';
import { routeRegistration, routingSettingsFrom } from '../../src/registration/routing.ts';
import type { CompanionConfig } from '../../src/config/schema.ts';

type RoutingInput = Pick<CompanionConfig, 'pharmacy' | 'registration'>;
function config(region: CompanionConfig['pharmacy']['region'], registration: Partial<CompanionConfig['registration']> = {}, vaccinnet: Partial<CompanionConfig['registration']['vaccinnet']> = {}): RoutingInput {
  return {
    pharmacy: { pharmacyNumber: '80000551', region, pharmacist: { riziv: '20807092001', inss: '80010112379' }, otherPharmacists: [] },
    registration: {
      vaccinnet: { service: 'registratie', environment: 'acceptance', endpoints: {}, ...vaccinnet },
      outbox: { retryBaseMs: 2000, retryMaxMs: 300000, concurrency: 4, retentionDays: 400 },
      ...registration,
    },
  };
}
const everything = { hubs: ['rsw', 'rsb'] as const, vaccinnet: true };

describe('routing', () => {
  it.each([
    ['wallonia', config('wallonia'), undefined, { ok: true, destination: 'vaccicard', hub: 'rsw', target: 'rsw' }],
    ['german-community', config('german-community'), undefined, { ok: true, destination: 'vaccicard', hub: 'rsw', target: 'rsw' }],
    ['brussels', config('brussels'), undefined, { ok: true, destination: 'vaccicard', hub: 'rsb', target: 'rsb' }],
    ['flanders (Vaccinnet by default)', config('flanders'), undefined, { ok: true, destination: 'vaccinnet', target: 'vaccinnet' }],
    ['flanders asking Vaccicard without a hub', config('flanders'), 'vaccicard', { ok: false, refusal: 'no-vaccicard-hub' }],
    ['flanders with a Vaccicard hub set, asking Vaccicard', config('flanders', { vaccicardHub: 'rsb' }), 'vaccicard', { ok: true, destination: 'vaccicard', hub: 'rsb', target: 'rsb' }],
    ['flanders with Vaccinnet switched off', config('flanders', {}, { enabled: false }), undefined, { ok: false, refusal: 'no-vaccicard-hub' }],
    ['wallonia asking Vaccinnet, not enabled', config('wallonia'), 'vaccinnet', { ok: false, refusal: 'vaccinnet-not-enabled' }],
    ['wallonia asking Vaccinnet, enabled', config('wallonia', {}, { enabled: true }), 'vaccinnet', { ok: true, destination: 'vaccinnet', target: 'vaccinnet' }],
    ['brussels with a Vaccinnet default', config('brussels', { defaultDestination: 'vaccinnet' }, { enabled: true }), undefined, { ok: true, destination: 'vaccinnet', target: 'vaccinnet' }],
  ] as const)('%s', (_name, cfg, requested, expected) => {
    expect(routeRegistration(routingSettingsFrom(cfg), everything, requested)).toEqual(expected);
  });

  it('refuses a destination whose channel has no address', () => {
    expect(routeRegistration(routingSettingsFrom(config('brussels')), { hubs: ['rsw'], vaccinnet: false })).toEqual({ ok: false, refusal: 'vaccicard-hub-not-configured' });
    expect(routeRegistration(routingSettingsFrom(config('flanders')), { hubs: [], vaccinnet: false })).toEqual({ ok: false, refusal: 'vaccinnet-not-configured' });
  });
});

describe('echo matching', () => {
  const candidate = (id: string, extra: Partial<EchoCandidate> = {}): EchoCandidate => ({
    id,
    createdAt: `2026-10-14T10:00:0${id.length % 10}.000Z`,
    administrationDate: '2026-10-14',
    cnk: '4176053',
    vaccinatorRiziv: '20807092001',
    ...extra,
  });
  const own = (value: string) => [{ s: 'ID-KMEHR', value: '1' }, { s: 'LOCAL', sl: REGISTRATION_ID_SL, value }];

  it('matches by the registration id the message carries, whatever the content', () => {
    expect(matchEchoes([candidate('r1')], [{ transactionIds: own('r1'), date: '2020-01-01', cnk: '0000000' }])).toEqual(['r1']);
  });

  it('a line carrying another registration id of this product never matches by content', () => {
    expect(matchEchoes([candidate('r1')], [{ transactionIds: own('r-other'), date: '2026-10-14', cnk: '4176053' }])).toEqual([]);
  });

  it('without our id (a hub that drops it): same date and CNK, same vaccinator person (8 digits), administered; one line per registration, oldest first', () => {
    const a = candidate('a', { createdAt: '2026-10-14T10:00:00.000Z' });
    const b = candidate('b', { createdAt: '2026-10-14T11:00:00.000Z' });
    const line = { transactionIds: [{ s: 'LOCAL', sl: 'RSWID', value: 'x' }], date: '2026-10-14', cnk: '4176053', vaccinatorRiziv: '20807092002' };
    expect(matchEchoes([b, a], [line])).toEqual(['a']);
    expect(matchEchoes([b, a], [line, { ...line, vaccinatorRiziv: undefined }]).sort()).toEqual(['a', 'b']);
    expect(matchEchoes([a], [{ ...line, vaccinatorRiziv: '21234585001' }])).toEqual([]);
    expect(matchEchoes([a], [{ ...line, date: '2026-10-13' }])).toEqual([]);
    expect(matchEchoes([a], [{ ...line, cnk: '4293254' }])).toEqual([]);
    expect(matchEchoes([a], [{ ...line, lifecycle: 'cancelled' }])).toEqual([]);
    expect(matchEchoes([a], [{ ...line, lifecycle: 'administrated' }])).toEqual(['a']);
    expect(matchEchoes([a], [{ transactionIds: [], date: '2026-10-14' }])).toEqual([]);
  });

  it('a registration not delivered yet is confirmed by its own id only, never by a look-alike line', () => {
    const pending = candidate('p', { byContent: false });
    const lookAlike = { transactionIds: [{ s: 'LOCAL', sl: 'RSWID', value: 'x' }], date: '2026-10-14', cnk: '4176053' };
    expect(matchEchoes([pending], [lookAlike])).toEqual([]);
    expect(matchEchoes([pending], [{ ...lookAlike, transactionIds: own('p') }])).toEqual(['p']);
  });
});
