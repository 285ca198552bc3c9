/**
 * The pairing secret shared by the companion and the extension: 256 random
 * bits, base64url. Stored in the data folder, readable by its owner only; the
 * environment variable `COMPANION_PAIRING_SECRET` takes precedence (demos,
 * automated tests).
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const SECRET_FILE_NAME = 'pairing-secret';
export const PAIRING_SECRET_ENV = 'COMPANION_PAIRING_SECRET';
export const SECRET_BYTES = 32;
/** 256 bits in base64url is 43 characters; longer secrets are fine. */
const WELL_FORMED_SECRET = /^[A-Za-z0-9_-]{43,512}$/;

export function generatePairingSecret(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}

export function isWellFormedSecret(secret: string): boolean {
  return WELL_FORMED_SECRET.test(secret);
}

export function secretFilePath(dataDir: string): string {
  return path.join(dataDir, SECRET_FILE_NAME);
}

/** Creates the data folder (owner only) if needed. */
export async function ensureDataDir(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
}

/**
 * Writes `content` to `file` readable by its owner only, atomically: a
 * half-written secret is never left behind, and the mode is set before the
 * content exists under the final name.
 */
export async function writePrivateFile(file: string, content: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, content, { mode: 0o600, flag: 'wx' });
  await chmod(temp, 0o600);
  await rename(temp, file);
}

export async function storePairingSecret(dataDir: string, secret: string): Promise<string> {
  if (!isWellFormedSecret(secret)) throw new Error('refusing to store a pairing secret shorter than 256 bits');
  await ensureDataDir(dataDir);
  const file = secretFilePath(dataDir);
  await writePrivateFile(file, `${secret}\n`);
  return file;
}

export type StoredSecret =
  | { kind: 'found'; secret: string; file: string }
  | { kind: 'missing'; file: string }
  | { kind: 'malformed'; file: string }
  /** Group or others may read it (POSIX only): refuse, like ssh does with keys. */
  | { kind: 'too-open'; file: string; mode: number }
  | { kind: 'unreadable'; file: string };

export async function readStoredPairingSecret(dataDir: string, platform: NodeJS.Platform = process.platform): Promise<StoredSecret> {
  const file = secretFilePath(dataDir);
  let mode: number;
  try {
    mode = (await stat(file)).mode & 0o777;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? { kind: 'missing', file } : { kind: 'unreadable', file };
  }
  if (platform !== 'win32' && (mode & 0o077) !== 0) return { kind: 'too-open', file, mode };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { kind: 'unreadable', file };
  }
  const secret = text.trim();
  return isWellFormedSecret(secret) ? { kind: 'found', secret, file } : { kind: 'malformed', file };
}

export type SecretResolution =
  | { ok: true; secret: string; source: 'env' | 'file' }
  | { ok: false; problem: 'env-malformed' }
  | { ok: false; problem: Exclude<StoredSecret['kind'], 'found'>; file: string };

/** `COMPANION_PAIRING_SECRET` when set, else the stored secret. */
export async function resolvePairingSecret(
  env: Readonly<Record<string, string | undefined>>,
  dataDir: string,
  platform: NodeJS.Platform = process.platform,
): Promise<SecretResolution> {
  const fromEnv = env[PAIRING_SECRET_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    return isWellFormedSecret(fromEnv) ? { ok: true, secret: fromEnv, source: 'env' } : { ok: false, problem: 'env-malformed' };
  }
  const stored = await readStoredPairingSecret(dataDir, platform);
  if (stored.kind === 'found') return { ok: true, secret: stored.secret, source: 'file' };
  return { ok: false, problem: stored.kind, file: stored.file };
}
