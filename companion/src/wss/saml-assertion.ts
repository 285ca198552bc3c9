/**
 * Reads a SAML 1.1 assertion as eHealth's STS issues it (ehealth-auth.md §1.9):
 * AssertionID, Issuer, Conditions, the holder-of-key certificate in the
 * subject confirmation and the attributes. Reading only: an assertion is
 * never rebuilt from what is read here.
 */
import { attributeNS, childElements, descendantsNamed, firstChild, parseXmlDateTime, parseXmlDocument, textOf } from './dom.ts';
import { NS } from './namespaces.ts';
import { certificatePemFromBase64 } from '../pki/pem.ts';

export const SAML11 = {
  holderOfKey: 'urn:oasis:names:tc:SAML:1.0:cm:holder-of-key',
  x509Pki: 'urn:oasis:names:tc:SAML:1.0:am:X509-PKI',
  x509SubjectName: 'urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName',
} as const;

export const EHEALTH_STS_ISSUER = 'urn:be:fgov:ehealth:sts:1_0';

export interface SamlAttribute {
  name: string;
  namespace: string;
  values: string[];
}

export interface SamlAssertionInfo {
  assertionId: string;
  issuer: string;
  issueInstant?: Date;
  notBefore?: Date;
  notOnOrAfter?: Date;
  subjectNameId?: string;
  /** From the AuthenticationStatement's holder-of-key SubjectConfirmation. */
  holderOfKeyCertificatePem?: string;
  attributes: SamlAttribute[];
}

export type ReadAssertionResult = { ok: true; assertion: SamlAssertionInfo } | { ok: false; message: string };

function holderOfKeyCertificate(assertion: Element): string | undefined {
  for (const statement of childElements(assertion, NS.saml11, 'AuthenticationStatement')) {
    const subject = firstChild(statement, NS.saml11, 'Subject');
    const confirmation = subject && firstChild(subject, NS.saml11, 'SubjectConfirmation');
    if (!confirmation) continue;
    const methods = childElements(confirmation, NS.saml11, 'ConfirmationMethod').map((m) => textOf(m)?.trim());
    if (!methods.includes(SAML11.holderOfKey)) continue;
    const keyInfo = firstChild(confirmation, NS.ds, 'KeyInfo');
    const data = keyInfo && firstChild(keyInfo, NS.ds, 'X509Data');
    const certificate = data && firstChild(data, NS.ds, 'X509Certificate');
    if (!certificate) continue;
    try {
      return certificatePemFromBase64(textOf(certificate) ?? '');
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function readSamlAssertion(assertion: Element): ReadAssertionResult {
  if (assertion.namespaceURI !== NS.saml11 || assertion.localName !== 'Assertion') {
    return { ok: false, message: 'not a SAML 1.1 Assertion' };
  }
  if (attributeNS(assertion, null, 'MajorVersion') !== '1' || attributeNS(assertion, null, 'MinorVersion') !== '1') {
    return { ok: false, message: 'not a SAML 1.1 assertion (MajorVersion/MinorVersion)' };
  }
  const assertionId = attributeNS(assertion, null, 'AssertionID');
  const issuer = attributeNS(assertion, null, 'Issuer');
  if (!assertionId || !issuer) return { ok: false, message: 'AssertionID and Issuer are required' };
  const info: SamlAssertionInfo = { assertionId, issuer, attributes: [] };
  const issueInstant = parseXmlDateTime(attributeNS(assertion, null, 'IssueInstant'));
  if (issueInstant) info.issueInstant = issueInstant;
  // Connectors read the validity from the first Conditions element (§1.9).
  const conditions = childElements(assertion, NS.saml11, 'Conditions')[0];
  if (conditions) {
    const nb = parseXmlDateTime(attributeNS(conditions, null, 'NotBefore'));
    const noa = parseXmlDateTime(attributeNS(conditions, null, 'NotOnOrAfter'));
    if (nb) info.notBefore = nb;
    if (noa) info.notOnOrAfter = noa;
  }
  const nameId = descendantsNamed(assertion, NS.saml11, 'NameIdentifier')[0];
  if (nameId) info.subjectNameId = textOf(nameId)?.trim() ?? '';
  const hok = holderOfKeyCertificate(assertion);
  if (hok) info.holderOfKeyCertificatePem = hok;
  for (const statement of childElements(assertion, NS.saml11, 'AttributeStatement')) {
    for (const attribute of childElements(statement, NS.saml11, 'Attribute')) {
      info.attributes.push({
        name: attributeNS(attribute, null, 'AttributeName') ?? '',
        namespace: attributeNS(attribute, null, 'AttributeNamespace') ?? '',
        values: childElements(attribute, NS.saml11, 'AttributeValue').map((v) => textOf(v)?.trim() ?? ''),
      });
    }
  }
  return { ok: true, assertion: info };
}

/** Parses a standalone assertion string (e.g. a cached token) and reads it. */
export function readSamlAssertionXml(assertionXml: string): ReadAssertionResult {
  const parsed = parseXmlDocument(assertionXml);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  return readSamlAssertion(parsed.document.documentElement!);
}

/** The single value of an attribute, or undefined when absent or multi-valued. */
export function attributeValue(info: SamlAssertionInfo, name: string, namespace?: string): string | undefined {
  const matches = info.attributes.filter((a) => a.name === name && (namespace === undefined || a.namespace === namespace));
  if (matches.length !== 1 || matches[0]!.values.length !== 1) return undefined;
  return matches[0]!.values[0];
}
