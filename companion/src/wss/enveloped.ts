/**
 * Enveloped XML signatures over one element identified by an id attribute:
 * the simulated IAM signs its SAML 1.1 assertions this way (AssertionID), and
 * a SAML-P request is signed the same way (RequestID). The verifier trusts
 * only the certificates it is given, never a certificate found in KeyInfo.
 */
import { SignedXml } from 'xml-crypto';
import { attributeNS, childElements, elementsWithId, parseXmlDocument } from './dom.ts';
import { ALGORITHM, NS, isSafeXmlId } from './namespaces.ts';
import { certificateBase64 } from '../pki/pem.ts';

export interface SignEnvelopedOptions {
  privateKeyPem: string;
  /** Published in KeyInfo/X509Data (informative; verifiers use their trust list). */
  certificatePem: string;
  /** Name of the id attribute of the signed element, e.g. `AssertionID`. */
  idAttribute: string;
  /** Its value. */
  id: string;
}

/** Signs the element carrying `idAttribute="id"`; the ds:Signature becomes its last child. */
export function signEnvelopedElement(xml: string, options: SignEnvelopedOptions): string {
  if (!isSafeXmlId(options.id) || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(options.idAttribute)) throw new Error('unsafe id');
  const signer = new SignedXml({
    privateKey: options.privateKeyPem,
    publicCert: options.certificatePem,
    idAttribute: options.idAttribute,
    canonicalizationAlgorithm: ALGORITHM.excC14n,
    signatureAlgorithm: ALGORITHM.rsaSha256,
    getKeyInfoContent: ({ prefix } = {}) => {
      const p = prefix ? `${prefix}:` : '';
      return `<${p}X509Data><${p}X509Certificate>${certificateBase64(options.certificatePem)}</${p}X509Certificate></${p}X509Data>`;
    },
  });
  const xpath = `//*[@${options.idAttribute}='${options.id}']`;
  signer.addReference({ xpath, transforms: [ALGORITHM.envelopedSignature, ALGORITHM.excC14n], digestAlgorithm: ALGORITHM.sha256 });
  signer.computeSignature(xml, { prefix: 'ds', location: { reference: xpath, action: 'append' } });
  return signer.getSignedXml();
}

export type EnvelopedVerifyProblem =
  | 'no-signature'
  | 'multiple-signatures'
  | 'unsupported-algorithm'
  | 'bad-reference'
  | 'duplicate-id'
  | 'untrusted-signer'
  | 'digest-mismatch';

export type EnvelopedVerifyResult =
  | { ok: true; certificatePem: string }
  | { ok: false; problem: EnvelopedVerifyProblem; message: string };

export interface VerifyEnvelopedOptions {
  /** Certificates whose key may have signed (e.g. the IAM certificate). */
  trustedCertificates: readonly string[];
  idAttribute: string;
}

/**
 * Verifies the enveloped signature that is a direct child of `element`.
 * `documentXml` is the text `element` was parsed from (xml-crypto re-parses it).
 */
export function verifyEnvelopedSignature(documentXml: string, element: Element, options: VerifyEnvelopedOptions): EnvelopedVerifyResult {
  const signatures = childElements(element, NS.ds, 'Signature');
  if (signatures.length === 0) return { ok: false, problem: 'no-signature', message: 'the element is not signed' };
  if (signatures.length > 1) return { ok: false, problem: 'multiple-signatures', message: 'the element carries more than one signature' };
  const signature = signatures[0]!;
  const id = attributeNS(element, null, options.idAttribute);
  if (!id) return { ok: false, problem: 'bad-reference', message: `the element has no ${options.idAttribute}` };

  const signedInfo = childElements(signature, NS.ds, 'SignedInfo');
  const si = signedInfo[0];
  if (signedInfo.length !== 1 || !si) return { ok: false, problem: 'bad-reference', message: 'Signature needs exactly one SignedInfo' };
  const c14n = childElements(si, NS.ds, 'CanonicalizationMethod')[0];
  const method = childElements(si, NS.ds, 'SignatureMethod')[0];
  if (!c14n || attributeNS(c14n, null, 'Algorithm') !== ALGORITHM.excC14n || !method || attributeNS(method, null, 'Algorithm') !== ALGORITHM.rsaSha256) {
    return { ok: false, problem: 'unsupported-algorithm', message: 'only exclusive c14n with RSA-SHA256 is accepted' };
  }
  const references = childElements(si, NS.ds, 'Reference');
  const ref = references[0];
  if (references.length !== 1 || !ref || attributeNS(ref, null, 'URI') !== `#${id}`) {
    return { ok: false, problem: 'bad-reference', message: 'the signature must reference exactly the signed element' };
  }
  const transformsElement = childElements(ref, NS.ds, 'Transforms')[0];
  const transforms = transformsElement ? childElements(transformsElement, NS.ds, 'Transform').map((t) => attributeNS(t, null, 'Algorithm')) : [];
  if (transforms.length !== 2 || transforms[0] !== ALGORITHM.envelopedSignature || transforms[1] !== ALGORITHM.excC14n) {
    return { ok: false, problem: 'unsupported-algorithm', message: 'expected the enveloped-signature and exclusive c14n transforms' };
  }
  const digest = childElements(ref, NS.ds, 'DigestMethod')[0];
  if (!digest || attributeNS(digest, null, 'Algorithm') !== ALGORITHM.sha256) {
    return { ok: false, problem: 'unsupported-algorithm', message: 'expected a SHA-256 digest' };
  }
  const document = element.ownerDocument;
  if (!document || elementsWithId(document, id, options.idAttribute).length !== 1) {
    return { ok: false, problem: 'duplicate-id', message: 'the signed id is carried by more than one element' };
  }

  let digestFailed = false;
  for (const certificatePem of options.trustedCertificates) {
    const verifier = new SignedXml({ publicCert: certificatePem });
    // Duplicates over Id, ID, id and idAttribute were refused above; xml-crypto resolves by idAttribute only.
    verifier.idAttributes = [options.idAttribute];
    try {
      verifier.loadSignature(signature);
      if (verifier.checkSignature(documentXml)) return { ok: true, certificatePem };
      digestFailed = true;
    } catch {
      // wrong key for this certificate: try the next trusted one
    }
  }
  if (digestFailed) return { ok: false, problem: 'digest-mismatch', message: 'the signed element was changed after signing' };
  return { ok: false, problem: 'untrusted-signer', message: 'the signature was not made by a trusted key' };
}

/** Parses `xml` and verifies the enveloped signature of its root element. */
export function verifyEnvelopedDocument(xml: string, options: VerifyEnvelopedOptions): EnvelopedVerifyResult | { ok: false; problem: 'malformed-xml'; message: string } {
  const parsed = parseXmlDocument(xml);
  if (!parsed.ok) return { ok: false, problem: 'malformed-xml', message: parsed.message };
  return verifyEnvelopedSignature(xml, parsed.document.documentElement!, options);
}
