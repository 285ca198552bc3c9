/**
 * Lookup results → what the panels (PanelState) and the badge (LookupStatus)
 * show. The badge's status never carries patient data.
 */
import { formatInsz } from '../identifiers/insz.ts';
import type { BadgeReason, LookupStatus, PanelState } from '../messages.ts';
import type { OwnVaccination } from '../vaccination.ts';
import { pharmacyIdentity, type Settings } from '../settings/schema.ts';
import { localIsoDate, type HistoryBuilder } from './history-builder.ts';
import { isCacheable, statusFromConsult } from './hub-status.ts';
import type { LookupResult } from './lookup-service.ts';

/** `85.07.30-xxx.xx`: the birth-date part only, enough to tell two patients apart on screen. */
export function maskedInszLabel(insz: string): string {
  const formatted = formatInsz(insz);
  return formatted.length === 15 ? `${formatted.slice(0, 9)}xxx.xx` : 'xx.xx.xx-xxx.xx';
}

export function idlePanelState(status: LookupStatus = { state: 'idle' }): PanelState {
  return { status, hubFailures: [], parseFailures: 0 };
}

export function loadingPanelState(insz: string): PanelState {
  return { status: { state: 'loading' }, patientLabel: maskedInszLabel(insz), hubFailures: [], parseFailures: 0 };
}

export function errorPanelState(reason: BadgeReason, insz?: string): PanelState {
  return {
    status: { state: 'error', reason },
    ...(insz ? { patientLabel: maskedInszLabel(insz) } : {}),
    hubFailures: [],
    parseFailures: 0,
  };
}

export function statusOfResult(result: LookupResult): LookupStatus {
  const { outcome } = result;
  if (outcome.kind === 'failure') return { state: 'error', reason: outcome.reason };
  const { status } = statusFromConsult(outcome.response);
  if (status.state === 'ok' && outcome.staleAgeMs !== undefined) {
    return { state: 'ok', stale: { ageMs: outcome.staleAgeMs } };
  }
  return status;
}

export interface PanelContext {
  own: OwnVaccination[];
  settings: Settings;
  now: number;
  buildHistory: HistoryBuilder;
}

/** A merge that throws (a bug) must not take the whole panel down: it reads as a hub error. */
function tryBuild(build: HistoryBuilder, input: Parameters<HistoryBuilder>[0]): ReturnType<HistoryBuilder> | undefined {
  try {
    return build(input);
  } catch {
    return undefined;
  }
}

export function panelStateOfResult(result: LookupResult, ctx: PanelContext): PanelState {
  const { outcome, insz } = result;
  const base = {
    patientLabel: maskedInszLabel(insz),
    ...(result.cacheUnavailable ? { cacheUnavailable: true } : {}),
  };
  // Nothing came from the hubs: the reason alone (the page shows its own lines itself).
  if (outcome.kind === 'failure') {
    return { ...base, status: { state: 'error', reason: outcome.reason }, hubFailures: [], parseFailures: 0 };
  }
  const { hubFailures } = statusFromConsult(outcome.response);
  const status = statusOfResult(result);
  const served = { fetchedAt: outcome.fetchedAt, servedFrom: outcome.servedFrom };
  if (!isCacheable(outcome.response)) {
    // No hub answered: no history either, just the most telling reason and each hub's failure.
    return { ...base, status, hubFailures, parseFailures: 0, ...served };
  }
  const built = tryBuild(ctx.buildHistory, {
    insz,
    response: outcome.response,
    own: ctx.own,
    identity: pharmacyIdentity(ctx.settings),
    seasonWindow: ctx.settings.seasonWindow,
    today: localIsoDate(ctx.now),
  });
  if (!built) return { ...base, status: { state: 'error', reason: 'hub-error' }, hubFailures, parseFailures: 0 };
  return { ...base, status, history: built.history, hubFailures, parseFailures: built.parseFailures, ...served };
}
