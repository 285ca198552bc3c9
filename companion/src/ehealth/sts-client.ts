/**
 * Obtains a SAML holder-of-key token from the eHealth STS over WS-Trust
 * (ehealth-auth.md §1): the Issue request signed with the identification
 * key, the SignChallenge round trip signed with the holder-of-key key when
 * the two certificates differ, and the check of the returned assertion.
 * Every failure is an StsError that says what to do next.
 */
import { X509Certificate } from 'node:crypto';
import type { SamlToken } from '../token-provider.ts';
import { certificateBase64 } from '../pki/pem.ts';
import { checkIssuedAssertion } from './assertion-check.ts';
import { StsError } from './sts-error.ts';
import { challengeResponseEnvelope, issueRequestEnvelope, type SigningCredential } from './sts-message.ts';
import { cleanStsText } from './sts-problems.ts';
import { wsTrustClaims, type ProfileValues, type StsProfile } from './sts-profile.ts';
import { faultCodeLocalName, readStsAnswer, type StsAnswer } from './sts-response.ts';
import { postToSts } from './sts-transport.ts';
import { deadline } from '../hub/deadline.ts';
import { STS_SOAP_ACTION } from './ws-trust.ts';

export interface StsCredentials {
  /** The titular pharmacist's personal certificate and key: signs the Issue request. */
  identification: SigningCredential;
  /** The pharmacy certificate and key: bound in the token, answers the challenge, signs hub calls. */
  holderOfKey: SigningCredential;
}

export interface StsClientOptions {
  endpoint: URL;
  /** Extra CA for the STS's TLS certificate (the system roots otherwise). */
  caPem?: string;
  /** The STS signing certificate (or its CA) that the assertion must verify against. */
  trustAnchors: readonly string[];
  profile: StsProfile;
  values: ProfileValues;
  /** Requested token validity; the STS may cap it. */
  lifetimeMs: number;
  /** Whole exchange (both round trips). Default 20 s. */
  timeoutMs?: number;
  /** Default 1 MB. */
  maxResponseBytes?: number;
  now?: () => Date;
}

export const STS_CLIENT_DEFAULTS = { timeoutMs: 20_000, maxResponseBytes: 1_000_000 } as const;

function sameCertificate(a: string, b: string): boolean {
  return certificateBase64(a) === certificateBase64(b);
}

/** Refuses before any network traffic when a certificate is out of its validity period. */
export function checkCredentialValidity(credentials: StsCredentials, now: Date): void {
  const same = sameCertificate(credentials.identification.certificatePem, credentials.holderOfKey.certificatePem);
  const roles = same
    ? ([['both', credentials.identification]] as const)
    : ([
        ['identification', credentials.identification],
        ['holder-of-key', credentials.holderOfKey],
      ] as const);
  for (const [role, credential] of roles) {
    const cert = new X509Certificate(credential.certificatePem);
    const from = new Date(cert.validFrom);
    const to = new Date(cert.validTo);
    if (now >= to) throw new StsError('certificate-expired', { role, date: to.toISOString().slice(0, 10) });
    if (now < from) throw new StsError('certificate-not-yet-valid', { role, date: from.toISOString().slice(0, 10) });
  }
}

function faultError(answer: Extract<StsAnswer, { kind: 'fault' }>): StsError {
  const faultCode = cleanStsText(faultCodeLocalName(answer.faultCode)) || 'Fault';
  const faultText = cleanStsText(answer.faultString) || '(no text)';
  if (faultCode === 'MessageExpired') return new StsError('clock-skew', { faultCode, faultText });
  return new StsError('sts-fault', { faultCode, faultText });
}

async function exchange(
  options: StsClientOptions,
  soapAction: string,
  body: string,
  signal: AbortSignal,
): Promise<StsAnswer> {
  const response = await postToSts({
    url: options.endpoint,
    soapAction,
    body,
    ...(options.caPem !== undefined && { caPem: options.caPem }),
    signal,
    maxResponseBytes: options.maxResponseBytes ?? STS_CLIENT_DEFAULTS.maxResponseBytes,
  });
  const answer = readStsAnswer(response.body);
  if (answer.kind === 'fault') throw faultError(answer);
  if (response.status !== 200) throw new StsError('sts-http-error', { status: String(response.status) });
  if (answer.kind === 'malformed') throw new StsError('malformed-answer', { detail: answer.message });
  return answer;
}

/** One token from the STS, checked; throws StsError. */
export async function requestStsToken(credentials: StsCredentials, options: StsClientOptions, signal?: AbortSignal): Promise<SamlToken> {
  const now = options.now ?? (() => new Date());
  checkCredentialValidity(credentials, now());
  // A plain timer, not AbortSignal.any + AbortSignal.timeout (Node 20 may GC the latter: hub/deadline.ts).
  const limit = deadline(signal ?? new AbortController().signal, options.timeoutMs ?? STS_CLIENT_DEFAULTS.timeoutMs);
  try {
    return await exchangeAndCheck(credentials, options, now, limit.signal);
  } finally {
    limit.dispose();
  }
}

async function exchangeAndCheck(credentials: StsCredentials, options: StsClientOptions, now: () => Date, combined: AbortSignal): Promise<SamlToken> {
  const request = issueRequestEnvelope({
    signer: credentials.identification,
    holderOfKeyCertificatePem: credentials.holderOfKey.certificatePem,
    claims: wsTrustClaims(options.profile, options.values),
    lifetimeMs: options.lifetimeMs,
    now: now(),
  });
  let answer = await exchange(options, STS_SOAP_ACTION.requestSecurityToken, request.xml, combined);

  if (answer.kind === 'challenge') {
    const reply = challengeResponseEnvelope({
      signer: credentials.holderOfKey,
      context: answer.context,
      challenge: answer.challenge,
      now: now(),
    });
    answer = await exchange(options, STS_SOAP_ACTION.challenge, reply, combined);
    if (answer.kind === 'challenge') throw new StsError('malformed-answer', { detail: 'a second challenge' });
  }
  if (answer.kind !== 'token') throw new StsError('malformed-answer', { detail: 'no token' });

  return checkIssuedAssertion(answer.assertionXml, {
    trustAnchors: options.trustAnchors,
    holderOfKeyCertificatePem: credentials.holderOfKey.certificatePem,
    profile: options.profile,
    values: options.values,
    now: now(),
  });
}
