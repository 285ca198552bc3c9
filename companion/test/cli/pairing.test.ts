/** The pairing secret: made, stored owner-only, read back, fingerprinted the same on both sides. */
import { createHash } from 'node:crypto';
import { chmod, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pairingFingerprint, PAIRING_FINGERPRINT_PATTERN } from '../../../lib/companion/fingerprint.ts';
import {
  generatePairingSecret,
  isWellFormedSecret,
  readStoredPairingSecret,
  resolvePairingSecret,
  secretsMatch,
  storePairingSecret,
} from '../../src/pairing/index.ts';

const tempDir = () => mkdtemp(path.join(os.tmpdir(), 'vc-pair-'));
const posix = process.platform !== 'win32';

describe('secret', () => {
  it('has at least 256 random bits, base64url', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const s = generatePairingSecret();
      expect(s).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(s, 'base64url')).toHaveLength(32);
      expect(isWellFormedSecret(s)).toBe(true);
      seen.add(s);
    }
    expect(seen.size).toBe(50);
  });

  it.each(['', 'short', 'a'.repeat(42), `${'a'.repeat(43)}=`, `${'a'.repeat(42)} `])('refuses %j as a secret', (s) => {
    expect(isWellFormedSecret(s)).toBe(false);
  });
});

describe('stored secret', () => {
  it.runIf(posix)('is written with mode 0600 in a 0700 folder, and read back', async () => {
    const dir = path.join(await tempDir(), 'nested', 'data');
    const secret = generatePairingSecret();
    const file = await storePairingSecret(dir, secret);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect(await readStoredPairingSecret(dir)).toEqual({ kind: 'found', secret, file });
  });

  it('replaces the previous secret', async () => {
    const dir = await tempDir();
    await storePairingSecret(dir, generatePairingSecret());
    const second = generatePairingSecret();
    await storePairingSecret(dir, second);
    expect(await readStoredPairingSecret(dir)).toMatchObject({ kind: 'found', secret: second });
  });

  it('reports a missing, a damaged and (POSIX) a too-open file', async () => {
    const dir = await tempDir();
    expect((await readStoredPairingSecret(dir)).kind).toBe('missing');
    const file = await storePairingSecret(dir, generatePairingSecret());
    await writeFile(file, 'tooshort\n', { mode: 0o600 });
    expect((await readStoredPairingSecret(dir)).kind).toBe('malformed');
    await storePairingSecret(dir, generatePairingSecret());
    await chmod(file, 0o644);
    expect((await readStoredPairingSecret(dir, 'linux')).kind).toBe('too-open');
    // Windows has no POSIX modes: the check does not apply there.
    expect((await readStoredPairingSecret(dir, 'win32')).kind).toBe('found');
  });

  it('refuses to store a weak secret', async () => {
    await expect(storePairingSecret(await tempDir(), 'weak')).rejects.toThrow(/256 bits/);
  });
});

describe('resolvePairingSecret', () => {
  it('prefers COMPANION_PAIRING_SECRET, else the stored secret', async () => {
    const dir = await tempDir();
    const stored = generatePairingSecret();
    await storePairingSecret(dir, stored);
    const fromEnv = generatePairingSecret();
    expect(await resolvePairingSecret({ COMPANION_PAIRING_SECRET: fromEnv }, dir)).toEqual({ ok: true, secret: fromEnv, source: 'env' });
    expect(await resolvePairingSecret({}, dir)).toEqual({ ok: true, secret: stored, source: 'file' });
  });

  it('refuses a weak COMPANION_PAIRING_SECRET and reports a missing one', async () => {
    const dir = await tempDir();
    expect(await resolvePairingSecret({ COMPANION_PAIRING_SECRET: 'demo' }, dir)).toEqual({ ok: false, problem: 'env-malformed' });
    expect(await resolvePairingSecret({}, dir)).toMatchObject({ ok: false, problem: 'missing' });
  });
});

describe('fingerprint', () => {
  it('is the first 32 bits of SHA-256, grouped, same as Node crypto computes', async () => {
    const secret = 'dGVzdC1zZWNyZXQtdGhhdC1pcy1sb25nLWVub3VnaC0yNTYtYml0cw';
    const hex = createHash('sha256').update(secret, 'utf8').digest('hex');
    const fp = await pairingFingerprint(secret);
    expect(fp).toBe(`${hex.slice(0, 4)}-${hex.slice(4, 8)}`);
    expect(fp).toMatch(PAIRING_FINGERPRINT_PATTERN);
  });

  it('differs between secrets and never contains the secret', async () => {
    const a = generatePairingSecret();
    const b = generatePairingSecret();
    expect(await pairingFingerprint(a)).not.toBe(await pairingFingerprint(b));
    expect(a).not.toContain((await pairingFingerprint(a)).replace('-', ''));
  });
});

describe('secretsMatch', () => {
  it('matches only the exact secret', () => {
    const s = generatePairingSecret();
    expect(secretsMatch(s, s)).toBe(true);
    expect(secretsMatch(`${s}x`, s)).toBe(false);
    expect(secretsMatch(s.slice(0, -1), s)).toBe(false);
    expect(secretsMatch('', s)).toBe(false);
  });
});

describe('the stored file holds only the secret', () => {
  it('one line, nothing else', async () => {
    const dir = await tempDir();
    const s = generatePairingSecret();
    const file = await storePairingSecret(dir, s);
    expect(await readFile(file, 'utf8')).toBe(`${s}\n`);
  });
});
