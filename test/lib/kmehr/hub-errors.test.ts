import { describe, expect, it } from 'vitest';
import { HubError } from '../../../lib/companion/contract.ts';
import {
  HUB_ERROR_CODES,
  hubErrorFromOutcome,
  outcomeFromAcknowledge,
  outcomeFromSoapFault,
  sanitizeUpstreamText,
  type AcknowledgeError,
  type HubErrorTable,
  type HubOutcome,
} from '../../../lib/kmehr/hub-errors.ts';

const ack = (errors: AcknowledgeError[], complete = true) => ({ complete, errors });

describe('outcomeFromAcknowledge', () => {
  it.each<[string, AcknowledgeError[], boolean, HubOutcome]>([
    ['no error', [], true, { kind: 'ok' }],
    ['no error, incomplete', [], false, { kind: 'ok' }],
    ['202 no data', [{ code: '202', description: 'No data' }], true, { kind: 'no-data' }],
    ['202 twice', [{ code: '202' }, { code: '202' }], true, { kind: 'no-data' }],
    ['360 no relation', [{ code: '360', description: 'd' }], true, { kind: 'error', code: 'no-relation', upstreamCode: '360', description: 'd' }],
    ['365 no consent, iscomplete true', [{ code: '365', description: 'd' }], true, { kind: 'error', code: 'no-consent', upstreamCode: '365', description: 'd' }],
    ['400 patient unknown', [{ code: '400', description: 'd' }], false, { kind: 'error', code: 'patient-unknown', upstreamCode: '400', description: 'd' }],
    ['a code with spaces', [{ code: ' 365 ' }], true, { kind: 'error', code: 'no-consent', upstreamCode: '365', description: 'the patient has not given consent' }],
    ['an unknown code', [{ code: '999', description: 'Boom' }], true, { kind: 'error', code: 'hub-error', upstreamCode: '999', description: 'Boom' }],
    ['an unknown code, no description', [{ code: '999' }], true, { kind: 'error', code: 'hub-error', upstreamCode: '999', description: 'the hub answered with error code 999' }],
    ['neither code nor description', [{}], true, { kind: 'error', code: 'hub-error', description: 'the hub answered with an error' }],
    [
      'consent outranks an unknown error',
      [{ code: '999', description: 'x' }, { code: '365', description: 'no consent' }],
      true,
      { kind: 'error', code: 'no-consent', upstreamCode: '365', description: 'no consent (and 1 other error)' },
    ],
    [
      'an error outranks no data',
      [{ code: '202' }, { code: '400', description: 'unknown' }, { code: '202' }],
      true,
      { kind: 'error', code: 'patient-unknown', upstreamCode: '400', description: 'unknown (and 2 other errors)' },
    ],
  ])('%s', (_label, errors, complete, expected) => {
    expect(outcomeFromAcknowledge(ack(errors, complete))).toEqual(expected);
  });

  it("applies a hub's own codes over the shared ones, and only for that hub", () => {
    const table: HubErrorTable = {
      ...HUB_ERROR_CODES,
      rsw: { 'W-EXCL': { outcome: 'excluded', meaning: 'the patient excluded this provider', source: 'test' }, '202': { outcome: 'hub-error', meaning: 'x', source: 'test' } },
    };
    const excluded = ack([{ code: 'W-EXCL' }]);
    expect(outcomeFromAcknowledge(excluded, 'rsw', table)).toEqual({
      kind: 'error',
      code: 'excluded',
      upstreamCode: 'W-EXCL',
      description: 'the patient excluded this provider',
    });
    expect(outcomeFromAcknowledge(excluded, 'rsb', table)).toMatchObject({ kind: 'error', code: 'hub-error' });
    expect(outcomeFromAcknowledge(ack([{ code: '202' }]), 'rsw', table)).toMatchObject({ kind: 'error', code: 'hub-error' });
    expect(outcomeFromAcknowledge(ack([{ code: '202' }]), 'rsb', table)).toEqual({ kind: 'no-data' });
  });

  it('does not take names an Object carries by default for codes', () => {
    expect(outcomeFromAcknowledge(ack([{ code: 'constructor' }]))).toMatchObject({ kind: 'error', code: 'hub-error' });
    expect(outcomeFromAcknowledge(ack([{ code: '__proto__' }]))).toMatchObject({ kind: 'error', code: 'hub-error' });
  });

  it('every row of the table maps to a contract code or no-data', () => {
    for (const rows of Object.values(HUB_ERROR_CODES)) {
      for (const rule of Object.values(rows)) {
        if (rule.outcome !== 'no-data') expect(HubError.shape.code.safeParse(rule.outcome).success).toBe(true);
        expect(rule.meaning.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('outcomeFromSoapFault', () => {
  it.each([
    [['wsse:FailedAuthentication'], 'auth-failed'],
    [['wsse:InvalidSecurity'], 'auth-failed'],
    [['InvalidSecurityToken'], 'auth-failed'],
    [['wsse:FailedCheck'], 'auth-failed'],
    [['soapenv:Server'], 'hub-error'],
    [['env:Sender', 'wsse:MessageExpired'], 'auth-failed'],
    [[], 'hub-error'],
  ])('%j → %s', (codes, expected) => {
    expect(outcomeFromSoapFault({ codes, reason: 'r' })).toMatchObject({ kind: 'error', code: expected });
  });

  it('prefers the detail code, and redacts numbers in the texts', () => {
    expect(outcomeFromSoapFault({ codes: ['soapenv:Server'], reason: 'Failure for 85073003328', detailCode: 'SOA-02001', detailMessage: 'm' })).toEqual({
      kind: 'error',
      code: 'hub-error',
      upstreamCode: 'SOA-02001',
      description: 'SOAP fault: Failure for [number] - m',
    });
  });
});

describe('sanitizeUpstreamText', () => {
  it.each([
    ['No consent for 85073003328', 'No consent for [number]'],
    ['patient 85.07.30-033.28 unknown', 'patient [number] unknown'],
    ['patient 85 07 30 033 28', 'patient [number]'],
    ['provider 1-47002-50-004', 'provider [number]'],
    ['pharmacy 80000551', 'pharmacy [number]'],
    ['error 365, code 1234567', 'error 365, code 1234567'],
    // A full date may be a birth date: redacted too.
    ['born 1985-07-30', 'born [number]'],
    ['line\nbreak\u0000and\ttab', 'line break and tab'],
    [undefined, ''],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeUpstreamText(input)).toBe(expected);
  });

  it('caps long texts at 300 characters', () => {
    const out = sanitizeUpstreamText('x'.repeat(1000));
    expect(out).toHaveLength(300);
    expect(out.endsWith('…')).toBe(true);
  });
});

describe('hubErrorFromOutcome', () => {
  it('gives a valid contract HubError', () => {
    const error = hubErrorFromOutcome({ kind: 'error', code: 'no-consent', upstreamCode: '365', description: 'no consent' });
    expect(error).toEqual({ code: 'no-consent', message: 'no consent', upstreamCode: '365' });
    expect(HubError.parse(error)).toEqual(error);
    expect(HubError.parse(hubErrorFromOutcome({ kind: 'error', code: 'hub-error', description: 'x'.repeat(5000) })).message).toHaveLength(1000);
  });
});
