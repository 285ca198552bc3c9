/**
 * Verifies the WS-Security signature of a SOAP envelope the way a service
 * would: exactly one ds:Signature directly in wsse:Security, only exclusive
 * c14n and RSA-SHA256 (SHA-1 on request), same-document references that each
 * resolve to exactly one element, and a key found through KeyInfo. The result
 * says which parts were signed (Body, Timestamp, BinarySecurityToken) so the
 * caller can insist on the parts its policy needs.
 */
import { SignedXml } from 'xml-crypto';
import { attributeNS, childElements, elementsWithId, parseXmlDocument } from './dom.ts';
import { ALGORITHM, NS } from './namespaces.ts';
import { readKeyInfo, type KeyInfoReference, type ParsedKeyInfo } from './key-info.ts';
import { findSecurityHeader, type SecurityHeaderInfo } from './security-header.ts';

export type SignedPartKind = 'body' | 'timestamp' | 'binary-security-token' | 'saml-assertion' | 'other';

export interface SignedPart {
  id: string;
  kind: SignedPartKind;
}

export type SoapVerifyProblem =
  | 'malformed-xml'
  | 'no-security-header'
  | 'no-signature'
  | 'multiple-signatures'
  | 'unsupported-algorithm'
  | 'bad-reference'
  | 'duplicate-id'
  | 'unknown-key'
  | 'digest-mismatch'
  | 'signature-mismatch';

export type SoapVerifyResult =
  | {
      ok: true;
      /** What KeyInfo named. */
      keyInfo: ParsedKeyInfo;
      /** The certificate the signature verified against. */
      certificatePem: string;
      signedParts: SignedPart[];
      signatureAlgorithm: string;
    }
  | { ok: false; problem: SoapVerifyProblem; message: string };

export interface VerifySoapEnvelopeOptions {
  /**
   * The certificate for a KeyInfo reference. BinarySecurityToken references
   * resolve from the header when this returns undefined; an inline
   * X509Certificate is used only when `trustInlineCertificate` is set.
   */
  resolveCertificate?: (reference: KeyInfoReference, header: SecurityHeaderInfo) => string | undefined;
  trustInlineCertificate?: boolean;
  /** Accept RSA-SHA1 / SHA-1 (older STS clients). Default false. */
  allowSha1?: boolean;
}

const fail = (problem: SoapVerifyProblem, message: string): SoapVerifyResult => ({ ok: false, problem, message });

function checkAlgorithms(signature: Element, allowSha1: boolean): string | { problem: SoapVerifyProblem; message: string } {
  const signedInfo = childElements(signature, NS.ds, 'SignedInfo');
  if (signedInfo.length !== 1) return { problem: 'bad-reference', message: 'Signature needs exactly one SignedInfo' };
  const si = signedInfo[0]!;
  const c14n = childElements(si, NS.ds, 'CanonicalizationMethod')[0];
  if (!c14n || attributeNS(c14n, null, 'Algorithm') !== ALGORITHM.excC14n) {
    return { problem: 'unsupported-algorithm', message: 'SignedInfo must use exclusive c14n' };
  }
  const method = childElements(si, NS.ds, 'SignatureMethod')[0];
  const algorithm = method ? attributeNS(method, null, 'Algorithm') : undefined;
  const allowedSignature: string[] = [ALGORITHM.rsaSha256, ...(allowSha1 ? [ALGORITHM.rsaSha1] : [])];
  if (!algorithm || !allowedSignature.includes(algorithm)) {
    return { problem: 'unsupported-algorithm', message: 'unsupported signature algorithm' };
  }
  const allowedDigest: string[] = [ALGORITHM.sha256, ...(allowSha1 ? [ALGORITHM.sha1] : [])];
  const references = childElements(si, NS.ds, 'Reference');
  if (references.length === 0) return { problem: 'bad-reference', message: 'Signature has no Reference' };
  for (const ref of references) {
    const uri = attributeNS(ref, null, 'URI') ?? '';
    if (!/^#[A-Za-z_][A-Za-z0-9_.-]*$/.test(uri)) return { problem: 'bad-reference', message: 'only same-document #id references are accepted' };
    const transforms = childElements(ref, NS.ds, 'Transforms')[0];
    const transformList = transforms ? childElements(transforms, NS.ds, 'Transform').map((t) => attributeNS(t, null, 'Algorithm')) : [];
    if (transformList.length !== 1 || transformList[0] !== ALGORITHM.excC14n) {
      return { problem: 'unsupported-algorithm', message: 'each Reference must use exactly the exclusive c14n transform' };
    }
    const digest = childElements(ref, NS.ds, 'DigestMethod')[0];
    const digestAlgorithm = digest ? attributeNS(digest, null, 'Algorithm') : undefined;
    if (!digestAlgorithm || !allowedDigest.includes(digestAlgorithm)) {
      return { problem: 'unsupported-algorithm', message: 'unsupported digest algorithm' };
    }
  }
  return algorithm;
}

function classify(element: Element, header: SecurityHeaderInfo): SignedPartKind {
  if (element === header.body) return 'body';
  if (element.parentNode === header.security) {
    if (header.timestamp && element === header.timestamp.element) return 'timestamp';
    if (header.binarySecurityTokens.some((t) => t.element === element)) return 'binary-security-token';
    if (header.assertions.includes(element)) return 'saml-assertion';
  }
  return 'other';
}

export function verifySoapEnvelope(envelopeXml: string, options: VerifySoapEnvelopeOptions = {}): SoapVerifyResult {
  const parsed = parseXmlDocument(envelopeXml);
  if (!parsed.ok) return fail('malformed-xml', parsed.message);
  const header = findSecurityHeader(parsed.document);
  if (!header.ok) {
    return fail(header.problem === 'no-security-header' ? 'no-security-header' : 'malformed-xml', header.message);
  }
  if (header.signatures.length === 0) return fail('no-signature', 'no ds:Signature in the Security header');
  if (header.signatures.length > 1) return fail('multiple-signatures', 'more than one ds:Signature in the Security header');
  const signature = header.signatures[0]!;

  const algorithm = checkAlgorithms(signature, options.allowSha1 ?? false);
  if (typeof algorithm !== 'string') return fail(algorithm.problem, algorithm.message);

  const keyInfoElement = childElements(signature, NS.ds, 'KeyInfo')[0];
  const keyInfo = keyInfoElement ? readKeyInfo(keyInfoElement) : undefined;
  if (!keyInfo) return fail('unknown-key', 'KeyInfo names no key this service understands');
  let certificatePem: string | undefined;
  if (keyInfo.kind === 'x509-certificate') {
    if (options.trustInlineCertificate) certificatePem = keyInfo.certificatePem;
  } else {
    certificatePem = options.resolveCertificate?.(keyInfo, header);
    if (certificatePem === undefined && keyInfo.kind === 'binary-security-token') {
      certificatePem = header.binarySecurityTokens.find((t) => t.id === keyInfo.tokenId)?.certificatePem;
    }
  }
  if (!certificatePem) return fail('unknown-key', 'the signing key could not be resolved');

  const signedInfo = childElements(signature, NS.ds, 'SignedInfo')[0]!;
  const signedParts: SignedPart[] = [];
  for (const ref of childElements(signedInfo, NS.ds, 'Reference')) {
    const id = attributeNS(ref, null, 'URI')!.slice(1);
    const targets = elementsWithId(parsed.document, id);
    if (targets.length === 0) return fail('bad-reference', 'a Reference points at no element');
    if (targets.length > 1) return fail('duplicate-id', 'a Reference id is carried by more than one element');
    signedParts.push({ id, kind: classify(targets[0]!, header) });
  }
  if (new Set(signedParts.map((p) => p.id)).size !== signedParts.length) {
    return fail('bad-reference', 'the same element is referenced twice');
  }

  const verifier = new SignedXml({ publicCert: certificatePem });
  // References were resolved and checked for duplicates above (Id, ID, id in any
  // namespace); one attribute name keeps xml-crypto from scanning the document three times.
  verifier.idAttributes = ['Id'];
  try {
    verifier.loadSignature(signature);
    const valid = verifier.checkSignature(envelopeXml);
    if (!valid) return fail('digest-mismatch', 'a signed part was changed after signing');
  } catch (error) {
    const message = String((error as Error)?.message ?? error);
    if (/signature value .* is incorrect/i.test(message)) return fail('signature-mismatch', 'the signature does not verify with the key');
    if (/multiple elements with the same value/i.test(message)) return fail('duplicate-id', 'duplicate ids in the document');
    return fail('signature-mismatch', 'the signature could not be verified');
  }
  return { ok: true, keyInfo, certificatePem, signedParts, signatureAlgorithm: algorithm };
}
