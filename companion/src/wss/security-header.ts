/**
 * Finds and reads the wsse:Security header of a SOAP 1.1 envelope: its
 * Timestamp, SAML assertions, BinarySecurityTokens and signatures (direct
 * children only: a Signature inside an assertion belongs to the assertion).
 */
import { attributeNS, childElements, firstChild, parseXmlDateTime, textOf } from './dom.ts';
import { NS, TOKEN_TYPE } from './namespaces.ts';
import { certificatePemFromBase64 } from '../pki/pem.ts';

export interface TimestampInfo {
  id?: string;
  created: Date;
  expires?: Date;
  element: Element;
}

export interface BinarySecurityTokenInfo {
  id?: string;
  certificatePem: string;
  element: Element;
}

export interface SecurityHeaderInfo {
  envelope: Element;
  body: Element;
  security: Element;
  timestamp?: TimestampInfo;
  assertions: Element[];
  binarySecurityTokens: BinarySecurityTokenInfo[];
  signatures: Element[];
}

export type SecurityHeaderProblem =
  | 'not-a-soap-envelope'
  | 'no-body'
  | 'no-security-header'
  | 'multiple-security-headers'
  | 'bad-timestamp'
  | 'bad-binary-security-token';

export type FindSecurityHeaderResult =
  | ({ ok: true } & SecurityHeaderInfo)
  | { ok: false; problem: SecurityHeaderProblem; message: string };

export function findSecurityHeader(document: Document): FindSecurityHeaderResult {
  const envelope = document.documentElement;
  if (!envelope || envelope.namespaceURI !== NS.soap11 || envelope.localName !== 'Envelope') {
    return { ok: false, problem: 'not-a-soap-envelope', message: 'the root is not a SOAP 1.1 Envelope' };
  }
  const bodies = childElements(envelope, NS.soap11, 'Body');
  if (bodies.length !== 1) return { ok: false, problem: 'no-body', message: 'the envelope needs exactly one Body' };
  const headers = childElements(envelope, NS.soap11, 'Header');
  const securities = headers.flatMap((h) => childElements(h, NS.wsse, 'Security'));
  if (headers.length > 1 || securities.length > 1) {
    return { ok: false, problem: 'multiple-security-headers', message: 'more than one Header or Security element' };
  }
  const security = securities[0];
  if (!security) return { ok: false, problem: 'no-security-header', message: 'no wsse:Security header' };

  const info: SecurityHeaderInfo = {
    envelope,
    body: bodies[0]!,
    security,
    assertions: childElements(security, NS.saml11, 'Assertion'),
    binarySecurityTokens: [],
    signatures: childElements(security, NS.ds, 'Signature'),
  };

  const timestamps = childElements(security, NS.wsu, 'Timestamp');
  if (timestamps.length > 1) return { ok: false, problem: 'bad-timestamp', message: 'more than one Timestamp' };
  const ts = timestamps[0];
  if (ts) {
    const created = parseXmlDateTime(textOf(firstChild(ts, NS.wsu, 'Created')));
    const expiresText = textOf(firstChild(ts, NS.wsu, 'Expires'));
    const expires = parseXmlDateTime(expiresText);
    if (!created || (expiresText !== undefined && !expires)) {
      return { ok: false, problem: 'bad-timestamp', message: 'Timestamp Created/Expires is not a valid dateTime' };
    }
    info.timestamp = { created, element: ts };
    const id = attributeNS(ts, NS.wsu, 'Id');
    if (id !== undefined) info.timestamp.id = id;
    if (expires) info.timestamp.expires = expires;
  }

  for (const bst of childElements(security, NS.wsse, 'BinarySecurityToken')) {
    const valueType = attributeNS(bst, null, 'ValueType');
    if (valueType !== TOKEN_TYPE.x509v3) {
      return { ok: false, problem: 'bad-binary-security-token', message: 'BinarySecurityToken is not an X509v3 token' };
    }
    try {
      const token: BinarySecurityTokenInfo = { certificatePem: certificatePemFromBase64(textOf(bst) ?? ''), element: bst };
      const id = attributeNS(bst, NS.wsu, 'Id');
      if (id !== undefined) token.id = id;
      info.binarySecurityTokens.push(token);
    } catch {
      return { ok: false, problem: 'bad-binary-security-token', message: 'BinarySecurityToken is not base64' };
    }
  }
  return { ok: true, ...info };
}

export type TimestampCheck =
  | { ok: true }
  | { ok: false; problem: 'missing' | 'expired' | 'created-in-future' | 'lifetime-too-long'; message: string };

export interface TimestampPolicy {
  /** Clock skew tolerated on Created and Expires. Default 5 minutes (§8). */
  maxSkewMs?: number;
  /** Longest Expires - Created accepted. Default 1 hour. */
  maxLifetimeMs?: number;
}

export function checkTimestamp(timestamp: TimestampInfo | undefined, now: Date, policy: TimestampPolicy = {}): TimestampCheck {
  const skew = policy.maxSkewMs ?? 5 * 60_000;
  const maxLifetime = policy.maxLifetimeMs ?? 60 * 60_000;
  if (!timestamp || !timestamp.expires) return { ok: false, problem: 'missing', message: 'a Timestamp with Expires is required' };
  if (timestamp.created.getTime() > now.getTime() + skew) {
    return { ok: false, problem: 'created-in-future', message: 'Timestamp Created is in the future' };
  }
  if (timestamp.expires.getTime() + skew <= now.getTime()) {
    return { ok: false, problem: 'expired', message: 'Timestamp has expired' };
  }
  if (timestamp.expires.getTime() - timestamp.created.getTime() > maxLifetime) {
    return { ok: false, problem: 'lifetime-too-long', message: 'Timestamp lifetime is too long' };
  }
  return { ok: true };
}
