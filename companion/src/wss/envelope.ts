/**
 * Builds a SOAP 1.1 envelope with a wsse:Security header (Timestamp first,
 * then security tokens) and a Body carrying a wsu:Id, ready for
 * `signSoapEnvelope`. Everything is built with fast-xml-parser's XMLBuilder
 * (every value escaped), except the security tokens: a SAML assertion is
 * signed by its issuer and must reach the hub byte for byte, so tokens are
 * spliced in as strings and never re-serialised (ehealth-auth.md §1.9).
 */
import { randomBytes } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import { NS, isSafeXmlId } from './namespaces.ts';
import { certificateBase64 } from '../pki/pem.ts';
import { TOKEN_TYPE } from './namespaces.ts';

/** A fast-xml-parser builder tree (`@_` attributes, `#text` text). */
export type XmlTree = Record<string, unknown>;

export interface TimestampSpec {
  id: string;
  created: Date;
  expires: Date;
}

export interface SecuredEnvelopeInput {
  /** The Body's content as a builder tree (declare its namespaces inside). */
  body: XmlTree;
  bodyId: string;
  timestamp: TimestampSpec;
  /** Token XML inserted verbatim after the Timestamp, in order (SAML assertion, BinarySecurityToken...). */
  tokens?: readonly string[];
}

export const DEFAULT_TIMESTAMP_TTL_MS = 60_000;

export function makeTimestamp(now: Date = new Date(), ttlMs = DEFAULT_TIMESTAMP_TTL_MS, id = newWsuId('TS')): TimestampSpec {
  return { id, created: now, expires: new Date(now.getTime() + ttlMs) };
}

/** A fresh wsu:Id value such as `TS-3f9a...`. */
export function newWsuId(prefix: string): string {
  return `${prefix}-${randomBytes(12).toString('hex')}`;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
  processEntities: true,
});

export function buildSecuredEnvelope(input: SecuredEnvelopeInput): string {
  if (!isSafeXmlId(input.bodyId) || !isSafeXmlId(input.timestamp.id)) throw new Error('unsafe wsu:Id');
  const marker = `splice_${randomBytes(8).toString('hex')}`;
  const tree = {
    'soapenv:Envelope': {
      '@_xmlns:soapenv': NS.soap11,
      '@_xmlns:wsse': NS.wsse,
      '@_xmlns:wsu': NS.wsu,
      'soapenv:Header': {
        'wsse:Security': {
          '@_soapenv:mustUnderstand': '1',
          'wsu:Timestamp': {
            '@_wsu:Id': input.timestamp.id,
            'wsu:Created': input.timestamp.created.toISOString(),
            'wsu:Expires': input.timestamp.expires.toISOString(),
          },
          [marker]: '',
        },
      },
      'soapenv:Body': { '@_wsu:Id': input.bodyId, ...input.body },
    },
  };
  const xml = builder.build(tree) as string;
  const placeholder = `<${marker}/>`;
  const at = xml.indexOf(placeholder);
  if (at < 0 || xml.indexOf(placeholder, at + 1) >= 0) throw new Error('envelope splice marker not found exactly once');
  return xml.slice(0, at) + (input.tokens ?? []).join('') + xml.slice(at + placeholder.length);
}

/** A wsse:BinarySecurityToken holding a certificate (STS calls, §1.3). */
export function binarySecurityTokenXml(certificatePem: string, id: string): string {
  if (!isSafeXmlId(id)) throw new Error('unsafe BinarySecurityToken id');
  return builder.build({
    'wsse:BinarySecurityToken': {
      '@_xmlns:wsse': NS.wsse,
      '@_xmlns:wsu': NS.wsu,
      '@_wsu:Id': id,
      '@_ValueType': TOKEN_TYPE.x509v3,
      '@_EncodingType': TOKEN_TYPE.base64Binary,
      '#text': certificateBase64(certificatePem),
    },
  }) as string;
}
