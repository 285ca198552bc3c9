/**
 * Reads what the companion shows about a certificate (doctor, /v1/health):
 * subject, validity, and the eHealth identifier in its CN
 * (`NIHII-PHARMACY=80000551, APP`, `SSIN=80010112379, APP`).
 */
import { X509Certificate } from 'node:crypto';

export type EhealthIdentifierType = 'NIHII-PHARMACY' | 'SSIN' | 'NIHII' | 'CBE' | 'EHP';

export interface EhealthIdentifier {
  type: EhealthIdentifierType;
  value: string;
}

export interface CertificateInfo {
  /** One `key=value` per line, as Node prints it. */
  subject: string;
  issuer: string;
  commonName?: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 fingerprint, colon-separated hex. */
  fingerprint256: string;
  ehealthIdentifier?: EhealthIdentifier;
}

const IDENTIFIER = /^(NIHII-PHARMACY|SSIN|NIHII|CBE|EHP)=(\d+)/;

/** Parses the identifier at the start of an eHealth certificate CN. */
export function parseEhealthCommonName(commonName: string): EhealthIdentifier | undefined {
  const m = IDENTIFIER.exec(commonName.replace(/^"|"$/g, '').trim());
  if (!m) return undefined;
  return { type: m[1] as EhealthIdentifierType, value: m[2]! };
}

function commonNameOf(subject: string): string | undefined {
  // Node prints one attribute per line; a CN that holds a comma is quoted.
  // Node prints one attribute per line and escapes special characters (`\,`).
  const line = subject.split('\n').find((l) => l.startsWith('CN='));
  return line?.slice(3).replace(/^"|"$/g, '').replace(/\\(.)/g, '$1');
}

export function describeCertificate(certificatePem: string): CertificateInfo {
  const cert = new X509Certificate(certificatePem);
  const commonName = commonNameOf(cert.subject);
  const info: CertificateInfo = {
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: cert.serialNumber,
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
    fingerprint256: cert.fingerprint256,
  };
  if (commonName !== undefined) {
    info.commonName = commonName;
    const id = parseEhealthCommonName(commonName);
    if (id) info.ehealthIdentifier = id;
  }
  return info;
}

/** Whole days from `now` until the certificate expires (negative once expired). */
export function daysToExpiry(info: Pick<CertificateInfo, 'notAfter'>, now: Date = new Date()): number {
  return Math.floor((info.notAfter.getTime() - now.getTime()) / 86_400_000);
}
