/**
 * Reads what the STS answered (ehealth-auth.md §1.5, §1.6): a SOAP fault, a
 * SignChallenge to answer with the holder-of-key key, or the issued
 * assertion, which is cut out of the text verbatim (assertion-slice.ts).
 */
import { attributeNS, childElements, descendantsNamed, elementChildren, firstChild, parseXmlDocument, textOf } from '../wss/dom.ts';
import { NS } from '../wss/namespaces.ts';
import { sliceIssuedAssertion } from './assertion-slice.ts';
import { WST_NS } from './ws-trust.ts';

export type StsAnswer =
  | { kind: 'fault'; faultCode: string; faultString: string }
  | { kind: 'challenge'; context: string; challenge: string }
  | { kind: 'token'; assertionXml: string }
  | { kind: 'malformed'; message: string };

/** The local part of a fault code (`wsse:FailedAuthentication` → `FailedAuthentication`). */
export function faultCodeLocalName(code: string): string {
  const colon = code.lastIndexOf(':');
  return colon === -1 ? code : code.slice(colon + 1);
}

export function readStsAnswer(xml: string): StsAnswer {
  const parsed = parseXmlDocument(xml);
  if (!parsed.ok) return { kind: 'malformed', message: parsed.message };
  const envelope = parsed.document.documentElement!;
  if (envelope.namespaceURI !== NS.soap11 || envelope.localName !== 'Envelope') {
    return { kind: 'malformed', message: 'the answer is not a SOAP 1.1 envelope' };
  }
  const body = firstChild(envelope, NS.soap11, 'Body');
  if (!body) return { kind: 'malformed', message: 'the answer has no SOAP Body' };

  const fault = firstChild(body, NS.soap11, 'Fault');
  if (fault) {
    const code = elementChildren(fault).find((e) => e.localName === 'faultcode');
    const reason = elementChildren(fault).find((e) => e.localName === 'faultstring');
    return { kind: 'fault', faultCode: textOf(code)?.trim() ?? '', faultString: textOf(reason)?.trim() ?? '' };
  }

  const responses = descendantsNamed(body, WST_NS.wst, 'RequestSecurityTokenResponse');
  for (const response of responses) {
    const signChallenge = firstChild(response, WST_NS.wst, 'SignChallenge');
    if (!signChallenge) continue;
    const challenge = textOf(firstChild(signChallenge, WST_NS.wst, 'Challenge'));
    const context = attributeNS(response, null, 'Context');
    if (!challenge || !context) return { kind: 'malformed', message: 'a SignChallenge needs a Context and a Challenge' };
    return { kind: 'challenge', context, challenge };
  }

  const requested = descendantsNamed(body, WST_NS.wst, 'RequestedSecurityToken');
  if (requested.length === 0) return { kind: 'malformed', message: 'the answer holds neither a token, a challenge nor a fault' };
  if (requested.length > 1) return { kind: 'malformed', message: 'the answer holds more than one RequestedSecurityToken' };
  const token = childElements(requested[0]!, NS.saml11, 'Assertion');
  if (token.length !== 1 || elementChildren(requested[0]!).length !== 1) {
    return { kind: 'malformed', message: 'RequestedSecurityToken must hold exactly one SAML 1.1 assertion' };
  }
  const slice = sliceIssuedAssertion(xml);
  if (!slice.ok) return { kind: 'malformed', message: slice.message };
  return { kind: 'token', assertionXml: slice.xml };
}
