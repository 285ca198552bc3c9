/** WS-Trust 1.3 names as the eHealth STS uses them (ehealth-auth.md §1.4-§1.7). */

export const WST_NS = {
  wst: 'http://docs.oasis-open.org/ws-sx/ws-trust/200512',
  auth: 'http://docs.oasis-open.org/wsfed/authorization/200706',
} as const;

export const WST = {
  tokenTypeSaml11: 'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV1.1',
  requestTypeIssue: 'http://docs.oasis-open.org/ws-sx/ws-trust/200512/Issue',
  claimsDialect: 'http://docs.oasis-open.org/wsfed/authorization/200706/authclaims',
  /** Note "wstrust", not "ws-trust": all three known clients send exactly this. */
  keyTypePublicKey: 'http://docs.oasis-open.org/ws-sx/wstrust/200512/PublicKey',
} as const;

export const STS_SOAP_ACTION = {
  requestSecurityToken: 'urn:be:fgov:ehealth:sts:protocol:v1:RequestSecurityToken',
  challenge: 'urn:be:fgov:ehealth:sts:protocol:v1:Challenge',
} as const;

/** The eHealth I.AM WS-Trust STS (§1.1). */
export const EHEALTH_STS_ENDPOINTS = {
  acceptance: 'https://services-acpt.ehealth.fgov.be/IAM/SecurityTokenService/v1',
  production: 'https://services.ehealth.fgov.be/IAM/SecurityTokenService/v1',
} as const;

export const STS_PATH = '/IAM/SecurityTokenService/v1';
