/**
 * ds:KeyInfo contents of a WS-Security signature:
 * - hub calls: a SecurityTokenReference whose KeyIdentifier names the SAML
 *   assertion by AssertionID (ehealth-auth.md §3.1);
 * - STS calls: a SecurityTokenReference pointing at the BinarySecurityToken
 *   by wsu:Id (§1.3).
 */
import { XMLBuilder } from 'fast-xml-parser';
import { attributeNS, childElements, elementChildren, textOf } from './dom.ts';
import { NS, TOKEN_TYPE, isSafeXmlId } from './namespaces.ts';
import { certificatePemFromBase64 } from '../pki/pem.ts';

export interface SamlAssertionRef {
  kind: 'saml-assertion-id';
  assertionId: string;
}

export interface BinarySecurityTokenRef {
  kind: 'binary-security-token';
  /** wsu:Id of the wsse:BinarySecurityToken (without `#`). */
  tokenId: string;
}

export type KeyInfoReference = SamlAssertionRef | BinarySecurityTokenRef;

/** What a verifier can find in a KeyInfo. */
export type ParsedKeyInfo = KeyInfoReference | { kind: 'x509-certificate'; certificatePem: string };

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true });

/** The KeyInfo content as an XML string; it declares its own namespaces. */
export function keyInfoContentXml(reference: KeyInfoReference): string {
  switch (reference.kind) {
    case 'saml-assertion-id':
      if (!isSafeXmlId(reference.assertionId)) throw new Error('unsafe AssertionID');
      return builder.build({
        'wsse:SecurityTokenReference': {
          '@_xmlns:wsse': NS.wsse,
          '@_xmlns:wsse11': NS.wsse11,
          '@_wsse11:TokenType': TOKEN_TYPE.saml11,
          'wsse:KeyIdentifier': { '@_ValueType': TOKEN_TYPE.samlAssertionId, '#text': reference.assertionId },
        },
      }) as string;
    case 'binary-security-token':
      if (!isSafeXmlId(reference.tokenId)) throw new Error('unsafe BinarySecurityToken id');
      return builder.build({
        'wsse:SecurityTokenReference': {
          '@_xmlns:wsse': NS.wsse,
          'wsse:Reference': { '@_URI': `#${reference.tokenId}`, '@_ValueType': TOKEN_TYPE.x509v3 },
        },
      }) as string;
  }
}

/** Reads a ds:KeyInfo element; undefined when it holds nothing this module understands. */
export function readKeyInfo(keyInfo: Element): ParsedKeyInfo | undefined {
  const str = childElements(keyInfo, NS.wsse, 'SecurityTokenReference')[0];
  if (str) {
    const kids = elementChildren(str);
    if (kids.length !== 1) return undefined;
    const child = kids[0]!;
    if (child.namespaceURI !== NS.wsse) return undefined;
    if (child.localName === 'KeyIdentifier') {
      if (attributeNS(child, null, 'ValueType') !== TOKEN_TYPE.samlAssertionId) return undefined;
      const id = textOf(child)?.trim() ?? '';
      return id ? { kind: 'saml-assertion-id', assertionId: id } : undefined;
    }
    if (child.localName === 'Reference') {
      const uri = attributeNS(child, null, 'URI') ?? '';
      const valueType = attributeNS(child, null, 'ValueType');
      if (!uri.startsWith('#') || uri.length < 2) return undefined;
      if (valueType !== undefined && valueType !== TOKEN_TYPE.x509v3) return undefined;
      return { kind: 'binary-security-token', tokenId: uri.slice(1) };
    }
    return undefined;
  }
  const x509 = childElements(keyInfo, NS.ds, 'X509Data')[0];
  const certificate = x509 ? childElements(x509, NS.ds, 'X509Certificate')[0] : undefined;
  if (certificate) {
    try {
      return { kind: 'x509-certificate', certificatePem: certificatePemFromBase64(textOf(certificate) ?? '') };
    } catch {
      return undefined;
    }
  }
  return undefined;
}
