/** The registration part of the companion contract (lib/companion/contract.ts). */
import { describe, expect, it } from 'vitest';
import {
  PATHS,
  RegisterResponse,
  RegistrationListRequest,
  RegistrationListResponse,
  RegistrationRecord,
  RegistrationRequest,
  WithdrawRequest,
} from '../../../lib/companion/contract.ts';
import { checkRegistration } from '../../../lib/registration/check.ts';
import { registrationSummary, RegistrationSummary } from '../../../lib/registration/summary.ts';
import { baseInput, TODAY } from './factory.ts';

const KEY = 'f47ac10b-58cc-4372-a567-0e02b2c3d479';

function summary() {
  const r = checkRegistration({ ...baseInput('covid'), adverseEvents: undefined }, TODAY);
  if (!r.ok) throw new Error('base input must be valid');
  return registrationSummary(r.value);
}

const record = {
  id: 'reg-1',
  idempotencyKey: KEY,
  state: 'pending',
  destination: 'vaccicard',
  hub: 'rsw',
  createdAt: '2026-10-15T10:00:00.000Z',
  updatedAt: '2026-10-15T10:00:01+02:00',
  attempts: 0,
  vaccination: summary(),
};

describe('registration contract', () => {
  it('paths are fixed and distinct', () => {
    expect([PATHS.register, PATHS.registrationList, PATHS.withdraw]).toEqual([
      '/v1/registrations',
      '/v1/registrations/list',
      '/v1/registrations/withdraw',
    ]);
  });

  it('a request carries an idempotency key, the input and an optional destination', () => {
    const parsed = RegistrationRequest.parse({ idempotencyKey: KEY.toUpperCase(), registration: baseInput('flu') });
    expect(parsed.idempotencyKey).toBe(KEY);
    expect(parsed.registration.patient.insz).toBe('85073003328');
    expect(RegistrationRequest.safeParse({ idempotencyKey: KEY, registration: baseInput('flu'), destination: 'vaccinnet' }).success).toBe(true);
  });

  it.each([
    ['no idempotency key', { registration: baseInput('flu') }],
    ['a key that is not a UUID', { idempotencyKey: 'abc', registration: baseInput('flu') }],
    ['an unknown destination', { idempotencyKey: KEY, registration: baseInput('flu'), destination: 'vitalink' }],
    ['an extra field', { idempotencyKey: KEY, registration: baseInput('flu'), insz: '85073003328' }],
    ['a registration with a bad INSZ', { idempotencyKey: KEY, registration: { ...baseInput('flu'), patient: { insz: '85073003329' } } }],
  ])('a request with %s is refused', (_label, body) => {
    expect(RegistrationRequest.safeParse(body).success).toBe(false);
  });

  it('a summary holds no patient identity and says only whether adverse events were sent', () => {
    const s = summary();
    expect(Object.keys(s).sort()).toEqual(
      ['administrationDate', 'cnk', 'disease', 'hasAdverseEvents', 'lot', 'name', 'pharmacyNumber', 'quantity', 'vaccinatorRiziv'].sort(),
    );
    expect(JSON.stringify(s)).not.toContain('85073003328');
    expect(RegistrationSummary.parse(s)).toEqual(s);
    const flu = checkRegistration({ ...baseInput('flu'), adverseEvents: { text: 'rougeur', language: 'fr' } }, TODAY);
    expect(flu.ok && registrationSummary(flu.value).hasAdverseEvents).toBe(true);
    expect(JSON.stringify(flu.ok && registrationSummary(flu.value))).not.toContain('rougeur');
  });

  it('records, list and withdraw messages', () => {
    expect(RegistrationRecord.parse(record)).toEqual(record);
    expect(RegisterResponse.safeParse({ record, duplicate: true }).success).toBe(true);
    expect(RegistrationListResponse.safeParse({ registrations: [record, { ...record, id: 'reg-2', state: 'rejected', reason: 'lot missing', upstreamCode: 'E12' }] }).success).toBe(true);
    expect(RegistrationRecord.safeParse({ ...record, state: 'lost' }).success).toBe(false);
    expect(RegistrationRecord.safeParse({ ...record, createdAt: '15/10/2026' }).success).toBe(false);
    expect(RegistrationRecord.safeParse({ ...record, attempts: -1 }).success).toBe(false);
    expect(RegistrationRecord.safeParse({ ...record, patientInsz: '85073003328' }).success).toBe(false);
    expect(RegistrationListRequest.safeParse({ insz: '85073003328' }).success).toBe(true);
    expect(RegistrationListRequest.safeParse({ insz: '85073003329' }).success).toBe(false);
    expect(WithdrawRequest.safeParse({ id: 'reg-1', idempotencyKey: KEY }).success).toBe(true);
    expect(WithdrawRequest.safeParse({ id: '', idempotencyKey: KEY }).success).toBe(false);
    expect(WithdrawRequest.safeParse({ id: 'reg-1' }).success).toBe(false);
  });
});
