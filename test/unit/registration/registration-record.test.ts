/**
 * A registration as the extension keeps it: the state shown, the green line,
 * the view the pages get, what is still to do, withdrawability. Table-driven.
 */
import { describe, expect, it } from 'vitest';
import type { RegistrationRecord } from '../../../lib/companion/contract.ts';
import {
  canWithdraw,
  importedRegistration,
  isUnsettled,
  needsHandOver,
  needsWithdrawalHandOver,
  ownVaccinationOf,
  recordChanged,
  REGISTRATION_LINE_SOURCE,
  registrationStateOf,
  registrationViewOf,
  withRecord,
  type LocalRegistration,
} from '../../../lib/background/registration-record.ts';

const KEY = '3f0b7c1e-2a4d-4e5f-9a6b-7c8d9e0f1a2b';
const SUMMARY = {
  administrationDate: '2026-11-20',
  cnk: '4293254',
  name: 'Comirnaty (1 dosis)',
  disease: 'covid' as const,
  lot: 'FP8823',
  quantity: 1,
  vaccinatorRiziv: '20807092001',
  pharmacyNumber: '80000551',
  hasAdverseEvents: false,
};

function local(over: Partial<LocalRegistration> = {}): LocalRegistration {
  return {
    id: 'sub-1',
    insz: '85073003328',
    idempotencyKey: KEY,
    createdAt: 1000,
    updatedAt: 1000,
    summary: SUMMARY,
    input: { patient: { insz: '85073003328' } },
    handOver: { attempts: 0 },
    ...over,
  };
}

function record(over: Partial<RegistrationRecord> = {}): RegistrationRecord {
  return {
    id: 'reg-1',
    idempotencyKey: KEY,
    state: 'pending',
    destination: 'vaccicard',
    createdAt: '2026-11-20T09:00:00.000Z',
    updatedAt: '2026-11-20T09:00:00.000Z',
    attempts: 0,
    vaccination: SUMMARY,
    ...over,
  };
}

const held = (over: Partial<RegistrationRecord> = {}, l: Partial<LocalRegistration> = {}) => {
  const { input: _input, ...rest } = local(l);
  return { ...rest, record: record(over) } as LocalRegistration;
};

describe('registration state and what is left to do', () => {
  it.each([
    ['kept in the browser', local(), 'pending', { handOver: true, unsettled: true, withdraw: false }],
    ['refused by the companion', local({ refusal: { reason: 'x' } }), 'rejected', { handOver: false, unsettled: false, withdraw: false }],
    ['pending at the companion', held(), 'pending', { handOver: false, unsettled: true, withdraw: true }],
    ['sent', held({ state: 'sent' }), 'sent', { handOver: false, unsettled: true, withdraw: true }],
    ['confirmed', held({ state: 'confirmed' }), 'confirmed', { handOver: false, unsettled: false, withdraw: true }],
    ['rejected upstream', held({ state: 'rejected' }), 'rejected', { handOver: false, unsettled: false, withdraw: false }],
    ['withdrawn', held({ state: 'withdrawn' }), 'withdrawn', { handOver: false, unsettled: false, withdraw: false }],
    [
      'withdrawal under way at the companion',
      held({ state: 'sent', withdrawal: { state: 'pending', requestedAt: '2026-11-20T10:00:00.000Z' } }),
      'sent',
      { handOver: false, unsettled: true, withdraw: false },
    ],
  ] as const)('%s', (_, reg, state, expected) => {
    expect(registrationStateOf(reg)).toBe(state);
    expect(needsHandOver(reg)).toBe(expected.handOver);
    expect(isUnsettled(reg)).toBe(expected.unsettled);
    expect(canWithdraw(reg)).toBe(expected.withdraw);
  });

  it('a withdrawal asked for here waits to be handed over, and cannot be asked twice', () => {
    const asked = held({ state: 'confirmed' }, { withdrawal: { idempotencyKey: KEY, requestedAt: 5, handedOver: false } });
    expect(needsWithdrawalHandOver(asked)).toBe(true);
    expect(isUnsettled(asked)).toBe(true);
    expect(canWithdraw(asked)).toBe(false);
    expect(registrationViewOf(asked).withdrawal).toEqual({ state: 'requested' });
  });

  it('a withdrawal refused upstream may be asked again', () => {
    const refused = held(
      { state: 'confirmed', withdrawal: { state: 'failed', requestedAt: '2026-11-20T10:00:00.000Z', reason: 'unknown transaction' } },
      { withdrawal: { idempotencyKey: KEY, requestedAt: 5, handedOver: true } },
    );
    expect(canWithdraw(refused)).toBe(true);
    expect(registrationViewOf(refused).withdrawal).toEqual({ state: 'failed', reason: 'unknown transaction' });
  });
});

describe('the green line and the view', () => {
  it(`a green ${REGISTRATION_LINE_SOURCE} line with the vaccination and its state`, () => {
    expect(ownVaccinationOf(held({ state: 'sent' }))).toEqual({
      id: 'registration-sub-1',
      source: 'PopVax FarmaFlux',
      date: '2026-11-20',
      cnk: '4293254',
      name: 'Comirnaty (1 dosis)',
      disease: 'covid',
      riziv: '20807092001',
      lot: 'FP8823',
      registration: { id: 'sub-1', state: 'sent' },
    });
  });

  it('a rejection carries the upstream reason and code; a delivery problem shows while pending', () => {
    const rejected = held({ state: 'rejected', reason: 'Geen toestemming', rejectionCode: 'no-consent' });
    expect(ownVaccinationOf(rejected).registration).toEqual({ id: 'sub-1', state: 'rejected', reason: 'Geen toestemming' });
    expect(registrationViewOf(rejected)).toMatchObject({ state: 'rejected', reason: 'Geen toestemming', rejectionCode: 'no-consent' });
    const retrying = held({ state: 'pending', lastError: { code: 'timeout', message: 'hub timeout' } });
    expect(registrationViewOf(retrying).deliveryProblem).toBe('timeout');
    expect(registrationViewOf(local({ handOver: { attempts: 2, problem: 'companion-down' } }))).toMatchObject({
      acceptedByCompanion: false,
      handOverProblem: 'companion-down',
    });
  });

  it('taking the companion record drops the input (patient identity) and keeps the summary', () => {
    const next = withRecord(local(), record({ state: 'sent' }), 2000);
    expect(next.input).toBeUndefined();
    expect(next.record?.state).toBe('sent');
    expect(next.summary).toEqual(SUMMARY);
    expect(next.updatedAt).toBe(2000);
  });

  it('records compare by update time, state and withdrawal', () => {
    expect(recordChanged(undefined, record())).toBe(true);
    expect(recordChanged(record(), record())).toBe(false);
    expect(recordChanged(record(), record({ state: 'sent' }))).toBe(true);
    expect(recordChanged(record(), record({ updatedAt: '2026-11-20T09:00:01.000Z' }))).toBe(true);
  });

  it('one seen first in the companion list is kept under its companion id', () => {
    expect(importedRegistration('85073003328', record(), 9)).toMatchObject({
      id: 'companion-reg-1',
      idempotencyKey: KEY,
      createdAt: Date.parse('2026-11-20T09:00:00.000Z'),
      record: { id: 'reg-1' },
    });
  });
});
