/**
 * Keystore passwords come from an environment variable or a file, never from
 * the configuration itself. The password is returned to the caller that opens
 * the keystore and goes nowhere else (not in errors, not in logs).
 */
import { readFile } from 'node:fs/promises';
import type { PasswordSource } from './schema.ts';

export type PasswordResult =
  | { ok: true; password: string }
  | { ok: false; reason: 'env-unset'; variable: string }
  | { ok: false; reason: 'file-unreadable'; file: string };

export async function resolvePassword(
  source: PasswordSource,
  env: Readonly<Record<string, string | undefined>>,
): Promise<PasswordResult> {
  if ('env' in source) {
    const value = env[source.env];
    return value === undefined ? { ok: false, reason: 'env-unset', variable: source.env } : { ok: true, password: value };
  }
  try {
    const text = await readFile(source.file, 'utf8');
    // One trailing line break is what editors and `echo` add; it is not part of the password.
    return { ok: true, password: text.replace(/\r?\n$/, '') };
  } catch {
    return { ok: false, reason: 'file-unreadable', file: source.file };
  }
}
