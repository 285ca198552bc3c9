import { describe, expect, it } from 'vitest';
import { IdempotencyKey, isIdempotencyKey } from '../../../lib/registration/idempotency-key.ts';
import { parseSoftwareId, SOFTWARE_ID_MAX_LENGTH, SoftwareId } from '../../../lib/registration/software-id.ts';

describe('idempotency key', () => {
  it('accepts random UUIDs and normalises case', () => {
    for (let i = 0; i < 50; i++) expect(isIdempotencyKey(crypto.randomUUID())).toBe(true);
    expect(IdempotencyKey.parse('F47AC10B-58CC-4372-A567-0E02B2C3D479')).toBe('f47ac10b-58cc-4372-a567-0e02b2c3d479');
  });

  it.each([
    '',
    'f47ac10b58cc4372a5670e02b2c3d479',
    '00000000-0000-0000-0000-000000000000',
    'f47ac10b-58cc-4372-c567-0e02b2c3d479',
    'f47ac10b-58cc-4372-a567-0e02b2c3d47',
    'g47ac10b-58cc-4372-a567-0e02b2c3d479',
    ' f47ac10b-58cc-4372-a567-0e02b2c3d479',
    '{f47ac10b-58cc-4372-a567-0e02b2c3d479}',
  ])('refuses %j', (key) => {
    expect(isIdempotencyKey(key)).toBe(false);
    expect(IdempotencyKey.safeParse(key).success).toBe(false);
  });
});

describe('Vaccinnet softwareID', () => {
  it.each([
    ['smals_vaccinnet', { integrator: 'smals', software: 'vaccinnet' }],
    ['acme_vaccicard-overlay_pharmacy.80000551', { integrator: 'acme', software: 'vaccicard-overlay', organisation: 'pharmacy.80000551' }],
    ['A1_B2', { integrator: 'A1', software: 'B2' }],
  ])('accepts %s', (id, parts) => {
    expect(parseSoftwareId(id)).toEqual({ ok: true, value: parts });
    expect(SoftwareId.safeParse(id).success).toBe(true);
  });

  it('accepts 50 characters and refuses 51', () => {
    const fifty = `a_${'b'.repeat(SOFTWARE_ID_MAX_LENGTH - 2)}`;
    expect(fifty).toHaveLength(50);
    expect(parseSoftwareId(fifty).ok).toBe(true);
    expect(parseSoftwareId(`${fifty}c`)).toEqual({ ok: false, reason: 'too-long' });
    const r = SoftwareId.safeParse(`${fifty}c`);
    expect(r.success ? undefined : r.error.issues[0]?.message).toBe('too-long');
  });

  it.each(['vaccinnet', 'a_b_c_d', 'a__b', '_a_b', 'a_b_', 'a b_c', 'é_b', 'a_b/c', 'a_b\n'])('refuses %j', (id) => {
    expect(parseSoftwareId(id)).toEqual({ ok: false, reason: 'bad-shape' });
  });

  it('refuses an empty softwareID', () => {
    expect(parseSoftwareId('')).toEqual({ ok: false, reason: 'empty' });
  });
});
