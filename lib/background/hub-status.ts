/**
 * What the badge says about a companion answer that holds one result per hub.
 *
 * - every hub answered: ok;
 * - one hub failed, the other answered: error with that hub (its lines are
 *   still shown) — except `patient-unknown`: a patient known to one regional
 *   hub only is normal, so that is ok (the failure is still listed);
 * - no hub answered: error with the most telling reason (consent and exclusion
 *   concern the patient everywhere; `patient-unknown` only when every hub says so).
 */
import type { ConsultResponse } from '../companion/contract.ts';
import { badgeReasonForHubError } from '../companion/client.ts';
import type { BadgeReason, LookupStatus, PanelState } from '../messages.ts';
import { HUB_IDS } from '../vaccination.ts';

export type HubFailure = PanelState['hubFailures'][number];

const REASON_PRIORITY: readonly BadgeReason[] = [
  'no-consent',
  'excluded',
  'no-relation',
  'not-paired',
  'timeout',
  'hub-error',
  'companion-down',
  'patient-unknown',
  'invalid-insz',
  'page-not-recognised',
];

export function mostTellingReason(reasons: readonly BadgeReason[]): BadgeReason {
  let best: BadgeReason = 'hub-error';
  let bestRank = Number.POSITIVE_INFINITY;
  for (const r of reasons) {
    const rank = REASON_PRIORITY.indexOf(r);
    if (rank < bestRank) {
      best = r;
      bestRank = rank;
    }
  }
  return best;
}

export function hubFailuresOf(response: ConsultResponse): HubFailure[] {
  const failures: HubFailure[] = [];
  for (const hub of HUB_IDS) {
    const result = response.hubs[hub];
    if (result?.status === 'error') {
      failures.push({ hub, reason: badgeReasonForHubError(result.error.code), detail: result.error.message });
    }
  }
  return failures;
}

export function statusFromConsult(response: ConsultResponse): { status: LookupStatus; hubFailures: HubFailure[] } {
  const answered = HUB_IDS.filter((hub) => response.hubs[hub]?.status === 'ok');
  const hubFailures = hubFailuresOf(response);
  if (answered.length === 0) {
    const reasons = hubFailures.map((f) => f.reason);
    return { status: { state: 'error', reason: mostTellingReason(reasons) }, hubFailures };
  }
  const telling = hubFailures.filter((f) => f.reason !== 'patient-unknown');
  if (telling.length === 0) return { status: { state: 'ok' }, hubFailures };
  const reason = mostTellingReason(telling.map((f) => f.reason));
  const status: LookupStatus =
    telling.length === 1 ? { state: 'error', reason, hub: telling[0]!.hub } : { state: 'error', reason };
  return { status, hubFailures };
}

/** Worth keeping in the cache: at least one hub answered. */
export function isCacheable(response: ConsultResponse): boolean {
  return HUB_IDS.some((hub) => response.hubs[hub]?.status === 'ok');
}
