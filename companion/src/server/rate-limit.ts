/**
 * A token bucket: `burst` requests at once, refilled at `perMinute`. One
 * bucket for the whole server (every client is on this machine); requests
 * take a token before the pairing secret is checked, so guessing the secret
 * is rate limited too.
 */
export interface RateLimitSettings {
  burst: number;
  perMinute: number;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly perMs: number;

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = settings.burst;
    this.last = now();
    this.perMs = settings.perMinute / 60_000;
  }

  take(): TakeResult {
    const t = this.now();
    this.tokens = Math.min(this.settings.burst, this.tokens + (t - this.last) * this.perMs);
    this.last = t;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    const waitMs = (1 - this.tokens) / this.perMs;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
}
