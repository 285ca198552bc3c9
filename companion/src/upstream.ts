/**
 * The seam between the companion's local API and the health-data hubs.
 * The server only knows this interface; the real hub client and the tests'
 * fakes implement it.
 */
import type { HubId } from '../../lib/vaccination.ts';
import type { HubResult } from '../../lib/companion/contract.ts';

export interface ConsultUpstream {
  /**
   * Asks each hub for the patient's vaccination transactions, in parallel.
   * Never rejects: a hub that fails gives a typed `error` result, the others
   * still answer. Honour `signal` (request timeout or client gone).
   */
  consult(insz: string, hubs: readonly HubId[], signal: AbortSignal): Promise<Partial<Record<HubId, HubResult>>>;
  /** Reachability of each configured hub endpoint, for /v1/health and doctor. No patient data. */
  probe(signal: AbortSignal): Promise<Partial<Record<HubId, { reachable: boolean; latencyMs?: number }>>>;
}
