import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BADGE_REASONS, HUB_ID_VALUES, readBadgePortMessage } from '../../lib/badge-port-message.ts';
import { BadgePortMessage, BadgeReason } from '../../lib/messages.ts';
import { HubId } from '../../lib/vaccination.ts';

const viaZod = (raw: unknown) => {
  const r = BadgePortMessage.safeParse(raw);
  return r.success ? r.data : undefined;
};

const anything = fc.oneof(
  fc.constantFrom(undefined, null, 0, -0, -1, 1.5, NaN, Infinity, -Infinity, '', 'x', true, false, [], {}),
  fc.string(),
  fc.double(),
  fc.jsonValue(),
);
const state = fc.oneof(fc.constantFrom('idle', 'loading', 'ok', 'error', 'OK', 'status', ''), anything);
const status = fc.record(
  {
    state,
    stale: fc.oneof(anything, fc.record({ ageMs: fc.oneof(fc.double(), fc.integer(), anything) }, { requiredKeys: [] })),
    reason: fc.oneof(fc.constantFrom(...BADGE_REASONS, 'other', 'Timeout'), anything),
    hub: fc.oneof(fc.constantFrom('rsw', 'rsb', 'RSW', 'vitalink'), anything),
    extra: anything,
  },
  { requiredKeys: [] },
);
const message = fc.oneof(
  fc.record({ type: fc.oneof(fc.constant('status'), anything), status: fc.oneof(status, anything), more: anything }, { requiredKeys: [] }),
  anything,
);

describe('readBadgePortMessage: the content script reads the badge port as BadgePortMessage does', () => {
  it('uses the same reasons and hubs as the schemas', () => {
    expect([...BADGE_REASONS]).toEqual(BadgeReason.options);
    expect([...HUB_ID_VALUES]).toEqual(HubId.options);
  });

  it.each([
    [{ type: 'status', status: { state: 'loading' } }],
    [{ type: 'status', status: { state: 'ok', stale: { ageMs: 125_000 } }, extra: 1 }],
    [{ type: 'status', status: { state: 'error', reason: 'no-consent', hub: 'rsb', x: 2 } }],
    [{ type: 'status', status: { state: 'error', reason: 'nope' } }],
    [{ type: 'status', status: { state: 'ok', stale: { ageMs: -1 } } }],
    [{ type: 'status', status: { state: 'ok', stale: { ageMs: NaN } } }],
    [{ type: 'status', status: { state: 'idle', stale: 'anything' } }],
    [{ type: 'panel-state', status: { state: 'idle' } }],
    [null],
  ])('agrees on %j', (raw) => {
    expect(readBadgePortMessage(raw)).toEqual(viaZod(raw));
  });

  it('agrees on generated values (property)', () => {
    fc.assert(
      fc.property(message, (raw) => {
        expect(readBadgePortMessage(raw)).toEqual(viaZod(raw));
      }),
      { numRuns: 5000 },
    );
  });
});
