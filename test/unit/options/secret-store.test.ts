import { beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { IdbSecretStore, SECRET_DB_NAME } from '../../../lib/settings/secret-store.ts';

const SECRET = 'Zm9vYmFyYmF6cXV4cXV1eF9fX19fX19fX19fX19fX19fX19fX19f';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('IdbSecretStore', () => {
  it('keeps the secret across instances (a restarted worker)', async () => {
    expect(await new IdbSecretStore().get()).toBeUndefined();
    await new IdbSecretStore().set(SECRET);
    expect(await new IdbSecretStore().get()).toBe(SECRET);
  });

  it('stores it encrypted under a non-extractable key', async () => {
    await new IdbSecretStore().set(SECRET);
    const db = await openDB(SECRET_DB_NAME);
    const items = new Map<string, unknown>();
    for (const key of await db.getAllKeys('items')) items.set(String(key), await db.get('items', key));
    db.close();
    const key = items.get('wrap-key') as CryptoKey;
    expect(key.extractable).toBe(false);
    expect(key.algorithm.name).toBe('AES-GCM');
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toBeDefined();
    const sealed = items.get('pairing-secret') as { ciphertext: ArrayBuffer };
    const bytes = new TextDecoder('latin1').decode(sealed.ciphertext);
    expect(bytes).not.toContain(SECRET.slice(0, 12));
  });

  it('refuses a secret the companion would never issue', async () => {
    const store = new IdbSecretStore();
    for (const bad of ['short', `${SECRET} `, `${SECRET}!`, 'x'.repeat(513)]) {
      await expect(store.set(bad)).rejects.toThrow('pairing-secret:malformed');
    }
    expect(await store.get()).toBeUndefined();
  });

  it('forgets the secret and its key on clear', async () => {
    const store = new IdbSecretStore();
    await store.set(SECRET);
    await store.clear();
    expect(await store.get()).toBeUndefined();
    const db = await openDB(SECRET_DB_NAME);
    expect(await db.getAllKeys('items')).toEqual([]);
    db.close();
  });

  it('replaces a previous secret', async () => {
    const store = new IdbSecretStore();
    await store.set(SECRET);
    await store.set(`${SECRET}_2`);
    expect(await new IdbSecretStore().get()).toBe(`${SECRET}_2`);
  });
});
