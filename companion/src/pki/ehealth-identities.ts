/**
 * Test certificates shaped like the eHealth ones a pharmacy holds
 * (ehealth-auth.md §2.1, §6): the pharmacy's holder-of-key certificate
 * (`NIHII-PHARMACY=<8 digits>`), the titular pharmacist's identification
 * certificate (`SSIN=<11 digits>`), plus the simulator's own IAM signing
 * certificate and TLS server certificates.
 */
import { issueCertificate, type DistinguishedNameAttribute, type IssuedCertificate, type TestCa } from './certificates.ts';

const EHEALTH_OU = 'eHealth-platform Belgium';

function ehealthSubject(identifier: string, application: string): DistinguishedNameAttribute[] {
  return [
    { shortName: 'C', value: 'BE' },
    { shortName: 'O', value: 'Federal Government' },
    { shortName: 'OU', value: EHEALTH_OU },
    { shortName: 'OU', value: application },
    { shortName: 'OU', value: identifier },
    { shortName: 'CN', value: `${identifier}, ${application}` },
  ];
}

export interface ValidityOverride {
  notBefore?: Date;
  notAfter?: Date;
}

/** The pharmacy certificate: holder-of-key of the SAML token, signs every hub call. */
export function createPharmacyHokCertificate(
  ca: TestCa,
  pharmacyNumber: string,
  application = 'VACCICARD COMPANION',
  validity: ValidityOverride = {},
): Promise<IssuedCertificate> {
  if (!/^\d{8}$/.test(pharmacyNumber)) throw new Error('a pharmacy number has 8 digits');
  return issueCertificate(ca, {
    subject: ehealthSubject(`NIHII-PHARMACY=${pharmacyNumber}`, application),
    profile: { kind: 'ehealth-authentication' },
    ...validity,
  });
}

/** The titular pharmacist's personal certificate: identification towards the STS. */
export function createPharmacistCertificate(
  ca: TestCa,
  ssin: string,
  application = 'VACCICARD COMPANION',
  validity: ValidityOverride = {},
): Promise<IssuedCertificate> {
  if (!/^\d{11}$/.test(ssin)) throw new Error('an SSIN has 11 digits');
  return issueCertificate(ca, {
    subject: ehealthSubject(`SSIN=${ssin}`, application),
    profile: { kind: 'ehealth-authentication' },
    ...validity,
  });
}

/**
 * An ETEE encryption certificate for the same eHealth identity
 * (`SSIN=...` or `NIHII-PHARMACY=...`): eHealth keystores hold these beside the
 * `authentication` entry (ehealth-auth.md §6). Key usage has no digitalSignature.
 */
export function createEncryptionCertificate(
  ca: TestCa,
  identifier: `SSIN=${string}` | `NIHII-PHARMACY=${string}`,
  application = 'VACCICARD COMPANION',
  validity: ValidityOverride = {},
): Promise<IssuedCertificate> {
  if (!/^(SSIN=\d{11}|NIHII-PHARMACY=\d{8})$/.test(identifier)) throw new Error('expected SSIN=<11 digits> or NIHII-PHARMACY=<8 digits>');
  return issueCertificate(ca, {
    subject: ehealthSubject(identifier, application),
    profile: { kind: 'ehealth-encryption' },
    ...validity,
  });
}

/** The simulator's stand-in for the eHealth I.AM certificate that signs assertions. */
export function createIamSigningCertificate(ca: TestCa, commonName = 'Simulated eHealth I.AM STS'): Promise<IssuedCertificate> {
  return issueCertificate(ca, {
    subject: [
      { shortName: 'C', value: 'BE' },
      { shortName: 'O', value: 'Vaccicard companion simulator' },
      { shortName: 'CN', value: commonName },
    ],
    profile: { kind: 'signing' },
  });
}

/** A TLS server certificate for 127.0.0.1 and localhost (or the given hosts). */
export function createTlsServerCertificate(
  ca: TestCa,
  hosts: readonly string[] = ['127.0.0.1', 'localhost'],
): Promise<IssuedCertificate> {
  return issueCertificate(ca, {
    subject: [
      { shortName: 'C', value: 'BE' },
      { shortName: 'O', value: 'Vaccicard companion simulator' },
      { shortName: 'CN', value: hosts[0] ?? 'localhost' },
    ],
    profile: { kind: 'tls-server', hosts },
  });
}
