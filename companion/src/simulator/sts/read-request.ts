/**
 * SIMULATOR ONLY. Reads the two WS-Trust bodies the STS accepts: the Issue
 * RequestSecurityToken (claims, lifetime, key type, UseKey certificate) and
 * the RequestSecurityTokenResponse that answers a SignChallenge.
 */
import { attributeNS, childElements, firstChild, parseXmlDateTime, textOf } from '../../wss/dom.ts';
import { NS } from '../../wss/namespaces.ts';
import { certificatePemFromBase64 } from '../../pki/pem.ts';
import { WST, WST_NS } from '../../ehealth/ws-trust.ts';

export interface IssueRequest {
  context: string;
  /** URI → values (empty for a requested designator). */
  claims: Map<string, string[]>;
  requestedExpires?: Date;
  useKeyCertificatePem: string;
}

export interface ChallengeAnswer {
  context: string;
  challenge: string;
}

export type ReadResult<T> = { ok: true; value: T } | { ok: false; text: string };

export function readIssueRequest(payload: Element): ReadResult<IssueRequest> {
  if (payload.namespaceURI !== WST_NS.wst || payload.localName !== 'RequestSecurityToken') {
    return { ok: false, text: 'expected a wst:RequestSecurityToken' };
  }
  const text = (name: string) => textOf(firstChild(payload, WST_NS.wst, name))?.trim();
  if (text('TokenType') !== WST.tokenTypeSaml11) return { ok: false, text: 'TokenType must be SAML 1.1' };
  if (text('RequestType') !== WST.requestTypeIssue) return { ok: false, text: 'only RequestType Issue is supported' };
  if (text('KeyType') !== WST.keyTypePublicKey) return { ok: false, text: 'KeyType must be PublicKey (holder-of-key)' };
  const context = attributeNS(payload, null, 'Context') ?? '';
  if (!/^[\x21-\x7e]{1,200}$/.test(context)) return { ok: false, text: 'a Context attribute is required' };

  const claimsElement = firstChild(payload, WST_NS.wst, 'Claims');
  if (!claimsElement || attributeNS(claimsElement, null, 'Dialect') !== WST.claimsDialect) {
    return { ok: false, text: 'Claims with the authclaims Dialect are required' };
  }
  const claims = new Map<string, string[]>();
  for (const claim of childElements(claimsElement, WST_NS.auth, 'ClaimType')) {
    const uri = attributeNS(claim, null, 'Uri');
    if (!uri) return { ok: false, text: 'a ClaimType without Uri' };
    const values = childElements(claim, WST_NS.auth, 'Value').map((v) => textOf(v)?.trim() ?? '');
    claims.set(uri, [...(claims.get(uri) ?? []), ...values.flatMap((v) => v.split(';'))]);
  }

  const useKey = firstChild(payload, WST_NS.wst, 'UseKey');
  const str = useKey && firstChild(useKey, NS.wsse, 'SecurityTokenReference');
  const data = str && firstChild(str, NS.ds, 'X509Data');
  const certificate = data && firstChild(data, NS.ds, 'X509Certificate');
  let useKeyCertificatePem: string;
  try {
    useKeyCertificatePem = certificatePemFromBase64(textOf(certificate) ?? '');
  } catch {
    return { ok: false, text: 'UseKey must carry the holder-of-key X509Certificate' };
  }

  const request: IssueRequest = { context, claims, useKeyCertificatePem };
  const lifetime = firstChild(payload, WST_NS.wst, 'Lifetime');
  if (lifetime) {
    const expires = parseXmlDateTime(textOf(firstChild(lifetime, NS.wsu, 'Expires')));
    if (!expires) return { ok: false, text: 'Lifetime/Expires is not a dateTime' };
    request.requestedExpires = expires;
  }
  return { ok: true, value: request };
}

export function readChallengeAnswer(payload: Element): ReadResult<ChallengeAnswer> {
  if (payload.namespaceURI !== WST_NS.wst || payload.localName !== 'RequestSecurityTokenResponse') {
    return { ok: false, text: 'expected a wst:RequestSecurityTokenResponse' };
  }
  const context = attributeNS(payload, null, 'Context');
  const response = firstChild(payload, WST_NS.wst, 'SignChallengeResponse');
  const challenge = response && textOf(firstChild(response, WST_NS.wst, 'Challenge'));
  if (!context || !challenge) return { ok: false, text: 'SignChallengeResponse needs a Context and the Challenge' };
  return { ok: true, value: { context, challenge } };
}
