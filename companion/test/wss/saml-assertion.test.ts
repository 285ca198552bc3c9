import { beforeAll, describe, expect, it } from 'vitest';
import { createIamSigningCertificate } from '../../src/pki/index.ts';
import { attributeValue, EHEALTH_STS_ISSUER, readSamlAssertionXml, verifyEnvelopedDocument } from '../../src/wss/index.ts';
import { createSimulatedIam, PHARMACY_ATTRIBUTE, pharmacyAttributes } from '../../src/simulator/iam.ts';
import { makeTestIdentities, mintTestAssertion, TEST_PROFILE, type TestIdentities } from '../helpers/identities.ts';

let ids: TestIdentities;
beforeAll(async () => {
  ids = await makeTestIdentities();
});

describe('simulated IAM assertions', () => {
  it('mints a SAML 1.1 holder-of-key assertion with the pharmacy attributes', () => {
    const minted = mintTestAssertion(ids);
    const read = readSamlAssertionXml(minted.assertionXml);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const a = read.assertion;
    expect(a.assertionId).toBe(minted.assertionId);
    expect(a.issuer).toBe(EHEALTH_STS_ISSUER);
    expect(a.notBefore?.getTime()).toBe(minted.notBefore.getTime());
    expect(a.notOnOrAfter?.getTime()).toBe(minted.notOnOrAfter.getTime());
    expect(a.holderOfKeyCertificatePem).toBe(ids.hok.certificatePem);
    expect(a.subjectNameId).toContain('SSIN=80010112379');
    expect(attributeValue(a, PHARMACY_ATTRIBUTE.pharmacyNihii)).toBe('80000551');
    expect(attributeValue(a, PHARMACY_ATTRIBUTE.personSsin)).toBe('80010112379');
    expect(attributeValue(a, PHARMACY_ATTRIBUTE.holderNihii11)).toBe('20807092001');
    expect(attributeValue(a, PHARMACY_ATTRIBUTE.recognisedPharmacy)).toBe('true');
  });

  it('is signed by the IAM key and by nothing else', async () => {
    const minted = mintTestAssertion(ids);
    const opts = { idAttribute: 'AssertionID' };
    expect(verifyEnvelopedDocument(minted.assertionXml, { ...opts, trustedCertificates: [ids.iamSigner.certificatePem] })).toMatchObject({ ok: true });
    const foreign = createSimulatedIam(await createIamSigningCertificate(ids.ca, 'Foreign IAM'));
    const forged = foreign.mintAssertion({
      holderOfKeyCertificatePem: ids.hok.certificatePem,
      identificationCertificatePem: ids.pharmacist.certificatePem,
      attributes: pharmacyAttributes(TEST_PROFILE),
    });
    expect(verifyEnvelopedDocument(forged.assertionXml, { ...opts, trustedCertificates: [ids.iamSigner.certificatePem] })).toMatchObject({
      ok: false,
      problem: 'untrusted-signer',
    });
  });

  it('detects an attribute changed after signing', () => {
    const minted = mintTestAssertion(ids);
    const tampered = minted.assertionXml.replace('>80000551<', '>80000552<');
    expect(tampered).not.toBe(minted.assertionXml);
    expect(verifyEnvelopedDocument(tampered, { idAttribute: 'AssertionID', trustedCertificates: [ids.iamSigner.certificatePem] })).toMatchObject({
      ok: false,
      problem: 'digest-mismatch',
    });
  });

  it('detects a stripped signature', () => {
    const minted = mintTestAssertion(ids);
    const stripped = minted.assertionXml.replace(/<ds:Signature xmlns:ds="[^"]+"><ds:SignedInfo>[^]*<\/ds:Signature>/, '');
    expect(stripped).not.toBe(minted.assertionXml);
    expect(verifyEnvelopedDocument(stripped, { idAttribute: 'AssertionID', trustedCertificates: [ids.iamSigner.certificatePem] })).toMatchObject({
      ok: false,
      problem: 'no-signature',
    });
  });

  it('reads tolerant dates and refuses non-SAML input', () => {
    const minted = mintTestAssertion(ids);
    const odd = minted.assertionXml.replace(/NotOnOrAfter="[^"]+"/, 'NotOnOrAfter="2018-06-11T11:24:57.988+0200"');
    const read = readSamlAssertionXml(odd);
    expect(read.ok && read.assertion.notOnOrAfter?.toISOString()).toBe('2018-06-11T09:24:57.988Z');
    expect(readSamlAssertionXml('<x/>')).toMatchObject({ ok: false });
    expect(readSamlAssertionXml('<x')).toMatchObject({ ok: false });
  });
});
