/**
 * Default hub addresses, as data. The RSW and RSB (Abrumet) intrahub v3
 * endpoints are given to registered software by the hubs; they are not
 * published, so nothing is filled in here rather than a guess. An integrator
 * sets them in the configuration file (`hubs.rsw.endpoints.acceptance`, ...).
 * When a hub publishes its address, put it here: one place, no code change.
 */
import type { HubId } from '../../../lib/vaccination.ts';

export type HubEnvironment = 'acceptance' | 'production';

export const DEFAULT_HUB_ENDPOINTS: Readonly<Record<HubId, Readonly<Record<HubEnvironment, string | undefined>>>> = {
  rsw: { acceptance: undefined, production: undefined },
  rsb: { acceptance: undefined, production: undefined },
};

/** eHealth hub ids (domain.md), for the hub client and the docs. */
export const HUB_EHEALTH_IDS: Readonly<Record<HubId, string>> = {
  rsw: '1990000035',
  rsb: '1990000728',
};
