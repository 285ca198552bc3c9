/**
 * One ds:Signature in the wsse:Security header over the elements named by
 * their wsu:Id (Body and Timestamp for hub calls; plus the BinarySecurityToken
 * for STS calls). Exclusive c14n, RSA-SHA256, SHA-256 digests
 * (ehealth-auth.md §1.3, §3.1, §7).
 *
 * xml-crypto computes the signature on its own DOM copy; only the resulting
 * ds:Signature element is spliced into the caller's envelope string, so every
 * other byte (the SAML assertion above all) stays exactly as the caller built it.
 */
import { SignedXml } from 'xml-crypto';
import { parseXmlDocument, attributeNS, descendants } from './dom.ts';
import { ALGORITHM, NS, isSafeXmlId } from './namespaces.ts';
import { keyInfoContentXml, type KeyInfoReference } from './key-info.ts';
import { findSecurityHeader } from './security-header.ts';

export interface SignSoapEnvelopeOptions {
  /** PEM private key (the holder-of-key key for hub calls). */
  privateKeyPem: string;
  keyInfo: KeyInfoReference;
  /** wsu:Id values of the elements to sign, e.g. [bodyId, timestampId]. */
  references: readonly string[];
  /** Default RSA-SHA256. */
  signatureAlgorithm?: 'rsa-sha256' | 'rsa-sha1';
}

export class WssSignError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WssSignError';
  }
}

function wsuIdCount(document: Document, id: string): number {
  const root = document.documentElement!;
  return [root, ...descendants(root)].filter((e) => attributeNS(e, NS.wsu, 'Id') === id).length;
}

/** Returns the envelope with the ds:Signature appended as the last child of wsse:Security. */
export function signSoapEnvelope(envelopeXml: string, options: SignSoapEnvelopeOptions): string {
  const parsed = parseXmlDocument(envelopeXml);
  if (!parsed.ok) throw new WssSignError(`cannot sign: ${parsed.message}`);
  const header = findSecurityHeader(parsed.document);
  if (!header.ok) throw new WssSignError(`cannot sign: ${header.message}`);
  if (options.references.length === 0) throw new WssSignError('nothing to sign');
  for (const id of options.references) {
    if (!isSafeXmlId(id)) throw new WssSignError('unsafe wsu:Id');
    if (wsuIdCount(parsed.document, id) !== 1) throw new WssSignError(`wsu:Id ${id} must be on exactly one element`);
  }

  const securityTag = header.security.tagName;
  const closing = `</${securityTag}>`;
  const at = envelopeXml.indexOf(closing);
  if (at < 0 || envelopeXml.indexOf(closing, at + 1) >= 0) {
    throw new WssSignError('the Security header must be written with one explicit closing tag');
  }

  const signer = new SignedXml({
    privateKey: options.privateKeyPem,
    idMode: 'wssecurity',
    canonicalizationAlgorithm: ALGORITHM.excC14n,
    signatureAlgorithm: options.signatureAlgorithm === 'rsa-sha1' ? ALGORITHM.rsaSha1 : ALGORITHM.rsaSha256,
    getKeyInfoContent: () => keyInfoContentXml(options.keyInfo),
  });
  for (const id of options.references) {
    signer.addReference({
      xpath: `//*[@*[local-name()='Id' and namespace-uri()='${NS.wsu}']='${id}']`,
      transforms: [ALGORITHM.excC14n],
      digestAlgorithm: options.signatureAlgorithm === 'rsa-sha1' ? ALGORITHM.sha1 : ALGORITHM.sha256,
    });
  }
  signer.computeSignature(envelopeXml, {
    prefix: 'ds',
    location: { reference: `//*[local-name()='Security' and namespace-uri()='${NS.wsse}']`, action: 'append' },
  });
  return envelopeXml.slice(0, at) + signer.getSignatureXml() + envelopeXml.slice(at);
}
