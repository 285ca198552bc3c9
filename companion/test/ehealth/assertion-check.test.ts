/**
 * The checks an issued assertion must pass before use: issuer, signature by
 * a key the trust anchor vouches for (the certificate itself or its CA),
 * validity with the five-minute margin, the holder-of-key binding, and the
 * profile's attributes (a `false` or empty certified value is a refusal).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createIamSigningCertificate, createPharmacistCertificate, createPharmacyHokCertificate, createTestCa, type IssuedCertificate, type TestCa } from '../../src/pki/index.ts';
import { createSimulatedIam, pharmacyAttributes, type SimulatedIam } from '../../src/simulator/iam.ts';
import { checkIssuedAssertion } from '../../src/ehealth/assertion-check.ts';
import { builtInPharmacyProfile, StsProfileSchema } from '../../src/ehealth/sts-profile.ts';
import { StsError } from '../../src/ehealth/sts-error.ts';
import type { SamlAttribute } from '../../src/wss/saml-assertion.ts';
import { PHARMACY, VALUES } from '../sts/sts-fixture.ts';

const MINUTE = 60_000;
let ca: TestCa;
let iamSigner: IssuedCertificate;
let iam: SimulatedIam;
let hok: IssuedCertificate;
let pharmacist: IssuedCertificate;

beforeAll(async () => {
  ca = await createTestCa();
  [iamSigner, hok, pharmacist] = await Promise.all([
    createIamSigningCertificate(ca),
    createPharmacyHokCertificate(ca, PHARMACY.pharmacyNumber),
    createPharmacistCertificate(ca, PHARMACY.pharmacistSsin),
  ]);
  iam = createSimulatedIam(iamSigner);
});

function attributes(): SamlAttribute[] {
  return [
    ...pharmacyAttributes({ pharmacyNumber: PHARMACY.pharmacyNumber, pharmacistSsin: PHARMACY.pharmacistSsin, pharmacistRiziv: PHARMACY.pharmacistRiziv }),
    { name: 'urn:be:fgov:person:ssin:ehealth:1.0:givenname', namespace: 'urn:be:fgov:certified-namespace:ehealth', values: ['Camille'] },
  ];
}

function mint(options: { attributes?: SamlAttribute[]; lifetimeMs?: number; hokPem?: string; issuer?: SimulatedIam } = {}) {
  return (options.issuer ?? iam).mintAssertion({
    holderOfKeyCertificatePem: options.hokPem ?? hok.certificatePem,
    identificationCertificatePem: pharmacist.certificatePem,
    attributes: options.attributes ?? attributes(),
    lifetimeMs: options.lifetimeMs ?? 60 * MINUTE,
  }).assertionXml;
}

function check(xml: string, overrides: Partial<Parameters<typeof checkIssuedAssertion>[1]> = {}) {
  return checkIssuedAssertion(xml, {
    trustAnchors: [iam.certificatePem],
    holderOfKeyCertificatePem: hok.certificatePem,
    profile: builtInPharmacyProfile(),
    values: VALUES,
    now: new Date(),
    ...overrides,
  });
}

function problemOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof StsError) return e.problem;
    throw e;
  }
  return 'none';
}

const withValue = (name: string, values: string[]) => attributes().map((a) => (a.name === name ? { ...a, values } : a));
const without = (name: string) => attributes().filter((a) => a.name !== name);

describe('checkIssuedAssertion', () => {
  it('accepts a sound assertion and returns its exact text with id and validity', () => {
    const xml = mint();
    const token = check(xml);
    expect(token.assertionXml).toBe(xml);
    expect(token.notOnOrAfter.getTime() - token.notBefore.getTime()).toBe(60 * MINUTE);
  });

  it('accepts a signer certificate issued by a CA given as trust anchor', () => {
    expect(() => check(mint(), { trustAnchors: [ca.certificatePem] })).not.toThrow();
  });

  it('refuses a signature by a key the anchor does not vouch for, and any change after signing', async () => {
    const other = createSimulatedIam(await createIamSigningCertificate(await createTestCa('another CA')));
    expect(problemOf(() => check(mint({ issuer: other }), { trustAnchors: [ca.certificatePem] }))).toBe('untrusted-token');
    expect(problemOf(() => check(mint().replace('>80000551<', '>80000254<')))).toBe('untrusted-token');
    expect(problemOf(() => check(mint(), { trustAnchors: [] }))).toBe('trust-anchor-missing');
  });

  it('refuses another issuer', () => {
    expect(problemOf(() => check(mint(), { issuer: 'urn:other:sts' }))).toBe('wrong-issuer');
  });

  it('never hands out a token within five minutes of its end, nor one from the future', () => {
    expect(problemOf(() => check(mint({ lifetimeMs: 5 * MINUTE })))).toBe('token-too-short');
    expect(problemOf(() => check(mint(), { now: new Date(Date.now() - 10 * MINUTE) }))).toBe('token-not-yet-valid');
  });

  it('refuses a token bound to another certificate than our holder-of-key', () => {
    expect(problemOf(() => check(mint({ hokPem: pharmacist.certificatePem })))).toBe('holder-of-key-mismatch');
  });

  it.each([
    ['urn:be:fgov:ehealth:1.0:pharmacy:nihii-number:recognisedpharmacy:boolean', ['false'], 'not-recognised-pharmacy'],
    ['urn:be:fgov:ehealth:1.0:pharmacy:nihii-number:person:ssin:ehealth:1.0:pharmacy-holder:boolean', ['false'], 'not-titular'],
    ['urn:be:fgov:ehealth:1.0:pharmacy:nihii-number:person:ssin:ehealth:1.0:pharmacy-holder:boolean', [''], 'attribute-empty'],
    ['urn:be:fgov:ehealth:1.0:pharmacy:nihii-number:recognisedpharmacy:boolean', [], 'attribute-empty'],
    ['urn:be:fgov:person:ssin:ehealth:1.0:pharmacy-holder:certified:nihii11', ['21234585001'], 'titular-riziv-differs'],
    ['urn:be:fgov:ehealth:1.0:pharmacy:nihii-number', ['80000254'], 'identity-mismatch'],
    ['urn:be:fgov:ehealth:1.0:pharmacy:nihii-number:recognisedpharmacy:boolean', ['true', 'false'], 'attribute-refused'],
  ])('%s = %j → %s', (name, values, problem) => {
    expect(problemOf(() => check(mint({ attributes: withValue(name, values) })))).toBe(problem);
  });

  it('a required attribute missing is a refusal; an optional one (givenname) may be absent', () => {
    expect(problemOf(() => check(mint({ attributes: without('urn:be:fgov:ehealth:1.0:pharmacy:nihii-number:recognisedpharmacy:boolean') })))).toBe('attribute-missing');
    expect(problemOf(() => check(mint({ attributes: without('urn:be:fgov:person:ssin:ehealth:1.0:givenname') })))).toBe('none');
  });

  it('a profile changed as data changes the checks without code', () => {
    const profile = StsProfileSchema.parse({
      ...builtInPharmacyProfile(),
      designators: [
        ...builtInPharmacyProfile().designators,
        { name: 'urn:be:fgov:ehealth:1.0:pharmacy:nihii-number:recognisedpharmacy:nihii11', namespace: 'urn:be:fgov:certified-namespace:ehealth', expect: 'present' },
      ],
    });
    expect(problemOf(() => check(mint(), { profile }))).toBe('attribute-missing');
  });
});
