/** The hub client: KMEHR hub services v3 consultation of RSW and RSB over HTTPS + WS-Security. */
export { createHubUpstream, type HubUpstream } from './upstream.ts';
export {
  validateHubUpstreamOptions,
  HubOptionsError,
  DEFAULTS as HUB_CLIENT_DEFAULTS,
  type HubUpstreamOptions,
  type HubEndpoint,
  type PharmacyIdentity,
  type PharmacistIdentity,
  type ApplicationParty,
} from './options.ts';
export { HUB_NS, HUB_PARTY_NUMBERS, HUB_NAMES, soapActionOf, type HubOperation } from './constants.ts';
export { getTransactionListBody, getTransactionBody, authorTree, transactionIdToRequest } from './request.ts';
export { signedEnvelope } from './soap-call.ts';
