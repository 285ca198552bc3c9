/**
 * How long to wait before the next delivery attempt: exponential from
 * `baseMs` (attempt 1 failed → about baseMs), doubling per attempt, capped at
 * `maxMs`, with "equal jitter" (a random point in the upper half), so many
 * registrations failing together do not retry in lockstep and no wait is
 * ever longer than the cap.
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 5 * 60_000 };

/** `failedAttempts` ≥ 1; `random` returns a number in [0, 1). */
export function retryDelayMs(failedAttempts: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  if (!Number.isInteger(failedAttempts) || failedAttempts < 1) throw new RangeError('failedAttempts must be a whole number ≥ 1');
  if (!(policy.baseMs > 0) || !(policy.maxMs >= policy.baseMs)) throw new RangeError('backoff needs 0 < baseMs ≤ maxMs');
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(failedAttempts - 1, 52));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(exponential / 2 + (r * exponential) / 2);
}
