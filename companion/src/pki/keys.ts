/**
 * RSA key pairs for test and simulator identities. Node's own generator is
 * fast (native); node-forge only builds the certificates.
 */
import { generateKeyPair, generateKeyPairSync } from 'node:crypto';

export interface RsaKeyPair {
  /** PKCS#8 PEM. */
  privateKeyPem: string;
  /** SPKI PEM. */
  publicKeyPem: string;
}

const OPTIONS = {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
} as const;

export function generateRsaKeyPairSync(): RsaKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', OPTIONS);
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

/** Runs on the libuv thread pool: several keys generate in parallel. */
export function generateRsaKeyPair(): Promise<RsaKeyPair> {
  return new Promise((resolve, reject) => {
    generateKeyPair('rsa', OPTIONS, (error, publicKey, privateKey) => {
      if (error) reject(error);
      else resolve({ privateKeyPem: privateKey, publicKeyPem: publicKey });
    });
  });
}
