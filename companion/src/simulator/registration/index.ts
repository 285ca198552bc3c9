/** The simulated registration side: hub PutTransaction/RevokeTransaction, a simulated Vaccinnet, their shared store and faults. */
export { SimulatedRegistrationStore, StoredRegistration, SimulatedUpstream, type StoreInput, type StoreOutcome } from './store.ts';
export { FaultInjector, RegistrationFaultPlan, FaultStep, type RegistrationFaultPlanInput, type FaultDecision } from './faults.ts';
export { checkReceivedKmehr, validateKmehrXsd, type ReceivedKmehr } from './kmehr-check.ts';
export {
  answerRegistrationCall,
  readRegistrationHubRequest,
  standaloneKmehrFromEnvelope,
  putTransactionResponse,
  revokeTransactionResponse,
  SIMULATED_HUB_TRANSACTION_SL,
  INVALID_KMEHR_CODE,
  type RegistrationEvent,
} from './hub-registration.ts';
export { startSimulatedVaccinnet, VACCINNET_SERVICE_PATH, type SimulatedVaccinnet } from './vaccinnet-server.ts';
export { storedTransactions } from './stored-transactions.ts';
