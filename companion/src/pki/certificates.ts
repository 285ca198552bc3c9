/**
 * X.509 certificates for the simulator and the tests, issued by a test CA
 * made at run time. Nothing here is secret or committed: every key is
 * generated when the simulator or a test starts.
 */
import { randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { generateRsaKeyPair, type RsaKeyPair } from './keys.ts';
import { certificateBase64, toPem } from './pem.ts';

export interface DistinguishedNameAttribute {
  /** forge short name: CN, O, OU, C, L, ST... */
  shortName: 'CN' | 'O' | 'OU' | 'C' | 'L' | 'ST' | 'serialNumber';
  value: string;
}

export interface IssuedCertificate extends RsaKeyPair {
  certificatePem: string;
}

export interface TestCa extends IssuedCertificate {
  subject: DistinguishedNameAttribute[];
}

/** What a certificate is for: decides basicConstraints, keyUsage and extKeyUsage. */
export type CertificateProfile =
  | { kind: 'tls-server'; hosts: readonly string[] }
  /** Signs XML (IAM assertions, WS-Security): digitalSignature + nonRepudiation. */
  | { kind: 'signing' }
  /** eHealth-style personal or organisation certificate: signing and client authentication. */
  | { kind: 'ehealth-authentication' }
  /** eHealth-style ETEE encryption certificate: key and data encipherment, no signing. */
  | { kind: 'ehealth-encryption' };

export interface IssueOptions {
  subject: DistinguishedNameAttribute[];
  profile: CertificateProfile;
  /** Default: one day before now. */
  notBefore?: Date;
  /** Default: notBefore + 2 years. */
  notAfter?: Date;
  /** Reuse a key pair instead of generating one. */
  keyPair?: RsaKeyPair;
}

const DAY_MS = 86_400_000;

function positiveSerial(): string {
  // 16 random bytes with the top bit cleared: a positive INTEGER in DER.
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex');
}

function toForgeAttributes(attributes: readonly DistinguishedNameAttribute[]): forge.pki.CertificateField[] {
  return attributes.map((a) => ({ shortName: a.shortName, value: a.value }));
}

function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

function extensionsFor(profile: CertificateProfile): object[] {
  switch (profile.kind) {
    case 'tls-server':
      return [
        { name: 'basicConstraints', cA: false, critical: true },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: profile.hosts.map((host) => (isIpAddress(host) ? { type: 7, ip: host } : { type: 2, value: host })),
        },
      ];
    case 'signing':
      return [
        { name: 'basicConstraints', cA: false, critical: true },
        { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
      ];
    case 'ehealth-authentication':
      return [
        { name: 'basicConstraints', cA: false, critical: true },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', clientAuth: true },
      ];
    case 'ehealth-encryption':
      return [
        { name: 'basicConstraints', cA: false, critical: true },
        { name: 'keyUsage', keyEncipherment: true, dataEncipherment: true, critical: true },
      ];
  }
}

function buildCertificate(
  keyPair: RsaKeyPair,
  subject: readonly DistinguishedNameAttribute[],
  issuer: { subject: readonly DistinguishedNameAttribute[]; privateKeyPem: string; publicKeyPem: string },
  extensions: object[],
  notBefore: Date,
  notAfter: Date,
): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keyPair.publicKeyPem);
  cert.serialNumber = positiveSerial();
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  cert.setSubject(toForgeAttributes(subject));
  cert.setIssuer(toForgeAttributes(issuer.subject));
  const issuerPublicKey = forge.pki.publicKeyFromPem(issuer.publicKeyPem);
  // Same digest forge uses for subjectKeyIdentifier, so AKI and the issuer's SKI match.
  const issuerKeyId = forge.pki.getPublicKeyFingerprint(issuerPublicKey, { type: 'RSAPublicKey' }).getBytes();
  cert.setExtensions([
    ...extensions,
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: issuerKeyId },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(issuer.privateKeyPem), forge.md.sha256.create());
  // forge writes CRLF line ends; normalise to the PEM the rest of the companion uses.
  return toPem(certificateBase64(forge.pki.certificateToPem(cert)), 'CERTIFICATE');
}

/** A self-signed certificate authority for one simulator run or one test file. */
export async function createTestCa(commonName = 'Vaccicard companion test CA'): Promise<TestCa> {
  const keyPair = await generateRsaKeyPair();
  const subject: DistinguishedNameAttribute[] = [
    { shortName: 'C', value: 'BE' },
    { shortName: 'O', value: 'Vaccicard companion simulator' },
    { shortName: 'CN', value: commonName },
  ];
  const now = Date.now();
  const certificatePem = buildCertificate(
    keyPair,
    subject,
    { subject, ...keyPair },
    [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
    new Date(now - DAY_MS),
    new Date(now + 10 * 365 * DAY_MS),
  );
  return { ...keyPair, certificatePem, subject };
}

/** Issues a certificate signed by `ca`. */
export async function issueCertificate(ca: TestCa, options: IssueOptions): Promise<IssuedCertificate> {
  const keyPair = options.keyPair ?? (await generateRsaKeyPair());
  const notBefore = options.notBefore ?? new Date(Date.now() - DAY_MS);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + 2 * 365 * DAY_MS);
  const certificatePem = buildCertificate(keyPair, options.subject, ca, extensionsFor(options.profile), notBefore, notAfter);
  return { ...keyPair, certificatePem };
}
