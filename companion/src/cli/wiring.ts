/**
 * The default upstreams of `start`: the simulated hubs with the real hub
 * client (--simulator), or the real hub client against the configured hubs.
 * The simulator (its hubs, STS, test PKI, XSD validation) is loaded only with
 * --simulator: a pharmacy's companion never holds its code.
 */
import { connectRealHubs } from './real-hubs.ts';
import type { StartWiring } from './start-command.ts';

export const defaultWiring: StartWiring = {
  simulator: async (input) => (await import('./simulated-hubs.ts')).connectSimulatedHubs(input),
  realHubs: (input) => connectRealHubs(input),
};
