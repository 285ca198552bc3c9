/**
 * What a hub checks before it reads a request (ehealth-auth.md §8, simulated
 * hub points 1-3): a fresh Timestamp; one SAML assertion issued by the
 * (simulated) eHealth STS, signed by its IAM key and valid now; a signature
 * over Body and Timestamp made with the holder-of-key certificate of that
 * assertion and naming it by AssertionID; and the pharmacy attributes that
 * the request author must match. Failures carry a WS-Security fault code.
 */
import { checkTimestamp, findSecurityHeader } from '../wss/security-header.ts';
import { verifyEnvelopedSignature } from '../wss/enveloped.ts';
import { verifySoapEnvelope } from '../wss/verify.ts';
import { WSSE_FAULT, type WsseFaultCode } from '../wss/namespaces.ts';
import { attributeValue, EHEALTH_STS_ISSUER, readSamlAssertion, type SamlAssertionInfo } from '../wss/saml-assertion.ts';
import { CERTIFIED_NAMESPACE, IDENTIFICATION_NAMESPACE, PHARMACY_ATTRIBUTE } from './iam.ts';

export interface CallerIdentity {
  assertion: SamlAssertionInfo;
  pharmacyNumber: string;
  pharmacistSsin: string;
}

export type SecurityCheckResult = { ok: true; caller: CallerIdentity } | { ok: false; fault: WsseFaultCode; message: string };

export interface SecurityPolicy {
  iamCertificates: readonly string[];
  now: Date;
  /** Tolerated clock skew on NotBefore and the Timestamp. Default 60 s. */
  maxSkewMs?: number;
}

const fail = (fault: WsseFaultCode, message: string): SecurityCheckResult => ({ ok: false, fault, message });

export function checkHubSecurity(envelopeXml: string, document: Document, policy: SecurityPolicy): SecurityCheckResult {
  const skew = policy.maxSkewMs ?? 60_000;
  const header = findSecurityHeader(document);
  if (!header.ok) return fail(WSSE_FAULT.invalidSecurity, header.message);

  const ts = checkTimestamp(header.timestamp, policy.now, { maxSkewMs: skew, maxLifetimeMs: 10 * 60_000 });
  if (!ts.ok) return fail(ts.problem === 'expired' ? WSSE_FAULT.messageExpired : WSSE_FAULT.invalidSecurity, ts.message);

  if (header.assertions.length === 0) return fail(WSSE_FAULT.securityTokenUnavailable, 'no SAML assertion in the Security header');
  if (header.assertions.length > 1) return fail(WSSE_FAULT.invalidSecurityToken, 'more than one SAML assertion');
  const assertionElement = header.assertions[0]!;
  const read = readSamlAssertion(assertionElement);
  if (!read.ok) return fail(WSSE_FAULT.invalidSecurityToken, read.message);
  const assertion = read.assertion;
  if (assertion.issuer !== EHEALTH_STS_ISSUER) return fail(WSSE_FAULT.invalidSecurityToken, 'the assertion was not issued by the eHealth STS');

  const issuerSignature = verifyEnvelopedSignature(envelopeXml, assertionElement, {
    trustedCertificates: policy.iamCertificates,
    idAttribute: 'AssertionID',
  });
  if (!issuerSignature.ok) return fail(WSSE_FAULT.invalidSecurityToken, `assertion signature: ${issuerSignature.message}`);

  const now = policy.now.getTime();
  if (!assertion.notBefore || !assertion.notOnOrAfter) return fail(WSSE_FAULT.invalidSecurityToken, 'the assertion has no validity period');
  if (assertion.notBefore.getTime() > now + skew) return fail(WSSE_FAULT.invalidSecurityToken, 'the assertion is not valid yet');
  if (now >= assertion.notOnOrAfter.getTime()) return fail(WSSE_FAULT.invalidSecurityToken, 'the assertion has expired');

  const hok = assertion.holderOfKeyCertificatePem;
  if (!hok) return fail(WSSE_FAULT.invalidSecurityToken, 'the assertion has no holder-of-key certificate');

  const signature = verifySoapEnvelope(envelopeXml, {
    resolveCertificate: (ref) => (ref.kind === 'saml-assertion-id' && ref.assertionId === assertion.assertionId ? hok : undefined),
  });
  if (!signature.ok) {
    const code = signature.problem === 'unsupported-algorithm' ? WSSE_FAULT.unsupportedAlgorithm : WSSE_FAULT.failedCheck;
    return fail(code, `message signature: ${signature.message}`);
  }
  const kinds = new Set(signature.signedParts.map((p) => p.kind));
  if (!kinds.has('body') || !kinds.has('timestamp')) return fail(WSSE_FAULT.failedCheck, 'the signature must cover the Body and the Timestamp');

  const pharmacyNumber = attributeValue(assertion, PHARMACY_ATTRIBUTE.pharmacyNihii, IDENTIFICATION_NAMESPACE);
  const pharmacistSsin = attributeValue(assertion, PHARMACY_ATTRIBUTE.personSsin, IDENTIFICATION_NAMESPACE);
  if (!pharmacyNumber || !pharmacistSsin) return fail(WSSE_FAULT.failedAuthentication, 'the assertion lacks the pharmacy attributes');
  if (attributeValue(assertion, PHARMACY_ATTRIBUTE.recognisedPharmacy, CERTIFIED_NAMESPACE) !== 'true') {
    return fail(WSSE_FAULT.failedAuthentication, 'the pharmacy is not recognised');
  }
  return { ok: true, caller: { assertion, pharmacyNumber, pharmacistSsin } };
}
