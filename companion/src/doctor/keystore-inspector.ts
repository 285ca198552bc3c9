/**
 * The seam between `doctor` (and `/v1/health`) and the code that opens a
 * PKCS#12 keystore. The command line passes an implementation when the
 * keystore module provides one; without it, doctor says the certificate is not
 * inspected rather than inventing facts.
 */
export interface KeystoreCertificateFacts {
  /** The certificate's CN (or the subject when there is no CN). */
  subject: string;
  notAfter: Date;
  ehealthIdentifier?: { type: string; value: string };
  /** Start of validity (a certificate not valid yet is refused like an expired one). */
  notBefore?: Date;
  /** Every alias (friendlyName) found in the keystore. */
  aliases?: string[];
  /** Key entries beside the signing one (ETEE encryption keys). */
  encryptionKeys?: number;
  /** Issuer of the signing certificate, one attribute per line (compares the two keystores). */
  issuer?: string;
}

export type KeystoreInspection =
  | { ok: true; certificate: KeystoreCertificateFacts }
  /** `reason` in plain words (naming the file when `fix` is given); `fix`: the next action, when the opener knows it. */
  | { ok: false; reason: string; fix?: string };

export type KeystoreInspector = (input: { file: string; password: string; alias: string }) => Promise<KeystoreInspection>;
