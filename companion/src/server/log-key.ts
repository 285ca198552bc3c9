/**
 * The per-install key of `patientRef`: 256 random bits in the data folder,
 * owner-only, made on first start.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ensureDataDir, writePrivateFile } from '../pairing/secret.ts';

export const LOG_KEY_FILE_NAME = 'log-key';

export async function loadOrCreateLogKey(dataDir: string): Promise<Uint8Array> {
  const file = path.join(dataDir, LOG_KEY_FILE_NAME);
  try {
    const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
    if (key.length >= 32) return key;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  await ensureDataDir(dataDir);
  const key = randomBytes(32);
  await writePrivateFile(file, `${key.toString('base64url')}\n`);
  return key;
}
