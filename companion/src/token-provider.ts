/**
 * Where the eHealth SAML holder-of-key assertion comes from. The hub client
 * asks for a token before every call; implementations cache.
 */
export interface SamlToken {
  /** The assertion exactly as received from the issuer: never re-serialised. */
  assertionXml: string;
  /** The assertion's AssertionID, referenced by the hub call's KeyIdentifier. */
  assertionId: string;
  notBefore: Date;
  notOnOrAfter: Date;
}

export interface HolderOfKey {
  /** PEM private key that signs hub calls (Body + Timestamp). */
  privateKeyPem: string;
  /** PEM certificate bound in the assertion's SubjectConfirmation. */
  certificatePem: string;
}

export interface TokenProvider {
  /** A token valid for at least the next few minutes, plus the key that proves holding it. */
  getToken(signal?: AbortSignal): Promise<{ token: SamlToken; holderOfKey: HolderOfKey }>;
  /** Drop the cached token (e.g. after a hub refused it). */
  invalidate(): void;
}

export class TokenError extends Error {
  constructor(
    readonly code: 'not-supported' | 'sts-unreachable' | 'sts-refused' | 'certificate' | 'invalid-token',
    message: string,
  ) {
    super(message);
    this.name = 'TokenError';
  }
}
