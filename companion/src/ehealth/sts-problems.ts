/**
 * Everything that can stop the companion from holding a usable eHealth
 * token, each with the TokenError code the hub client understands. The words
 * (problem and next action, in nl/fr/de/en) are in strings.ts.
 */
import type { TokenError } from '../token-provider.ts';

export const STS_PROBLEMS = {
  // keystores and their passwords
  'password-env-unset': 'certificate',
  'password-file-unreadable': 'certificate',
  'keystore-missing': 'certificate',
  'keystore-unreadable': 'certificate',
  'not-pkcs12': 'certificate',
  'wrong-password': 'certificate',
  'no-key': 'certificate',
  'unsupported-key': 'certificate',
  'alias-missing': 'certificate',
  'alias-not-signing': 'certificate',
  'key-certificate-mismatch': 'certificate',
  'certificate-expired': 'certificate',
  'certificate-not-yet-valid': 'certificate',
  // the companion's STS settings
  'trust-anchor-missing': 'certificate',
  'trust-anchor-unreadable': 'certificate',
  'profile-invalid': 'certificate',
  // talking to the STS
  'sts-unreachable': 'sts-unreachable',
  'sts-timeout': 'sts-unreachable',
  'sts-tls': 'sts-unreachable',
  'sts-http-error': 'sts-unreachable',
  'sts-fault': 'sts-refused',
  'clock-skew': 'sts-refused',
  // what the STS certified
  'not-recognised-pharmacy': 'sts-refused',
  'not-titular': 'sts-refused',
  'titular-riziv-differs': 'sts-refused',
  'identity-mismatch': 'sts-refused',
  'attribute-missing': 'sts-refused',
  'attribute-empty': 'sts-refused',
  'attribute-refused': 'sts-refused',
  // the token itself
  'untrusted-token': 'invalid-token',
  'wrong-issuer': 'invalid-token',
  'token-not-yet-valid': 'invalid-token',
  'token-too-short': 'invalid-token',
  'holder-of-key-mismatch': 'invalid-token',
  'malformed-answer': 'invalid-token',
  cancelled: 'sts-unreachable',
} as const satisfies Record<string, TokenError['code']>;

export type StsProblem = keyof typeof STS_PROBLEMS;

/**
 * Values a problem's words may show. Only names, paths, dates and cleaned
 * STS text: never a password, a key, a token or a certificate body.
 */
export interface StsProblemVars {
  /** 'identification' | 'holder-of-key' | 'both' (translated when shown). */
  role?: 'identification' | 'holder-of-key' | 'both';
  file?: string;
  variable?: string;
  alias?: string;
  aliases?: string;
  attribute?: string;
  faultCode?: string;
  faultText?: string;
  status?: string;
  date?: string;
  detail?: string;
}

/**
 * STS text shown to people: control characters removed, 11-digit numbers
 * (SSIN/INSZ) masked, at most 200 characters.
 */
export function cleanStsText(text: string): string {
  const oneLine = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  const masked = oneLine.replace(/\d{11}/g, (d) => `${d.slice(0, 2)}…${d.slice(-2)}`);
  return masked.length > 200 ? `${masked.slice(0, 199)}…` : masked;
}
