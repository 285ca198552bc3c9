/**
 * Lookup results → what the panels (PanelState) and the badge (LookupStatus)
 * show. The badge's status never carries patient data.
 */
import type { ConsultResponse } from '../companion/contract.ts';
import { formatInsz } from '../identifiers/insz.ts';
import type { BadgeReason, LookupStatus, PanelState } from '../messages.ts';
import type { OwnVaccination } from '../vaccination.ts';
import type { RegistrationView } from '../messages.ts';
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
  /** The patient's registrations made through this product: green lines, shown even when no hub answered. */
  registrations?: { own: OwnVaccination[]; views: RegistrationView[] };
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
  const registered = ctx.registrations?.own ?? [];
  const base = {
    patientLabel: maskedInszLabel(insz),
    ...(result.cacheUnavailable ? { cacheUnavailable: true } : {}),
    ...(ctx.registrations && ctx.registrations.views.length > 0 ? { registrations: ctx.registrations.views } : {}),
  };
  const historyInput = (response: ConsultResponse | undefined): Parameters<HistoryBuilder>[0] => ({
    insz,
    ...(response ? { response } : {}),
    own: [...ctx.own, ...registered],
    identity: pharmacyIdentity(ctx.settings),
    seasonWindow: ctx.settings.seasonWindow,
    today: localIsoDate(ctx.now),
  });
  /** No hub answered: the registrations made here are still shown (the page shows its own lines itself). */
  const registrationsOnly = () => (registered.length > 0 ? tryBuild(ctx.buildHistory, historyInput(undefined)) : undefined);
  // Nothing came from the hubs: the reason alone (and this product's registrations).
  if (outcome.kind === 'failure') {
    const own = registrationsOnly();
    return {
      ...base,
      status: { state: 'error', reason: outcome.reason },
      ...(own ? { history: own.history } : {}),
      hubFailures: [],
      parseFailures: 0,
    };
  }
  const { hubFailures } = statusFromConsult(outcome.response);
  const status = statusOfResult(result);
  const served = { fetchedAt: outcome.fetchedAt, servedFrom: outcome.servedFrom };
  if (!isCacheable(outcome.response)) {
    // No hub answered: no history either, just the most telling reason and each hub's failure.
    const own = registrationsOnly();
    return { ...base, status, ...(own ? { history: own.history } : {}), hubFailures, parseFailures: 0, ...served };
  }
  const built = tryBuild(ctx.buildHistory, historyInput(outcome.response));
  if (!built) return { ...base, status: { state: 'error', reason: 'hub-error' }, hubFailures, parseFailures: 0 };
  return { ...base, status, history: built.history, hubFailures, parseFailures: built.parseFailures, ...served };
}
