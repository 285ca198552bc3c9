/**
 * The acknowledge error code a simulated hub sends for an outcome, read from
 * the one mapping table the hub client uses (lib/kmehr/hub-errors.ts): the
 * hub's own row first, then the shared one. When the table has no code for
 * the outcome (RSW/RSB codes are not public), a simulator-only code
 * `SIM-<OUTCOME>` is used and the client reports a plain hub error.
 */
import type { HubErrorCode } from '../../../lib/companion/contract.ts';
import { HUB_ERROR_CODES } from '../../../lib/kmehr/hub-errors.ts';
import type { HubId } from '../../../lib/vaccination.ts';

export function acknowledgeCodeFor(outcome: HubErrorCode | 'no-data', hub: HubId): string {
  for (const table of [HUB_ERROR_CODES[hub], HUB_ERROR_CODES.all]) {
    const found = Object.entries(table).find(([, rule]) => rule.outcome === outcome);
    if (found) return found[0];
  }
  return `SIM-${outcome.toUpperCase()}`;
}

/** True when the companion's code table maps this outcome for `hub` (so the client will see it typed). */
export function outcomeHasCode(outcome: HubErrorCode | 'no-data', hub: HubId): boolean {
  return [HUB_ERROR_CODES[hub], HUB_ERROR_CODES.all].some((table) =>
    Object.values(table).some((rule) => rule.outcome === outcome),
  );
}
