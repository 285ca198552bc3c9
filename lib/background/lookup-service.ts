/**
 * One patient lookup: the cache first, then the companion (one call shared by
 * every concurrent lookup of that patient), then the cache again when the
 * companion cannot be reached.
 *
 * - fresh entry (and no refresh asked): answered from the cache, no call;
 * - otherwise the companion is asked; its answer is returned (and cached when
 *   at least one hub answered);
 * - the companion cannot be reached (not running, or no answer in time) and a
 *   cached entry is no older than the max-stale window: that entry, marked stale
 *   with its age;
 * - anything else: the failure's reason (e.g. `companion-down` once the cached
 *   entry has expired).
 */
import type { ConsultResponse } from '../companion/contract.ts';
import type { ConsultCache } from '../cache/consult-cache.ts';
import { freshness, type CachePolicy } from '../cache/freshness.ts';
import type { BadgeReason } from '../messages.ts';
import type { SharedConsultFetcher } from './shared-consult.ts';

export type LookupOutcome =
  | {
      kind: 'answer';
      response: ConsultResponse;
      fetchedAt: number;
      servedFrom: 'cache' | 'hubs';
      /** Set when a stale cached entry stands in for an unreachable companion. */
      staleAgeMs?: number;
    }
  | { kind: 'failure'; reason: BadgeReason };

export interface LookupResult {
  insz: string;
  outcome: LookupOutcome;
  /** IndexedDB could not be read or written for this lookup. */
  cacheUnavailable: boolean;
}

export interface LookupOptions {
  signal?: AbortSignal;
  /** Ask the hubs even when the cache is fresh (the pharmacist's refresh). */
  refresh?: boolean;
}

/** Failures where a cached answer may stand in (the companion, not the hubs, is the problem). */
const UNREACHABLE: ReadonlySet<BadgeReason> = new Set(['companion-down', 'timeout']);

export interface LookupServiceDeps {
  cache: ConsultCache;
  fetcher: SharedConsultFetcher;
  policy: () => Promise<CachePolicy>;
  now: () => number;
}

export class LookupService {
  constructor(private readonly deps: LookupServiceDeps) {}

  async lookup(insz: string, opts: LookupOptions = {}): Promise<LookupResult> {
    const { cache, fetcher, now } = this.deps;
    const policy = await this.deps.policy();
    const read = await cache.read(insz);
    let cacheUnavailable = read.kind === 'unavailable';
    const cached = read.kind === 'hit' ? read.entry : undefined;

    if (cached && !opts.refresh && freshness(cached.fetchedAt, now(), policy) === 'fresh') {
      return {
        insz,
        outcome: { kind: 'answer', response: cached.response, fetchedAt: cached.fetchedAt, servedFrom: 'cache' },
        cacheUnavailable,
      };
    }

    const fetched = await fetcher.fetch(insz, opts.signal);
    if (fetched.ok) {
      if (fetched.cacheWrite === 'unavailable') cacheUnavailable = true;
      return {
        insz,
        outcome: { kind: 'answer', response: fetched.response, fetchedAt: fetched.fetchedAt, servedFrom: 'hubs' },
        cacheUnavailable,
      };
    }

    if (cached && UNREACHABLE.has(fetched.reason)) {
      const at = now();
      if (freshness(cached.fetchedAt, at, policy) !== 'expired') {
        return {
          insz,
          outcome: {
            kind: 'answer',
            response: cached.response,
            fetchedAt: cached.fetchedAt,
            servedFrom: 'cache',
            staleAgeMs: Math.max(0, at - cached.fetchedAt),
          },
          cacheUnavailable,
        };
      }
    }
    return { insz, outcome: { kind: 'failure', reason: fetched.reason }, cacheUnavailable };
  }
}
