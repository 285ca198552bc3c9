/**
 * One signed SOAP call to a hub: envelope (Timestamp + the SAML assertion
 * spliced in verbatim), the holder-of-key signature over Body and Timestamp,
 * the SOAPAction, and the HTTPS exchange. Returns the answer text, or a
 * typed HubError for everything below the SOAP payload (network, TLS, size,
 * HTTP status without SOAP).
 */
import type https from 'node:https';
import type { HubError } from '../../../lib/companion/contract.ts';
import type { SamlToken, HolderOfKey } from '../token-provider.ts';
import { makeTimestamp, newWsuId, type XmlTree } from '../wss/envelope.ts';
import { signSecuredEnvelope, signSecuredEnvelopeAsync } from '../wss/sign.ts';
import { soapActionOf, type HubOperation } from './constants.ts';
import { httpsExchange, type TransportFailureKind } from './transport.ts';

export interface SoapCallTarget {
  url: URL;
  caPem?: string;
  agent: https.Agent;
  maxResponseBytes: number;
}

export type SoapCallResult = { ok: true; status: number; body: string } | { ok: false; error: HubError };

const FAILURE_CODE: Readonly<Record<TransportFailureKind, HubError['code']>> = {
  timeout: 'timeout',
  cancelled: 'timeout',
  unreachable: 'unreachable',
  tls: 'unreachable',
  'too-large': 'hub-error',
  'bad-encoding': 'malformed-response',
};

function envelopeParts(body: XmlTree, token: SamlToken, holderOfKey: HolderOfKey, now: Date) {
  const bodyId = newWsuId('BODY');
  const timestamp = makeTimestamp(now);
  return [
    { body, bodyId, timestamp, tokens: [token.assertionXml] },
    {
      privateKeyPem: holderOfKey.privateKeyPem,
      keyInfo: { kind: 'saml-assertion-id', assertionId: token.assertionId },
      references: [bodyId, timestamp.id],
    },
  ] as const;
}

/** Builds and signs the envelope; separate so tests can validate exactly what is sent. */
export function signedEnvelope(body: XmlTree, token: SamlToken, holderOfKey: HolderOfKey, now: Date): string {
  return signSecuredEnvelope(...envelopeParts(body, token, holderOfKey, now));
}

/** `signedEnvelope` with the RSA operation off the event loop (libuv's thread pool): what the hub client sends. */
export function signedEnvelopeAsync(body: XmlTree, token: SamlToken, holderOfKey: HolderOfKey, now: Date): Promise<string> {
  return signSecuredEnvelopeAsync(...envelopeParts(body, token, holderOfKey, now));
}

export async function callHub(
  target: SoapCallTarget,
  operation: HubOperation,
  envelopeXml: string,
  signal: AbortSignal,
): Promise<SoapCallResult> {
  const result = await httpsExchange({
    url: target.url,
    method: 'POST',
    headers: {
      'content-type': 'text/xml; charset=utf-8',
      soapaction: `"${soapActionOf(operation)}"`,
      accept: 'text/xml',
    },
    body: envelopeXml,
    caPem: target.caPem,
    agent: target.agent,
    signal,
    maxResponseBytes: target.maxResponseBytes,
  });
  if (!result.ok) return { ok: false, error: { code: FAILURE_CODE[result.failure.kind], message: result.failure.message } };
  return { ok: true, status: result.status, body: result.body };
}
