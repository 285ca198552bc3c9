/**
 * Checks an issued assertion before the companion uses it (ehealth-auth.md
 * §1.9): issued by the eHealth STS, signed by a key the configured trust
 * anchor vouches for, valid now and for more than the safety margin, bound to
 * our holder-of-key certificate, and carrying every attribute the profile
 * needs with the expected value. A `false` or empty certified value is a
 * refusal with its reason, not a token.
 */
import { X509Certificate } from 'node:crypto';
import type { SamlToken } from '../token-provider.ts';
import { parseXmlDocument } from '../wss/dom.ts';
import { verifyEnvelopedSignature } from '../wss/enveloped.ts';
import { isSafeXmlId, NS } from '../wss/namespaces.ts';
import { childElements } from '../wss/dom.ts';
import { readKeyInfo } from '../wss/key-info.ts';
import { EHEALTH_STS_ISSUER, readSamlAssertion, type SamlAssertionInfo } from '../wss/saml-assertion.ts';
import { certificateBase64 } from '../pki/pem.ts';
import type { ProfileValues, StsProfile } from './sts-profile.ts';
import { StsError } from './sts-error.ts';

/** A token is never used within this margin of its NotOnOrAfter. */
export const EXPIRY_MARGIN_MS = 5 * 60_000;

export interface AssertionCheckOptions {
  /** PEM certificates: the STS signing certificate itself, or a CA that issued it. */
  trustAnchors: readonly string[];
  holderOfKeyCertificatePem: string;
  profile: StsProfile;
  values: ProfileValues;
  now: Date;
  /** Clock skew tolerated on NotBefore. Default 5 minutes. */
  maxSkewMs?: number;
  /** Default EHEALTH_STS_ISSUER. */
  issuer?: string;
}

function sameCertificate(a: string, b: string): boolean {
  try {
    return certificateBase64(a) === certificateBase64(b);
  } catch {
    return false;
  }
}

/**
 * The certificates the assertion's signature may verify with: the anchors
 * themselves, plus the signer certificate from KeyInfo when an anchor issued
 * it and it is valid now (eHealth renews its I.AM certificate under the same CA).
 */
function trustedSigners(assertion: Element, anchors: readonly string[], now: Date): string[] {
  const trusted = [...anchors];
  const signature = childElements(assertion, NS.ds, 'Signature')[0];
  const keyInfoElement = signature ? childElements(signature, NS.ds, 'KeyInfo')[0] : undefined;
  const keyInfo = keyInfoElement ? readKeyInfo(keyInfoElement) : undefined;
  if (keyInfo?.kind !== 'x509-certificate') return trusted;
  try {
    const signer = new X509Certificate(keyInfo.certificatePem);
    const valid = new Date(signer.validFrom) <= now && now < new Date(signer.validTo);
    if (!valid) return trusted;
    for (const anchorPem of anchors) {
      const anchor = new X509Certificate(anchorPem);
      if (anchor.ca && signer.checkIssued(anchor) && signer.verify(anchor.publicKey)) {
        trusted.push(keyInfo.certificatePem);
        break;
      }
    }
  } catch {
    // an unreadable KeyInfo certificate simply adds nothing
  }
  return trusted;
}

function checkAttributes(info: SamlAssertionInfo, profile: StsProfile, values: ProfileValues): void {
  for (const designator of profile.designators) {
    const matches = info.attributes.filter((a) => a.name === designator.name && a.namespace === designator.namespace);
    const attribute = designator.name;
    if (matches.length === 0) {
      if (!designator.required) continue;
      throw new StsError('attribute-missing', { attribute });
    }
    const all = matches.flatMap((m) => m.values);
    if (all.length === 0 || all.every((v) => v === '')) {
      if (!designator.required) continue;
      throw new StsError('attribute-empty', { attribute });
    }
    if (all.length !== 1) throw new StsError('attribute-refused', { attribute, detail: 'several values' });
    const value = all[0]!;
    const expect = designator.expect;
    const ok = expect === 'true' ? value === 'true' : expect === 'present' ? value !== '' : value === values[expect.equals];
    if (ok) continue;
    const reason = designator.refusal;
    if (reason === 'not-recognised-pharmacy') throw new StsError(reason, { attribute, detail: values.pharmacyNumber });
    if (reason === 'attribute-refused') throw new StsError(reason, { attribute, detail: value.slice(0, 40) });
    throw new StsError(reason, { attribute });
  }
}

/** Returns the token (its XML untouched) or throws the StsError that says why not. */
export function checkIssuedAssertion(assertionXml: string, options: AssertionCheckOptions): SamlToken {
  const parsed = parseXmlDocument(assertionXml);
  if (!parsed.ok) throw new StsError('malformed-answer', { detail: parsed.message });
  const root = parsed.document.documentElement!;
  const read = readSamlAssertion(root);
  if (!read.ok) throw new StsError('malformed-answer', { detail: read.message });
  const info = read.assertion;
  if (!isSafeXmlId(info.assertionId)) throw new StsError('malformed-answer', { detail: 'unusable AssertionID' });

  const issuer = options.issuer ?? EHEALTH_STS_ISSUER;
  if (info.issuer !== issuer) throw new StsError('wrong-issuer', { detail: info.issuer.slice(0, 80) });

  if (options.trustAnchors.length === 0) throw new StsError('trust-anchor-missing');
  const signature = verifyEnvelopedSignature(assertionXml, root, {
    trustedCertificates: trustedSigners(root, options.trustAnchors, options.now),
    idAttribute: 'AssertionID',
  });
  if (!signature.ok) throw new StsError('untrusted-token', { detail: signature.message });

  const now = options.now.getTime();
  const skew = options.maxSkewMs ?? 5 * 60_000;
  if (!info.notBefore || !info.notOnOrAfter) throw new StsError('malformed-answer', { detail: 'the assertion has no validity period' });
  if (info.notBefore.getTime() > now + skew) throw new StsError('token-not-yet-valid', { date: info.notBefore.toISOString() });
  if (info.notOnOrAfter.getTime() - now <= EXPIRY_MARGIN_MS) {
    throw new StsError('token-too-short', { date: info.notOnOrAfter.toISOString() });
  }

  if (!info.holderOfKeyCertificatePem || !sameCertificate(info.holderOfKeyCertificatePem, options.holderOfKeyCertificatePem)) {
    throw new StsError('holder-of-key-mismatch');
  }

  checkAttributes(info, options.profile, options.values);

  return { assertionXml, assertionId: info.assertionId, notBefore: info.notBefore, notOnOrAfter: info.notOnOrAfter };
}
