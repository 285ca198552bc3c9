/** Test identities made once per test file: a CA, the pharmacy HOK, the pharmacist and a simulated IAM. */
import {
  createTestCa,
  createPharmacyHokCertificate,
  createPharmacistCertificate,
  createIamSigningCertificate,
  type IssuedCertificate,
  type TestCa,
} from '../../src/pki/index.ts';
import { createSimulatedIam, pharmacyAttributes, type PharmacyProfile, type SimulatedIam } from '../../src/simulator/iam.ts';

export const TEST_PROFILE: PharmacyProfile = {
  pharmacyNumber: '80000551',
  pharmacistSsin: '80010112379',
  pharmacistRiziv: '20807092001',
};

export interface TestIdentities {
  ca: TestCa;
  hok: IssuedCertificate;
  pharmacist: IssuedCertificate;
  iamSigner: IssuedCertificate;
  iam: SimulatedIam;
}

export async function makeTestIdentities(): Promise<TestIdentities> {
  const ca = await createTestCa();
  const [hok, pharmacist, iamSigner] = await Promise.all([
    createPharmacyHokCertificate(ca, TEST_PROFILE.pharmacyNumber),
    createPharmacistCertificate(ca, TEST_PROFILE.pharmacistSsin),
    createIamSigningCertificate(ca),
  ]);
  return { ca, hok, pharmacist, iamSigner, iam: createSimulatedIam(iamSigner) };
}

export function mintTestAssertion(ids: TestIdentities, overrides: { notBefore?: Date; notOnOrAfter?: Date } = {}) {
  return ids.iam.mintAssertion({
    holderOfKeyCertificatePem: ids.hok.certificatePem,
    identificationCertificatePem: ids.pharmacist.certificatePem,
    attributes: pharmacyAttributes(TEST_PROFILE),
    ...overrides,
  });
}
