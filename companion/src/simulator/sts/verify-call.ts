/**
 * SIMULATOR ONLY. Checks an incoming STS call the way eHealth would
 * (ehealth-auth.md §1.3, §8 "Simulated STS" point 1): a fresh Timestamp
 * (5 minutes of clock skew), ONE signature (exclusive c14n, RSA-SHA256 or
 * RSA-SHA1) over the Body, the Timestamp and the BinarySecurityToken, made
 * with the key of the certificate in that token, and that certificate issued
 * by the simulator's test CA and valid now.
 */
import { X509Certificate } from 'node:crypto';
import { elementChildren, parseXmlDocument } from '../../wss/dom.ts';
import { checkTimestamp, findSecurityHeader } from '../../wss/security-header.ts';
import { verifySoapEnvelope } from '../../wss/verify.ts';
import { fault, type StsFault } from './faults.ts';

export interface VerifiedStsCall {
  /** The single element in the Body. */
  payload: Element;
  /** The certificate of the BinarySecurityToken the signature verified with. */
  signerCertificatePem: string;
}

export type VerifyStsCallResult = { ok: true; call: VerifiedStsCall } | { ok: false; fault: StsFault };

export interface CertificateCheck {
  ok: boolean;
  text?: string;
}

/** Issued by `caPem` (name and signature) and within its validity period at `now`. */
export function checkIssuedBy(certificatePem: string, caPem: string, now: Date, what: string): CertificateCheck {
  try {
    const cert = new X509Certificate(certificatePem);
    const ca = new X509Certificate(caPem);
    if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) return { ok: false, text: `the ${what} certificate is not issued by a recognised eHealth CA` };
    if (now >= new Date(cert.validTo)) return { ok: false, text: `the ${what} certificate has expired` };
    if (now < new Date(cert.validFrom)) return { ok: false, text: `the ${what} certificate is not valid yet` };
    return { ok: true };
  } catch {
    return { ok: false, text: `the ${what} certificate cannot be read` };
  }
}

export function verifyStsCall(xml: string, options: { caCertificatePem: string; now: Date; maxSkewMs?: number }): VerifyStsCallResult {
  const parsed = parseXmlDocument(xml);
  if (!parsed.ok) return { ok: false, fault: fault.client(`malformed request: ${parsed.message}`) };
  const header = findSecurityHeader(parsed.document);
  if (!header.ok) return { ok: false, fault: fault.invalidSecurity(header.message) };

  const ts = checkTimestamp(header.timestamp, options.now, { maxSkewMs: options.maxSkewMs ?? 5 * 60_000 });
  if (!ts.ok) {
    return { ok: false, fault: ts.problem === 'missing' ? fault.invalidSecurity(ts.message) : fault.expired(ts.message) };
  }
  if (header.binarySecurityTokens.length !== 1) {
    return { ok: false, fault: fault.invalidSecurity('exactly one X509v3 BinarySecurityToken is required') };
  }
  const bst = header.binarySecurityTokens[0]!;

  const verified = verifySoapEnvelope(xml, { allowSha1: true });
  if (!verified.ok) return { ok: false, fault: fault.authentication(`signature: ${verified.message}`) };
  if (verified.keyInfo.kind !== 'binary-security-token' || verified.keyInfo.tokenId !== bst.id) {
    return { ok: false, fault: fault.invalidSecurity('the signature must reference the BinarySecurityToken') };
  }
  const kinds = new Set(verified.signedParts.map((p) => p.kind));
  for (const part of ['body', 'timestamp', 'binary-security-token'] as const) {
    if (!kinds.has(part)) return { ok: false, fault: fault.invalidSecurity('the signature must cover the Body, the Timestamp and the BinarySecurityToken') };
  }

  const issued = checkIssuedBy(bst.certificatePem, options.caCertificatePem, options.now, 'signing');
  if (!issued.ok) return { ok: false, fault: fault.authentication(issued.text!) };

  const payloads = elementChildren(header.body);
  if (payloads.length !== 1) return { ok: false, fault: fault.client('the Body must hold exactly one element') };
  return { ok: true, call: { payload: payloads[0]!, signerCertificatePem: bst.certificatePem } };
}
