/**
 * The registration channels of a running companion: one Vaccicard channel
 * per hub that has an address (through the hub client's PutTransaction),
 * and the Vaccinnet channel when a Vaccinnet client exists.
 */
import type { HubId } from '../../../lib/vaccination.ts';
import type { HubRegistrationClient } from '../hub/registration-client.ts';
import type { ChannelLookup, RegistrationChannel } from '../registration/channel.ts';
import { createHubChannel } from '../registration/hub-channel.ts';
import type { AvailableChannels } from '../registration/routing.ts';
import { createVaccinnetChannel } from '../registration/vaccinnet-channel.ts';
import type { VaccinnetClient } from '../vaccinnet/client.ts';

export function registrationChannels(hubs: HubRegistrationClient, vaccinnet: VaccinnetClient | undefined): { channels: ChannelLookup; available: AvailableChannels } {
  const byHub = new Map<HubId, RegistrationChannel>(hubs.hubs.map((hub) => [hub, createHubChannel(hubs, hub)]));
  const vaccinnetChannel = vaccinnet && createVaccinnetChannel(vaccinnet);
  return {
    channels: (destination, hub) => (destination === 'vaccinnet' ? vaccinnetChannel : hub ? byHub.get(hub) : undefined),
    available: { hubs: [...byHub.keys()], vaccinnet: vaccinnetChannel !== undefined },
  };
}
