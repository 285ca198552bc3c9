import { describe, expect, it } from 'vitest';
import { cachePolicyFromSettings, freshness } from '../../../lib/cache/freshness.ts';

const policy = { ttlMs: 15 * 60_000, maxStaleMs: 24 * 3600_000 };
const T = 1_800_000_000_000;

describe('freshness', () => {
  it.each([
    [0, 'fresh'],
    [15 * 60_000 - 1, 'fresh'],
    [15 * 60_000, 'stale'],
    [24 * 3600_000, 'stale'],
    [24 * 3600_000 + 1, 'expired'],
    [-(15 * 60_000), 'stale'], // fetched "in the future": clock moved back
  ] as const)('age %i ms is %s', (age, expected) => {
    expect(freshness(T - age, T, policy)).toBe(expected);
  });

  it('builds the policy from the settings, never a stale window shorter than the TTL', () => {
    expect(cachePolicyFromSettings({ cacheTtlSeconds: 900, cacheMaxStaleSeconds: 86_400 })).toEqual(policy);
    expect(cachePolicyFromSettings({ cacheTtlSeconds: 600, cacheMaxStaleSeconds: 60 })).toEqual({
      ttlMs: 600_000,
      maxStaleMs: 600_000,
    });
  });
});
