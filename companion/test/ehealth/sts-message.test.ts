/**
 * What the companion sends to the STS (ehealth-auth.md §1.3-§1.5): the
 * WS-Trust Issue request and the challenge answer, each with ONE RSA-SHA256
 * exclusive-c14n signature over Body, Timestamp and BinarySecurityToken,
 * the claims of the profile, and the holder-of-key certificate in UseKey.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createPharmacistCertificate, createPharmacyHokCertificate, createTestCa, certificateBase64, type IssuedCertificate } from '../../src/pki/index.ts';
import { challengeResponseEnvelope, issueRequestEnvelope } from '../../src/ehealth/sts-message.ts';
import { builtInPharmacyProfile, wsTrustClaims } from '../../src/ehealth/sts-profile.ts';
import { WST, WST_NS } from '../../src/ehealth/ws-trust.ts';
import { ALGORITHM, NS, parseXmlDocument, verifySoapEnvelope } from '../../src/wss/index.ts';
import { attributeNS, childElements, descendantsNamed, firstChild, textOf } from '../../src/wss/dom.ts';
import { VALUES } from '../sts/sts-fixture.ts';

let pharmacist: IssuedCertificate;
let pharmacy: IssuedCertificate;
const now = new Date('2026-11-21T10:00:00.000Z');

beforeAll(async () => {
  const ca = await createTestCa();
  [pharmacist, pharmacy] = await Promise.all([createPharmacistCertificate(ca, '80010112379'), createPharmacyHokCertificate(ca, '80000551')]);
});

function issue() {
  return issueRequestEnvelope({
    signer: pharmacist,
    holderOfKeyCertificatePem: pharmacy.certificatePem,
    claims: wsTrustClaims(builtInPharmacyProfile(), VALUES),
    lifetimeMs: 12 * 3_600_000,
    now,
    context: 'urn:uuid:test-context',
  });
}

describe('the Issue request', () => {
  it('is signed once, by the identification key, over Body, Timestamp and the BinarySecurityToken', () => {
    const { xml } = issue();
    const verified = verifySoapEnvelope(xml);
    expect(verified.ok).toBe(true);
    if (!verified.ok) return;
    expect(verified.keyInfo.kind).toBe('binary-security-token');
    expect(certificateBase64(verified.certificatePem)).toBe(certificateBase64(pharmacist.certificatePem));
    expect(verified.signedParts.map((p) => p.kind).sort()).toEqual(['binary-security-token', 'body', 'timestamp']);
    expect(verified.signatureAlgorithm).toBe(ALGORITHM.rsaSha256);
    const doc = parseXmlDocument(xml);
    if (!doc.ok) throw new Error(doc.message);
    const signedInfo = descendantsNamed(doc.document, NS.ds, 'SignedInfo')[0]!;
    expect(attributeNS(firstChild(signedInfo, NS.ds, 'CanonicalizationMethod')!, null, 'Algorithm')).toBe(ALGORITHM.excC14n);
    const ts = descendantsNamed(doc.document, NS.wsu, 'Timestamp')[0]!;
    expect(textOf(firstChild(ts, NS.wsu, 'Created'))).toBe(now.toISOString());
    expect(textOf(firstChild(ts, NS.wsu, 'Expires'))).toBe(new Date(now.getTime() + 60_000).toISOString());
  });

  it('fails verification once a byte of a signed part changes', () => {
    const { xml } = issue();
    expect(verifySoapEnvelope(xml.replace('>80000551<', '>80000254<')).ok).toBe(false);
  });

  it('carries the WS-Trust fields, the claims of the profile and the holder-of-key certificate', () => {
    const { xml, context } = issue();
    expect(context).toBe('urn:uuid:test-context');
    const doc = parseXmlDocument(xml);
    if (!doc.ok) throw new Error(doc.message);
    const rst = descendantsNamed(doc.document, WST_NS.wst, 'RequestSecurityToken')[0]!;
    expect(attributeNS(rst, null, 'Context')).toBe(context);
    const text = (name: string) => textOf(firstChild(rst, WST_NS.wst, name));
    expect(text('TokenType')).toBe(WST.tokenTypeSaml11);
    expect(text('RequestType')).toBe(WST.requestTypeIssue);
    expect(text('KeyType')).toBe('http://docs.oasis-open.org/ws-sx/wstrust/200512/PublicKey');
    const lifetime = firstChild(rst, WST_NS.wst, 'Lifetime')!;
    expect(textOf(firstChild(lifetime, NS.wsu, 'Expires'))).toBe('2026-11-21T22:00:00.000Z');
    const claims = firstChild(rst, WST_NS.wst, 'Claims')!;
    expect(attributeNS(claims, null, 'Dialect')).toBe(WST.claimsDialect);
    const asserted = childElements(claims, WST_NS.auth, 'ClaimType').map((c) => [attributeNS(c, null, 'Uri'), textOf(firstChild(c, WST_NS.auth, 'Value'))]);
    expect(asserted).toEqual([
      ['urn:be:fgov:ehealth:1.0:certificateholder:person:ssin', '80010112379'],
      ['urn:be:fgov:ehealth:1.0:pharmacy:nihii-number', '80000551'],
      ['urn:be:fgov:person:ssin', '80010112379'],
      ['urn:be:fgov:person:ssin:ehealth:1.0:pharmacy-holder', '80010112379'],
      ['urn:be:fgov:ehealth:1.0:pharmacy:nihii-number:recognisedpharmacy:boolean', undefined],
      ['urn:be:fgov:person:ssin:ehealth:1.0:pharmacy-holder:certified:nihii11', undefined],
      ['urn:be:fgov:ehealth:1.0:pharmacy:nihii-number:person:ssin:ehealth:1.0:pharmacy-holder:boolean', undefined],
      ['urn:be:fgov:person:ssin:ehealth:1.0:givenname', undefined],
      ['urn:be:fgov:person:ssin:ehealth:1.0:surname', undefined],
    ]);
    const useKey = descendantsNamed(rst, NS.ds, 'X509Certificate')[0];
    expect(textOf(useKey)).toBe(certificateBase64(pharmacy.certificatePem));
  });
});

describe('the challenge answer', () => {
  it('echoes the challenge unchanged, signed by the holder-of-key key', () => {
    const challenge = 'a&b<c>"d"';
    const xml = challengeResponseEnvelope({ signer: pharmacy, context: 'ctx-1', challenge, now });
    const verified = verifySoapEnvelope(xml);
    expect(verified.ok && certificateBase64(verified.certificatePem)).toBe(certificateBase64(pharmacy.certificatePem));
    const doc = parseXmlDocument(xml);
    if (!doc.ok) throw new Error(doc.message);
    const rstr = descendantsNamed(doc.document, WST_NS.wst, 'RequestSecurityTokenResponse')[0]!;
    expect(attributeNS(rstr, null, 'Context')).toBe('ctx-1');
    expect(textOf(descendantsNamed(rstr, WST_NS.wst, 'Challenge')[0])).toBe(challenge);
  });
});
