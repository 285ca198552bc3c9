/**
 * A fixed extension id for demo and test builds (`wxt build --mode demo`), so
 * the companion's allowed origin is known before the browser starts.
 *
 * Chromium derives an extension's id from the manifest `key` (the public key,
 * base64 DER SubjectPublicKeyInfo): the first 16 bytes of its SHA-256, each
 * hex digit mapped 0-f → a-p. Only the public half exists: no private key was
 * kept, none is needed to load an unpacked extension. The key is written into
 * demo builds only; store archives (`wxt zip`, production mode) never carry it.
 */
import { createHash } from 'node:crypto';

export const DEMO_BUILD_MODE = 'demo';

export const DEMO_EXTENSION_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxKCtaIUO5L2FPeI6qJb4uyukYdnVqBJ9zFN/ZeaZ0oI44/aXfZIEn3MV27yLS+yaj5MtoA4c+HWa0RNU3hwdnmrfP9WWI8LV+FePCuUD+dRKHr/M4hiToigEkf5LNXVr+sl19Dq1eMu2ucyw2mOHcWIweiSDMG0k2NZI8hwJQ3H2sG/rWvF+T+mEIIrxzNqxMJHwuj87UYKMmQ4myiNPAtH3Sp20eBjohKyvEsjt+aOIcJDDE2EbObbGwLhK2QkZAJkb1P9ZNKz0GHC1u8fE3WhmAKDnx+H3WQQPCIUQCLfV4miRKscd75mYb+79BtqzXseDCNXAG5OdHWlZTOzCFQIDAQAB';

/** The Chromium extension id a manifest `key` gives. */
export function extensionIdFromKey(publicKeyBase64: string): string {
  const digest = createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest();
  return [...digest.subarray(0, 16).toString('hex')].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** `fijnloioaefpmjicmjimdfgakjjicnoo` */
export const DEMO_EXTENSION_ID = extensionIdFromKey(DEMO_EXTENSION_PUBLIC_KEY);
export const DEMO_EXTENSION_ORIGIN = `chrome-extension://${DEMO_EXTENSION_ID}`;
