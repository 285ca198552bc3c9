/**
 * The two messages the companion sends to the eHealth STS (ehealth-auth.md
 * §1.3-§1.5): the WS-Trust Issue request, signed with the identification
 * key, and the answer to a SignChallenge, signed with the holder-of-key key.
 * Both carry a WS-Security header with a Timestamp, the signer's certificate
 * as BinarySecurityToken, and ONE RSA-SHA256 signature (exclusive c14n) over
 * the Body, the Timestamp and that token, whose KeyInfo references the token.
 */
import { randomUUID } from 'node:crypto';
import { binarySecurityTokenXml, buildSecuredEnvelope, makeTimestamp, newWsuId, type XmlTree } from '../wss/envelope.ts';
import { signSoapEnvelope } from '../wss/sign.ts';
import { NS } from '../wss/namespaces.ts';
import { certificateBase64 } from '../pki/pem.ts';
import type { WsTrustClaim } from './sts-profile.ts';
import { WST, WST_NS } from './ws-trust.ts';

export interface SigningCredential {
  privateKeyPem: string;
  certificatePem: string;
}

export interface IssueRequestInput {
  /** The identification credential: its certificate goes in the BST, its key signs. */
  signer: SigningCredential;
  /** Bound in UseKey: the holder-of-key certificate. */
  holderOfKeyCertificatePem: string;
  claims: readonly WsTrustClaim[];
  /** Requested validity of the token. */
  lifetimeMs: number;
  now: Date;
  /** Default a fresh `urn:uuid:`. */
  context?: string;
}

export interface ChallengeResponseInput {
  signer: SigningCredential;
  context: string;
  /** The challenge text exactly as the STS sent it. */
  challenge: string;
  now: Date;
}

/** Wraps a Body in a signed STS envelope (Body + Timestamp + BST). */
export function signedStsEnvelope(body: XmlTree, signer: SigningCredential, now: Date): string {
  const bodyId = newWsuId('id');
  const bstId = newWsuId('X509');
  const timestamp = makeTimestamp(now, 60_000, newWsuId('TS'));
  const envelope = buildSecuredEnvelope({
    body,
    bodyId,
    timestamp,
    tokens: [binarySecurityTokenXml(signer.certificatePem, bstId)],
  });
  return signSoapEnvelope(envelope, {
    privateKeyPem: signer.privateKeyPem,
    keyInfo: { kind: 'binary-security-token', tokenId: bstId },
    references: [bodyId, timestamp.id, bstId],
  });
}

export function issueRequestBody(input: Omit<IssueRequestInput, 'signer'> & { context: string }): XmlTree {
  const created = input.now;
  const expires = new Date(created.getTime() + input.lifetimeMs);
  return {
    'wst:RequestSecurityToken': {
      '@_xmlns:wst': WST_NS.wst,
      '@_xmlns:auth': WST_NS.auth,
      '@_xmlns:ds': NS.ds,
      '@_Context': input.context,
      'wst:TokenType': WST.tokenTypeSaml11,
      'wst:RequestType': WST.requestTypeIssue,
      'wst:Claims': {
        '@_Dialect': WST.claimsDialect,
        'auth:ClaimType': input.claims.map((c) => (c.value === undefined ? { '@_Uri': c.uri } : { '@_Uri': c.uri, 'auth:Value': c.value })),
      },
      'wst:Lifetime': { 'wsu:Created': created.toISOString(), 'wsu:Expires': expires.toISOString() },
      'wst:KeyType': WST.keyTypePublicKey,
      'wst:UseKey': {
        'wsse:SecurityTokenReference': {
          'ds:X509Data': { 'ds:X509Certificate': certificateBase64(input.holderOfKeyCertificatePem) },
        },
      },
    },
  };
}

/** The signed WS-Trust Issue request and the Context it carries. */
export function issueRequestEnvelope(input: IssueRequestInput): { xml: string; context: string } {
  const context = input.context ?? `urn:uuid:${randomUUID()}`;
  return { xml: signedStsEnvelope(issueRequestBody({ ...input, context }), input.signer, input.now), context };
}

export function challengeResponseBody(context: string, challenge: string): XmlTree {
  return {
    'wst:RequestSecurityTokenResponse': {
      '@_xmlns:wst': WST_NS.wst,
      '@_Context': context,
      'wst:SignChallengeResponse': { 'wst:Challenge': challenge },
    },
  };
}

/** The answer to a SignChallenge, signed by the holder-of-key credential (§1.5). */
export function challengeResponseEnvelope(input: ChallengeResponseInput): string {
  return signedStsEnvelope(challengeResponseBody(input.context, input.challenge), input.signer, input.now);
}
