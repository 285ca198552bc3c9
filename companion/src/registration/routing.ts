/**
 * Where a registration goes, from the pharmacy's configuration (pure):
 * Walloon, Brussels and German-speaking-community pharmacies register to
 * Vaccicard through their hub (RSW for wallonia and german-community, RSB for
 * brussels; `registration.vaccicardHub` overrides); Vaccinnet only where it
 * is enabled (by default for flanders pharmacies, else by configuration). A
 * request may name a destination; one that is not available is refused
 * before anything is stored.
 */
import type { RegistrationDestination } from '../../../lib/companion/contract.ts';
import type { KmehrTarget } from '../../../lib/kmehr/build.ts';
import type { HubId } from '../../../lib/vaccination.ts';
import type { CompanionConfig, Region } from '../config/schema.ts';

export interface RoutingSettings {
  /** The hub for Vaccicard registrations, if any. */
  vaccicardHub?: HubId;
  vaccinnetEnabled: boolean;
  defaultDestination: RegistrationDestination;
}

const REGION_HUB: Readonly<Record<Region, HubId | undefined>> = {
  wallonia: 'rsw',
  'german-community': 'rsw',
  brussels: 'rsb',
  flanders: undefined,
};

export function routingSettingsFrom(config: Pick<CompanionConfig, 'pharmacy' | 'registration'>): RoutingSettings {
  const region = config.pharmacy.region;
  const r = config.registration;
  const vaccinnetEnabled = r.vaccinnet.enabled ?? region === 'flanders';
  const hub = r.vaccicardHub ?? REGION_HUB[region];
  const defaultDestination = r.defaultDestination ?? (region === 'flanders' && vaccinnetEnabled ? 'vaccinnet' : 'vaccicard');
  return { ...(hub && { vaccicardHub: hub }), vaccinnetEnabled, defaultDestination };
}

/** What is actually reachable now: hubs with a registration channel, and a Vaccinnet channel. */
export interface AvailableChannels {
  hubs: readonly HubId[];
  vaccinnet: boolean;
}

export type RouteRefusal = 'no-vaccicard-hub' | 'vaccicard-hub-not-configured' | 'vaccinnet-not-enabled' | 'vaccinnet-not-configured';

export type Route =
  | { ok: true; destination: 'vaccicard'; hub: HubId; target: KmehrTarget }
  | { ok: true; destination: 'vaccinnet'; target: KmehrTarget }
  | { ok: false; refusal: RouteRefusal };

export function routeRegistration(settings: RoutingSettings, available: AvailableChannels, requested?: RegistrationDestination): Route {
  const destination = requested ?? settings.defaultDestination;
  if (destination === 'vaccinnet') {
    if (!settings.vaccinnetEnabled) return { ok: false, refusal: 'vaccinnet-not-enabled' };
    if (!available.vaccinnet) return { ok: false, refusal: 'vaccinnet-not-configured' };
    return { ok: true, destination: 'vaccinnet', target: 'vaccinnet' };
  }
  const hub = settings.vaccicardHub;
  if (!hub) return { ok: false, refusal: 'no-vaccicard-hub' };
  if (!available.hubs.includes(hub)) return { ok: false, refusal: 'vaccicard-hub-not-configured' };
  return { ok: true, destination: 'vaccicard', hub, target: hub };
}

export const ROUTE_REFUSAL_WORDS: Readonly<Record<RouteRefusal, string>> = {
  'no-vaccicard-hub': 'no hub is set for Vaccicard registrations (registration.vaccicardHub) for this pharmacy',
  'vaccicard-hub-not-configured': 'the hub for Vaccicard registrations has no address configured',
  'vaccinnet-not-enabled': 'Vaccinnet registration is not enabled for this pharmacy',
  'vaccinnet-not-configured': 'Vaccinnet registration is enabled but no Vaccinnet address is configured',
};
