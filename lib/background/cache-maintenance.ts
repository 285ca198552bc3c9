/**
 * Expired cache entries are purged when the service worker starts and then
 * periodically (a `browser.alarms` alarm survives the worker being stopped).
 */
import type { ConsultCache } from '../cache/consult-cache.ts';
import type { CachePolicy } from '../cache/freshness.ts';
import type { AlarmsLike } from './extension-api.ts';

export const PURGE_ALARM = 'vaccicard-cache-purge';
export const PURGE_PERIOD_MINUTES = 30;

/** Deletes every entry too old to be shown even as stale. Returns how many went, or undefined when the cache is unavailable. */
export async function purgeExpired(cache: ConsultCache, policy: CachePolicy, now: number): Promise<number | undefined> {
  const r = await cache.purgeFetchedBefore(now - policy.maxStaleMs);
  return r.ok ? r.count : undefined;
}

export function schedulePurge(alarms: AlarmsLike, onPurge: () => void): () => void {
  alarms.create(PURGE_ALARM, { delayInMinutes: 1, periodInMinutes: PURGE_PERIOD_MINUTES });
  const listener = (alarm: { name: string }) => {
    if (alarm.name === PURGE_ALARM) onPurge();
  };
  alarms.onAlarm.addListener(listener);
  return () => alarms.onAlarm.removeListener(listener);
}
