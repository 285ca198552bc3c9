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
export { putTransactionBody, revokeTransactionBody, spliceRaw } from './registration-request.ts';
export { parsePutTransactionResponse, parseRevokeTransactionResponse } from './registration-response.ts';
export { createHubRegistrationClient, type HubRegistrationClient, type HubPutResult, type HubRevokeResult, type HubFindResult } from './registration-client.ts';
export { kmehrAsCoreElement, KmehrEmbedError } from './kmehr-embed.ts';
