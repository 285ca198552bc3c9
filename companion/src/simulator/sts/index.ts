/** SIMULATOR ONLY. The simulated eHealth WS-Trust STS and the keystores it accepts. */
export { startStsSimulator, type StsSimulatorOptions, type RunningStsSimulator, type StsSimulatorStats } from './server.ts';
export { writeSimulatorKeystores, type SimulatorKeystores, type SimulatorKeystoreOptions, type WrittenKeystore } from './keystores.ts';
export { createPharmacyRegistry, type SimulatedPharmacy, type SimulatedPharmacist, type PharmacyRegistry } from './registry.ts';
export type { StsFaultMode, StsFault } from './faults.ts';
export { PERSON_ATTRIBUTE } from './issue.ts';
export { startSimulatedStsChain, type SimulatedStsChain, type SimulatedStsChainOptions, type SimulatedChainPharmacy } from './chain.ts';
