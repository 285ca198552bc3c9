/**
 * How old a cached consultation may be, and what it may still be used for.
 *
 * - fresh   (age < ttl): answered at once, the hubs are not asked;
 * - stale   (ttl ≤ age ≤ maxStale): the hubs are asked; if the companion cannot
 *           be reached the cached answer is shown, marked stale with its age;
 * - expired (age > maxStale): never shown; purged.
 */
export interface CachePolicy {
  ttlMs: number;
  maxStaleMs: number;
}

export type Freshness = 'fresh' | 'stale' | 'expired';

export function freshness(fetchedAt: number, now: number, policy: CachePolicy): Freshness {
  // An entry from the future (clock moved back) is treated by its absolute age.
  const age = Math.abs(now - fetchedAt);
  if (age < policy.ttlMs) return 'fresh';
  if (age <= policy.maxStaleMs) return 'stale';
  return 'expired';
}

export function cachePolicyFromSettings(s: { cacheTtlSeconds: number; cacheMaxStaleSeconds: number }): CachePolicy {
  return { ttlMs: s.cacheTtlSeconds * 1000, maxStaleMs: Math.max(s.cacheMaxStaleSeconds, s.cacheTtlSeconds) * 1000 };
}
