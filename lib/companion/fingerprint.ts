/**
 * The short fingerprint of a pairing secret, shown by the companion (`pair`,
 * `start`, `/v1/health`) and by the extension's options page, so the
 * pharmacist can check both hold the same secret without reading it aloud.
 *
 * First 32 bits of SHA-256 over the secret's UTF-8 bytes, as 8 lowercase hex
 * digits grouped by four: `3f2a-9c1b`. Uses WebCrypto (`crypto.subtle`), which
 * exists in Node 20 and in browsers, so both sides run this same function.
 */
export async function pairingFingerprint(secret: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  const hex = Array.from(new Uint8Array(digest).slice(0, 4), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 4)}-${hex.slice(4)}`;
}

/** `3f2a-9c1b`: what pairingFingerprint returns. */
export const PAIRING_FINGERPRINT_PATTERN = /^[0-9a-f]{4}-[0-9a-f]{4}$/;
