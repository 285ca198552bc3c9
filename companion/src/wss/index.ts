/**
 * WS-Security primitives shared by the hub client, the simulated hubs and
 * (later) the eHealth STS client and its simulator.
 */
export { NS, ALGORITHM, TOKEN_TYPE, WSSE_FAULT, isSafeXmlId, type WsseFaultCode } from './namespaces.ts';
export { parseXmlDocument, parseXmlDateTime, type DomParseResult } from './dom.ts';
export {
  keyInfoContentXml,
  readKeyInfo,
  type KeyInfoReference,
  type SamlAssertionRef,
  type BinarySecurityTokenRef,
  type ParsedKeyInfo,
} from './key-info.ts';
export {
  buildSecuredEnvelope,
  binarySecurityTokenXml,
  makeTimestamp,
  newWsuId,
  DEFAULT_TIMESTAMP_TTL_MS,
  type SecuredEnvelopeInput,
  type TimestampSpec,
  type XmlTree,
} from './envelope.ts';
export { signSoapEnvelope, WssSignError, type SignSoapEnvelopeOptions } from './sign.ts';
export {
  verifySoapEnvelope,
  type VerifySoapEnvelopeOptions,
  type SoapVerifyResult,
  type SoapVerifyProblem,
  type SignedPart,
  type SignedPartKind,
} from './verify.ts';
export {
  findSecurityHeader,
  checkTimestamp,
  type SecurityHeaderInfo,
  type TimestampInfo,
  type TimestampCheck,
  type TimestampPolicy,
  type BinarySecurityTokenInfo,
  type FindSecurityHeaderResult,
} from './security-header.ts';
export {
  signEnvelopedElement,
  verifyEnvelopedSignature,
  verifyEnvelopedDocument,
  type SignEnvelopedOptions,
  type VerifyEnvelopedOptions,
  type EnvelopedVerifyResult,
  type EnvelopedVerifyProblem,
} from './enveloped.ts';
export {
  readSamlAssertion,
  readSamlAssertionXml,
  attributeValue,
  SAML11,
  EHEALTH_STS_ISSUER,
  type SamlAssertionInfo,
  type SamlAttribute,
  type ReadAssertionResult,
} from './saml-assertion.ts';
