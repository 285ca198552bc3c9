/** Namespaces, algorithms and token types of SOAP 1.1 + WS-Security 1.0/1.1 as eHealth uses them (ehealth-auth.md §1.3, §3.1). */

export const NS = {
  soap11: 'http://schemas.xmlsoap.org/soap/envelope/',
  wsse: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
  wsu: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd',
  wsse11: 'http://docs.oasis-open.org/wss/oasis-wss-wssecurity-secext-1.1.xsd',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  saml11: 'urn:oasis:names:tc:SAML:1.0:assertion',
} as const;

export const ALGORITHM = {
  excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  envelopedSignature: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  rsaSha1: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
} as const;

export const TOKEN_TYPE = {
  /** KeyIdentifier ValueType that names a SAML 1.1 assertion by its AssertionID. */
  samlAssertionId: 'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.0#SAMLAssertionID',
  /** wsse11:TokenType of a SecurityTokenReference to a SAML 1.1 assertion. */
  saml11: 'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV1.1',
  x509v3: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3',
  base64Binary: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary',
} as const;

/** Standard WS-Security fault codes (local names in the wsse namespace). */
export const WSSE_FAULT = {
  unsupportedSecurityToken: 'UnsupportedSecurityToken',
  unsupportedAlgorithm: 'UnsupportedAlgorithm',
  invalidSecurity: 'InvalidSecurity',
  invalidSecurityToken: 'InvalidSecurityToken',
  failedAuthentication: 'FailedAuthentication',
  failedCheck: 'FailedCheck',
  securityTokenUnavailable: 'SecurityTokenUnavailable',
  messageExpired: 'MessageExpired',
} as const;
export type WsseFaultCode = (typeof WSSE_FAULT)[keyof typeof WSSE_FAULT];

/** An id usable as wsu:Id / AssertionID and safe inside an XPath literal. */
export function isSafeXmlId(id: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_.-]{0,200}$/.test(id);
}
