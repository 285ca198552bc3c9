/**
 * What the hub client needs to know: where the hubs are, who the pharmacy
 * and its titular pharmacist are (request author, ehealth-auth.md §3.3),
 * which software is calling, where tokens come from, and its limits.
 */
import type { HubId } from '../../../lib/vaccination.ts';
import { isValidInsz } from '../../../lib/identifiers/insz.ts';
import { isValidPharmacyNumber, isValidProviderRiziv } from '../../../lib/identifiers/riziv.ts';
import type { TokenProvider } from '../token-provider.ts';

export interface HubEndpoint {
  /** https URL of the hub's intrahub v3 service. */
  url: string;
  /** PEM CA bundle that must have issued the hub's TLS certificate; default the system roots. */
  caPem?: string;
  /** Overrides `timeoutMs` for this hub. */
  timeoutMs?: number;
}

export interface PharmacistIdentity {
  /** 11-digit RIZIV/INAMI of the titular pharmacist. */
  riziv: string;
  /** INSS (SSIN) of the titular pharmacist. */
  inss: string;
  firstName?: string;
  familyName?: string;
}

export interface PharmacyIdentity {
  /** 8-digit pharmacy (officine) number. */
  pharmacyNumber: string;
  pharmacyName?: string;
  pharmacist: PharmacistIdentity;
}

export interface ApplicationParty {
  /** The softwareID (at most 50 characters, domain.md). */
  softwareId: string;
  name: string;
  version: string;
}

export interface HubUpstreamOptions {
  endpoints: Partial<Record<HubId, HubEndpoint>>;
  pharmacy: PharmacyIdentity;
  application: ApplicationParty;
  tokenProvider: TokenProvider;
  /** Whole consultation of one hub (list + every transaction). Default 15 s. */
  timeoutMs?: number;
  /**
   * Concurrent GetTransaction calls per hub. Default 20: a patient's listed
   * vaccinations (20 in a list page of the simulated hubs) are fetched in one
   * round trip, so the consultation takes two (the list, then the transactions).
   */
  maxConcurrency?: number;
  /** Cap on one SOAP answer, enforced while reading. Default 4 MB. */
  maxResponseBytes?: number;
  /** More listed transactions than this is an error, not a silent cut. Default 500 (the contract's cap). */
  maxTransactions?: number;
  /** Clock for request dates and the timestamp (tests). */
  now?: () => Date;
}

export const DEFAULTS = {
  timeoutMs: 15_000,
  maxConcurrency: 20,
  maxResponseBytes: 4_000_000,
  maxTransactions: 500,
} as const;

export class HubOptionsError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid hub client options: ${problems.join('; ')}`);
    this.name = 'HubOptionsError';
  }
}

/** Lists every problem at once (a bad configuration fails at start, not at the first patient). */
export function validateHubUpstreamOptions(options: HubUpstreamOptions): void {
  const problems: string[] = [];
  for (const [hub, endpoint] of Object.entries(options.endpoints)) {
    if (!endpoint) continue;
    let url: URL | undefined;
    try {
      url = new URL(endpoint.url);
    } catch {
      problems.push(`${hub}: endpoint is not a URL`);
    }
    if (url && url.protocol !== 'https:') problems.push(`${hub}: endpoint must use https`);
    if (endpoint.timeoutMs !== undefined && !(endpoint.timeoutMs > 0)) problems.push(`${hub}: timeoutMs must be positive`);
  }
  if (Object.values(options.endpoints).every((e) => !e)) problems.push('no hub endpoint configured');
  if (!isValidPharmacyNumber(options.pharmacy.pharmacyNumber)) problems.push('pharmacy number is not a valid 8-digit number');
  if (!isValidProviderRiziv(options.pharmacy.pharmacist.riziv)) problems.push('pharmacist RIZIV is not a valid 11-digit number');
  if (!/^\d{11}$/.test(options.pharmacy.pharmacist.inss) || !isValidInsz(options.pharmacy.pharmacist.inss)) {
    problems.push('pharmacist INSS is not valid');
  }
  const app = options.application;
  if (!app.softwareId || app.softwareId.length > 50) problems.push('softwareId must be 1 to 50 characters');
  if (!app.name || !app.version) problems.push('application name and version are required');
  for (const key of ['timeoutMs', 'maxConcurrency', 'maxResponseBytes', 'maxTransactions'] as const) {
    const v = options[key];
    if (v !== undefined && !(Number.isInteger(v) && v > 0)) problems.push(`${key} must be a positive integer`);
  }
  if (problems.length > 0) throw new HubOptionsError(problems);
}
