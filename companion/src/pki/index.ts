export { readPemBlocks, toPem, certificateBase64, certificatePemFromBase64, splitCertificates, type PemBlock } from './pem.ts';
export { generateRsaKeyPair, generateRsaKeyPairSync, type RsaKeyPair } from './keys.ts';
export {
  createTestCa,
  issueCertificate,
  type TestCa,
  type IssuedCertificate,
  type IssueOptions,
  type CertificateProfile,
  type DistinguishedNameAttribute,
} from './certificates.ts';
export {
  createPharmacyHokCertificate,
  createPharmacistCertificate,
  createIamSigningCertificate,
  createTlsServerCertificate,
  createEncryptionCertificate,
  type ValidityOverride,
} from './ehealth-identities.ts';
export {
  describeCertificate,
  parseEhealthCommonName,
  daysToExpiry,
  type CertificateInfo,
  type EhealthIdentifier,
  type EhealthIdentifierType,
} from './certificate-info.ts';
export { writePkcs12, writeKeystorePkcs12, type Pkcs12Input, type KeystoreInput, type KeystoreEntryInput } from './pkcs12.ts';
