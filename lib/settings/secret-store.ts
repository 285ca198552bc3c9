/**
 * The pairing secret, kept in the extension-origin IndexedDB (never in
 * `storage.local`, which content scripts can read), encrypted with AES-GCM
 * under a non-extractable WebCrypto key stored beside it: the key can be used
 * by this extension but its bytes cannot be exported, and the stored secret is
 * never plain text on disk or in a storage dump.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const SECRET_DB_NAME = 'vaccicard-secrets';
const SECRET_DB_VERSION = 1;
const WRAP_KEY_ID = 'wrap-key';
const PAIRING_ID = 'pairing-secret';

/** As the companion generates it: 256 random bits or more, base64url (43-512 characters). */
export const PAIRING_SECRET_PATTERN = /^[A-Za-z0-9_-]{43,512}$/;

export function isWellFormedPairingSecret(secret: string): boolean {
  return PAIRING_SECRET_PATTERN.test(secret);
}

interface SealedSecret {
  iv: Uint8Array;
  ciphertext: ArrayBuffer;
}

interface SecretDbSchema extends DBSchema {
  items: { key: string; value: CryptoKey | SealedSecret };
}

type SecretDb = IDBPDatabase<SecretDbSchema>;

export interface SecretStore {
  get(): Promise<string | undefined>;
  /** Throws `Error('pairing-secret:malformed')` for a secret the companion would never issue. */
  set(secret: string): Promise<void>;
  clear(): Promise<void>;
}

function openSecretDb(): Promise<SecretDb> {
  return openDB<SecretDbSchema>(SECRET_DB_NAME, SECRET_DB_VERSION, {
    upgrade(db) {
      db.createObjectStore('items');
    },
  });
}

function isCryptoKey(v: unknown): v is CryptoKey {
  return typeof v === 'object' && v !== null && 'algorithm' in v && 'usages' in v && 'type' in v;
}

function isSealed(v: unknown): v is SealedSecret {
  return typeof v === 'object' && v !== null && 'iv' in v && 'ciphertext' in v;
}

export class IdbSecretStore implements SecretStore {
  private dbPromise: Promise<SecretDb> | undefined;

  constructor(private readonly open: () => Promise<SecretDb> = openSecretDb) {}

  private database(): Promise<SecretDb> {
    this.dbPromise ??= this.open().catch((e: unknown) => {
      this.dbPromise = undefined;
      throw e;
    });
    return this.dbPromise;
  }

  private async wrapKey(db: SecretDb): Promise<CryptoKey> {
    const existing = await db.get('items', WRAP_KEY_ID);
    if (isCryptoKey(existing)) return existing;
    const key = await globalThis.crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    await db.put('items', key, WRAP_KEY_ID);
    return key;
  }

  async get(): Promise<string | undefined> {
    const db = await this.database();
    const sealed = await db.get('items', PAIRING_ID);
    const key = await db.get('items', WRAP_KEY_ID);
    if (!isSealed(sealed) || !isCryptoKey(key)) return undefined;
    try {
      const plain = await globalThis.crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: sealed.iv as BufferSource },
        key,
        sealed.ciphertext,
      );
      return new TextDecoder().decode(plain);
    } catch {
      // Key and secret no longer belong together: treat as not paired.
      return undefined;
    }
  }

  async set(secret: string): Promise<void> {
    if (!isWellFormedPairingSecret(secret)) throw new Error('pairing-secret:malformed');
    const db = await this.database();
    const key = await this.wrapKey(db);
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
    const ciphertext = await globalThis.crypto.subtle.encrypt(
      { name: 'AES-GCM', iv },
      key,
      new TextEncoder().encode(secret),
    );
    await db.put('items', { iv, ciphertext }, PAIRING_ID);
  }

  async clear(): Promise<void> {
    const db = await this.database();
    const tx = db.transaction('items', 'readwrite');
    await tx.store.delete(PAIRING_ID);
    await tx.store.delete(WRAP_KEY_ID);
    await tx.done;
  }
}
