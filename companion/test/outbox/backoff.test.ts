/** Retry delays: exponential, capped, jittered within the upper half, never past the cap. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src/outbox/backoff.ts';

const policy = { baseMs: 1_000, maxMs: 60_000 };

describe('retryDelayMs', () => {
  it('doubles per failed attempt, between half and all of the exponential value', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy, () => 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy, () => 0.999999))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, r) => {
        const d = retryDelayMs(n, policy, () => r);
        expect(d).toBeGreaterThanOrEqual(Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(n - 1, 52)) / 2 - 1);
        expect(d).toBeLessThanOrEqual(policy.maxMs);
      }),
    );
  });

  it('spreads registrations that failed together', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(5, policy, random)));
    expect(delays.size).toBeGreaterThan(40);
  });

  it('refuses nonsense', () => {
    expect(() => retryDelayMs(0, policy)).toThrow(RangeError);
    expect(() => retryDelayMs(1, { baseMs: 10, maxMs: 5 })).toThrow(RangeError);
  });
});
