/**
 * The cache key of a patient: HMAC-SHA-256 of the INSZ under a random key
 * that never leaves this browser profile (non-extractable WebCrypto key,
 * stored in the extension-origin IndexedDB). The key store can be listed
 * without revealing which patients were looked up; clearing the cache also
 * drops the key, so old keys cannot be linked to new ones.
 */
const ENCODER = new TextEncoder();

export async function generatePatientKeySecret(): Promise<CryptoKey> {
  return globalThis.crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

export async function patientCacheKey(hmacKey: CryptoKey, insz: string): Promise<string> {
  const mac = await globalThis.crypto.subtle.sign('HMAC', hmacKey, ENCODER.encode(`vaccicard-consult:${insz}`));
  return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, '0')).join('');
}
