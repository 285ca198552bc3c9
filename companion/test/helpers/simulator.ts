/** Starts the simulated hubs and a real hub client pointed at them. */
import { createHubUpstream, type HubUpstream, type HubUpstreamOptions } from '../../src/hub/index.ts';
import { startSimulatedHubs, type ReceivedRequest, type SimulatedHubs, type StartSimulatedHubsOptions } from '../../src/simulator/index.ts';
import type { TokenProvider } from '../../src/token-provider.ts';

export const TEST_APPLICATION = { softwareId: 'vaccicard-companion-test', name: 'Vaccicard companion', version: '0.0.0-test' };

export function clientFor(sim: SimulatedHubs, overrides: Partial<HubUpstreamOptions> & { tokenProvider?: TokenProvider } = {}): HubUpstream {
  return createHubUpstream({
    endpoints: { rsw: { url: sim.rsw.url, caPem: sim.caCertPem }, rsb: { url: sim.rsb.url, caPem: sim.caCertPem } },
    pharmacy: {
      pharmacyNumber: sim.pharmacy.pharmacyNumber,
      pharmacyName: sim.pharmacy.pharmacyName,
      pharmacist: {
        riziv: sim.pharmacy.pharmacistRiziv,
        inss: sim.pharmacy.pharmacistSsin,
        firstName: sim.pharmacy.pharmacistFirstName,
        familyName: sim.pharmacy.pharmacistFamilyName,
      },
    },
    application: TEST_APPLICATION,
    tokenProvider: sim.tokenProvider,
    timeoutMs: 5_000,
    ...overrides,
  });
}

export interface SimulatorFixture {
  sim: SimulatedHubs;
  received: ReceivedRequest[];
}

export async function startFixture(options: StartSimulatedHubsOptions = {}): Promise<SimulatorFixture> {
  const received: ReceivedRequest[] = [];
  const sim = await startSimulatedHubs({ ...options, onRequest: (r) => received.push(r) });
  return { sim, received };
}
