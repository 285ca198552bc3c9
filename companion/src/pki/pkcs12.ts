/**
 * Packs a key and its certificate chain into a PKCS#12 file shaped like an
 * eHealth keystore: the authentication key under the friendly name
 * `authentication` (ehealth-auth.md §6), AES-256 + SHA-256 MAC.
 * Used to make test keystores for the STS work; never for real keys.
 */
import forge from 'node-forge';
import { splitCertificates } from './pem.ts';

export interface Pkcs12Input {
  privateKeyPem: string;
  /** The key's certificate first, then any chain certificates. */
  certificatePem: string;
  chainPem?: string;
  password: string;
  /** Default `authentication`, the alias eHealth connectors read. */
  friendlyName?: string;
}

export function writePkcs12(input: Pkcs12Input): Buffer {
  const key = forge.pki.privateKeyFromPem(input.privateKeyPem);
  const chain = [...splitCertificates(input.certificatePem), ...splitCertificates(input.chainPem ?? '')].map((pem) =>
    forge.pki.certificateFromPem(pem),
  );
  if (chain.length === 0) throw new Error('a PKCS#12 file needs at least the key certificate');
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, chain, input.password, {
    algorithm: 'aes256',
    friendlyName: input.friendlyName ?? 'authentication',
    generateLocalKeyId: true,
  });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
