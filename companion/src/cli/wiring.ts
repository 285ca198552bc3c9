/**
 * The default upstreams of `start`: the simulated hubs with the real hub
 * client (--simulator), or the real hub client against the configured hubs.
 */
import { connectRealHubs } from './real-hubs.ts';
import { connectSimulatedHubs } from './simulated-hubs.ts';
import type { StartWiring } from './start-command.ts';

export const defaultWiring: StartWiring = {
  simulator: (input) => connectSimulatedHubs(input),
  realHubs: (input) => connectRealHubs(input),
};
