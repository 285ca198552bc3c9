import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildSecuredEnvelope,
  binarySecurityTokenXml,
  makeTimestamp,
  newWsuId,
  signSoapEnvelope,
  verifySoapEnvelope,
  WssSignError,
  type KeyInfoReference,
} from '../../src/wss/index.ts';
import { makeTestIdentities, mintTestAssertion, type TestIdentities } from '../helpers/identities.ts';

let ids: TestIdentities;
beforeAll(async () => {
  ids = await makeTestIdentities();
});

const body = {
  'p:Ping': { '@_xmlns:p': 'urn:test:ping', 'p:value': 'a < b & "c"' },
};

function hubStyleEnvelope() {
  const assertion = mintTestAssertion(ids);
  const bodyId = newWsuId('BODY');
  const timestamp = makeTimestamp();
  const envelope = buildSecuredEnvelope({ body, bodyId, timestamp, tokens: [assertion.assertionXml] });
  const keyInfo: KeyInfoReference = { kind: 'saml-assertion-id', assertionId: assertion.assertionId };
  const signed = signSoapEnvelope(envelope, { privateKeyPem: ids.hok.privateKeyPem, keyInfo, references: [bodyId, timestamp.id] });
  return { assertion, bodyId, timestamp, envelope, signed };
}

const resolveHok = (ids: TestIdentities) => (ref: KeyInfoReference) => (ref.kind === 'saml-assertion-id' ? ids.hok.certificatePem : undefined);

describe('signSoapEnvelope / verifySoapEnvelope: SAML holder-of-key (hub calls)', () => {
  it('signs Body and Timestamp and verifies against the HOK certificate', () => {
    const { signed, assertion, bodyId, timestamp } = hubStyleEnvelope();
    const result = verifySoapEnvelope(signed, { resolveCertificate: resolveHok(ids) });
    expect(result).toMatchObject({ ok: true, keyInfo: { kind: 'saml-assertion-id', assertionId: assertion.assertionId } });
    if (!result.ok) return;
    expect(result.signedParts).toEqual([
      { id: bodyId, kind: 'body' },
      { id: timestamp.id, kind: 'timestamp' },
    ]);
    expect(result.signatureAlgorithm).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
  });

  it('keeps the assertion byte for byte and puts Timestamp, assertion, Signature in that order', () => {
    const { signed, assertion, envelope } = hubStyleEnvelope();
    expect(signed).toContain(assertion.assertionXml);
    expect(envelope).toContain(assertion.assertionXml);
    const ts = signed.indexOf('<wsu:Timestamp');
    const as = signed.indexOf(assertion.assertionXml);
    const sig = signed.lastIndexOf('<ds:Signature xmlns:ds=');
    expect(ts).toBeLessThan(as);
    expect(as).toBeLessThan(sig);
    expect(signed.indexOf('</wsse:Security>')).toBeGreaterThan(sig);
    // only the signature was added
    expect(signed.slice(0, sig) + signed.slice(signed.indexOf('</wsse:Security>'))).toBe(envelope);
    expect(signed).toContain('ValueType="http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.0#SAMLAssertionID"');
    expect(signed).not.toContain('BinarySecurityToken');
  });

  it('escapes body text in the envelope', () => {
    const { signed } = hubStyleEnvelope();
    expect(signed).toContain('a &lt; b &amp; &quot;c&quot;');
  });

  it('rejects a body changed after signing', () => {
    const { signed } = hubStyleEnvelope();
    const tampered = signed.replace('a &lt; b', 'a &lt; c');
    expect(verifySoapEnvelope(tampered, { resolveCertificate: resolveHok(ids) })).toMatchObject({ ok: false, problem: 'digest-mismatch' });
  });

  it('rejects a timestamp changed after signing', () => {
    const { signed, timestamp } = hubStyleEnvelope();
    const later = new Date(timestamp.expires.getTime() + 3_600_000).toISOString();
    const tampered = signed.replace(`<wsu:Expires>${timestamp.expires.toISOString()}</wsu:Expires>`, `<wsu:Expires>${later}</wsu:Expires>`);
    expect(tampered).not.toBe(signed);
    expect(verifySoapEnvelope(tampered, { resolveCertificate: resolveHok(ids) })).toMatchObject({ ok: false, problem: 'digest-mismatch' });
  });

  it('rejects a signature made with another key', () => {
    const { signed } = hubStyleEnvelope();
    const result = verifySoapEnvelope(signed, { resolveCertificate: () => ids.pharmacist.certificatePem });
    expect(result).toMatchObject({ ok: false, problem: 'signature-mismatch' });
  });

  it('rejects an unresolvable key and an envelope without signature', () => {
    const { signed, envelope } = hubStyleEnvelope();
    expect(verifySoapEnvelope(signed)).toMatchObject({ ok: false, problem: 'unknown-key' });
    expect(verifySoapEnvelope(envelope, { resolveCertificate: resolveHok(ids) })).toMatchObject({ ok: false, problem: 'no-signature' });
  });

  it('rejects a wrapping attack: a second element with the Body id', () => {
    const { signed, bodyId } = hubStyleEnvelope();
    const wrapped = signed.replace('</soapenv:Header>', `<x:Wrap xmlns:x="urn:x" xmlns:wsu2="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd" wsu2:Id="${bodyId}"/></soapenv:Header>`);
    expect(verifySoapEnvelope(wrapped, { resolveCertificate: resolveHok(ids) })).toMatchObject({ ok: false, problem: 'duplicate-id' });
  });

  it('rejects SHA-1 unless allowed, and unknown algorithms', () => {
    const assertion = mintTestAssertion(ids);
    const bodyId = newWsuId('BODY');
    const timestamp = makeTimestamp();
    const envelope = buildSecuredEnvelope({ body, bodyId, timestamp, tokens: [assertion.assertionXml] });
    const signed = signSoapEnvelope(envelope, {
      privateKeyPem: ids.hok.privateKeyPem,
      keyInfo: { kind: 'saml-assertion-id', assertionId: assertion.assertionId },
      references: [bodyId, timestamp.id],
      signatureAlgorithm: 'rsa-sha1',
    });
    expect(verifySoapEnvelope(signed, { resolveCertificate: resolveHok(ids) })).toMatchObject({ ok: false, problem: 'unsupported-algorithm' });
    expect(verifySoapEnvelope(signed, { resolveCertificate: resolveHok(ids), allowSha1: true })).toMatchObject({ ok: true });
  });

  it('rejects malformed XML and DTDs', () => {
    expect(verifySoapEnvelope('<a><b></a>')).toMatchObject({ ok: false, problem: 'malformed-xml' });
    expect(verifySoapEnvelope('<!DOCTYPE x [<!ENTITY e "x">]><x>&e;</x>')).toMatchObject({ ok: false, problem: 'malformed-xml' });
  });

  it('refuses to sign a reference that is missing or duplicated', () => {
    const { envelope, bodyId } = hubStyleEnvelope();
    const opts = { privateKeyPem: ids.hok.privateKeyPem, keyInfo: { kind: 'saml-assertion-id', assertionId: '_a' } as const };
    expect(() => signSoapEnvelope(envelope, { ...opts, references: ['nope'] })).toThrow(WssSignError);
    expect(() => signSoapEnvelope(envelope, { ...opts, references: [`x'] | //*['`] })).toThrow(WssSignError);
    expect(() => signSoapEnvelope('<x/>', { ...opts, references: [bodyId] })).toThrow(WssSignError);
  });
});

describe('BinarySecurityToken variant (STS calls)', () => {
  it('signs Body, Timestamp and BST; the verifier resolves the certificate from the BST', () => {
    const bodyId = newWsuId('BODY');
    const bstId = newWsuId('X509');
    const timestamp = makeTimestamp();
    const envelope = buildSecuredEnvelope({
      body,
      bodyId,
      timestamp,
      tokens: [binarySecurityTokenXml(ids.pharmacist.certificatePem, bstId)],
    });
    const signed = signSoapEnvelope(envelope, {
      privateKeyPem: ids.pharmacist.privateKeyPem,
      keyInfo: { kind: 'binary-security-token', tokenId: bstId },
      references: [bodyId, timestamp.id, bstId],
    });
    const result = verifySoapEnvelope(signed);
    expect(result).toMatchObject({ ok: true, certificatePem: ids.pharmacist.certificatePem });
    if (result.ok) expect(result.signedParts.map((p) => p.kind)).toEqual(['body', 'timestamp', 'binary-security-token']);

    // Swapping in another certificate breaks the signature (the BST is signed too).
    const other = binarySecurityTokenXml(ids.hok.certificatePem, bstId);
    const swapped = signed.replace(binarySecurityTokenXml(ids.pharmacist.certificatePem, bstId), other);
    expect(swapped).not.toBe(signed);
    expect(verifySoapEnvelope(swapped)).toMatchObject({ ok: false });
  });
});
