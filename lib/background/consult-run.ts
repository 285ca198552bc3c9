/**
 * The one companion call behind a shared fetch: reads the companion address
 * and the pairing secret at call time (so a new pairing applies at once),
 * calls the companion, and keeps the answer in the cache when a hub answered.
 */
import { consult as consultCompanion, type CompanionCallOptions, type ConsultOutcome } from '../companion/client.ts';
import type { ConsultCache } from '../cache/consult-cache.ts';
import type { Settings } from '../settings/schema.ts';
import { isCacheable } from './hub-status.ts';
import type { FetchRun } from './shared-consult.ts';

export interface ConsultRunDeps {
  settings: () => Promise<Settings>;
  secret: () => Promise<string | undefined>;
  cache: ConsultCache;
  now: () => number;
  /** Injected in tests. */
  consult?: (insz: string, opts: CompanionCallOptions) => Promise<ConsultOutcome>;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export function createConsultRun(deps: ConsultRunDeps): FetchRun {
  const call = deps.consult ?? consultCompanion;
  return async (insz, signal) => {
    const [settings, secret] = await Promise.all([deps.settings(), deps.secret().catch(() => undefined)]);
    if (!secret) return { ok: false, reason: 'not-paired' };
    const outcome = await call(insz, {
      baseUrl: settings.companionUrl,
      secret,
      signal,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.timeoutMs !== undefined ? { timeoutMs: deps.timeoutMs } : {}),
    });
    if (!outcome.ok) return { ok: false, reason: outcome.reason };
    const fetchedAt = deps.now();
    const cacheWrite = isCacheable(outcome.response)
      ? await deps.cache.write(insz, outcome.response, fetchedAt)
      : 'not-cacheable';
    return { ok: true, response: outcome.response, fetchedAt, cacheWrite };
  };
}
