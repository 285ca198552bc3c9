import { describe, expect, it, vi } from 'vitest';
import { deleteDB, openDB } from 'idb';
import { lazyDatabase } from '../../../lib/cache/lazy-database.ts';

let counter = 0;
const freshName = () => `lazy-db-test-${++counter}`;
const openV1 = (name: string) => openDB(name, 1, { upgrade: (db) => void db.createObjectStore('things') });

describe('lazyDatabase', () => {
  it('opens once, on first use, and hands the same connection to every caller', async () => {
    const name = freshName();
    const open = vi.fn(() => openV1(name));
    const database = lazyDatabase(open);
    expect(open).not.toHaveBeenCalled();
    const [a, b] = await Promise.all([database(), database()]);
    expect(a).toBe(b);
    expect(await database()).toBe(a);
    expect(open).toHaveBeenCalledTimes(1);
    a.close();
  });

  it('lets go when another context deletes the database, tells the holder, and reopens on the next use', async () => {
    const name = freshName();
    const open = vi.fn(() => openV1(name));
    const released = vi.fn();
    const database = lazyDatabase(open, released);
    const first = await database();
    await first.put('things', 'kept', 'k');
    // The delete only goes through once `first` closes on versionchange.
    await deleteDB(name);
    expect(released).toHaveBeenCalledTimes(1);
    const second = await database();
    expect(second).not.toBe(first);
    expect(open).toHaveBeenCalledTimes(2);
    expect(await second.get('things', 'k')).toBeUndefined();
    second.close();
  });

  it('forgets a failed opening, so the next use tries again', async () => {
    const name = freshName();
    const open = vi.fn().mockRejectedValueOnce(new DOMException('quota', 'QuotaExceededError')).mockImplementation(() => openV1(name));
    const database = lazyDatabase(open);
    await expect(database()).rejects.toThrow('quota');
    const db = await database();
    expect(db.objectStoreNames.contains('things')).toBe(true);
    expect(open).toHaveBeenCalledTimes(2);
    db.close();
  });
});
