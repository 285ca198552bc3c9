import { describe, expect, it } from 'vitest';
import { isCacheable, statusFromConsult } from '../../../lib/background/hub-status.ts';
import type { HubErrorCode, HubResult } from '../../../lib/companion/contract.ts';

const ok: HubResult = { status: 'ok', transactions: [], durationMs: 1 };
const err = (code: HubErrorCode): HubResult => ({ status: 'error', error: { code, message: `said ${code}` }, durationMs: 1 });

describe('statusFromConsult', () => {
  it.each([
    ['both answer', { rsw: ok, rsb: ok }, { state: 'ok' }],
    ['one hub asked and answered', { rsw: ok }, { state: 'ok' }],
    ['RSB failed only', { rsw: ok, rsb: err('timeout') }, { state: 'error', reason: 'timeout', hub: 'rsb' }],
    ['RSW refused consent only', { rsw: err('no-consent'), rsb: ok }, { state: 'error', reason: 'no-consent', hub: 'rsw' }],
    ['unknown in one region only is normal', { rsw: ok, rsb: err('patient-unknown') }, { state: 'ok' }],
    ['unknown everywhere', { rsw: err('patient-unknown'), rsb: err('patient-unknown') }, { state: 'error', reason: 'patient-unknown' }],
    ['consent wins over unknown', { rsw: err('patient-unknown'), rsb: err('no-consent') }, { state: 'error', reason: 'no-consent' }],
    ['exclusion wins over relation', { rsw: err('no-relation'), rsb: err('excluded') }, { state: 'error', reason: 'excluded' }],
    ['timeout wins over unknown', { rsw: err('patient-unknown'), rsb: err('timeout') }, { state: 'error', reason: 'timeout' }],
    ['technical codes read hub-error', { rsw: err('auth-failed'), rsb: err('malformed-response') }, { state: 'error', reason: 'hub-error' }],
    ['no hub at all', {}, { state: 'error', reason: 'hub-error' }],
  ] as const)('%s', (_name, hubs, expected) => {
    expect(statusFromConsult({ hubs }).status).toEqual(expected);
  });

  it('lists every failed hub with its words', () => {
    expect(statusFromConsult({ hubs: { rsw: ok, rsb: err('patient-unknown') } }).hubFailures).toEqual([
      { hub: 'rsb', reason: 'patient-unknown', detail: 'said patient-unknown' },
    ]);
  });

  it('caches only answers where a hub answered', () => {
    expect(isCacheable({ hubs: { rsw: ok, rsb: err('timeout') } })).toBe(true);
    expect(isCacheable({ hubs: { rsw: err('timeout'), rsb: err('timeout') } })).toBe(false);
  });
});
