/**
 * An IndexedDB connection opened on first use and kept. When another
 * context upgrades or deletes the database (`versionchange`) the connection
 * is closed and forgotten, and so is a failed opening: the next use opens
 * it again. `onRelease` runs when a connection is let go (a holder drops
 * what it derived from it).
 */
interface ClosableDatabase {
  close(): void;
  addEventListener(type: 'versionchange', listener: () => void): void;
}

export function lazyDatabase<D extends ClosableDatabase>(open: () => Promise<D>, onRelease: () => void = () => undefined): () => Promise<D> {
  let pending: Promise<D> | undefined;
  return () => {
    if (!pending) {
      pending = open().then(
        (db) => {
          db.addEventListener('versionchange', () => {
            db.close();
            pending = undefined;
            onRelease();
          });
          return db;
        },
        (e: unknown) => {
          pending = undefined;
          throw e;
        },
      );
    }
    return pending;
  };
}
