export { pairingFingerprint, PAIRING_FINGERPRINT_PATTERN } from '../../../lib/companion/fingerprint.ts';
export {
  generatePairingSecret,
  isWellFormedSecret,
  storePairingSecret,
  readStoredPairingSecret,
  resolvePairingSecret,
  secretFilePath,
  ensureDataDir,
  writePrivateFile,
  SECRET_FILE_NAME,
  PAIRING_SECRET_ENV,
  SECRET_BYTES,
} from './secret.ts';
export type { StoredSecret, SecretResolution } from './secret.ts';
export { secretsMatch } from './compare.ts';
