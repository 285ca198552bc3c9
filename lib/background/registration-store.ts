/**
 * Where the extension keeps its registrations: its own IndexedDB database
 * (extension origin: content scripts and host pages cannot open it; never
 * `storage.local`). A registration is written here BEFORE it is sent, so a
 * service worker stopped mid-request finds it again and resends it with the
 * same idempotency key. Records that fail their schema on reading are skipped
 * (and reported), never a reason to crash.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { lazyDatabase } from '../cache/lazy-database.ts';
import { LocalRegistration } from './registration-record.ts';

export const REGISTRATION_DB_NAME = 'vaccicard-registrations';
export const REGISTRATION_DB_VERSION = 1;

interface RegistrationDbSchema extends DBSchema {
  registrations: { key: string; value: LocalRegistration; indexes: { insz: string } };
}

type RegistrationDb = IDBPDatabase<RegistrationDbSchema>;

export function openRegistrationDb(name: string = REGISTRATION_DB_NAME): Promise<RegistrationDb> {
  return openDB<RegistrationDbSchema>(name, REGISTRATION_DB_VERSION, {
    upgrade(db) {
      const store = db.createObjectStore('registrations', { keyPath: 'id' });
      store.createIndex('insz', 'insz');
    },
  });
}

/** Every call may reject when IndexedDB is unavailable: callers decide what that means. */
export interface RegistrationStore {
  get(id: string): Promise<LocalRegistration | undefined>;
  put(registration: LocalRegistration): Promise<void>;
  delete(id: string): Promise<void>;
  byPatient(insz: string): Promise<LocalRegistration[]>;
  all(): Promise<LocalRegistration[]>;
}

function valid(value: unknown, onInvalid: () => void): LocalRegistration | undefined {
  const parsed = LocalRegistration.safeParse(value);
  if (parsed.success) return parsed.data;
  onInvalid();
  return undefined;
}

export class IdbRegistrationStore implements RegistrationStore {
  private readonly database: () => Promise<RegistrationDb>;
  private readonly onInvalid: () => void;

  constructor(opts: { open?: () => Promise<RegistrationDb>; onInvalidRecord?: () => void } = {}) {
    this.database = lazyDatabase(opts.open ?? (() => openRegistrationDb()));
    this.onInvalid = opts.onInvalidRecord ?? (() => undefined);
  }

  async get(id: string): Promise<LocalRegistration | undefined> {
    const db = await this.database();
    const value = await db.get('registrations', id);
    return value === undefined ? undefined : valid(value, this.onInvalid);
  }

  async put(registration: LocalRegistration): Promise<void> {
    const checked = LocalRegistration.parse(registration);
    const db = await this.database();
    await db.put('registrations', checked);
  }

  async delete(id: string): Promise<void> {
    const db = await this.database();
    await db.delete('registrations', id);
  }

  async byPatient(insz: string): Promise<LocalRegistration[]> {
    const db = await this.database();
    const values = await db.getAllFromIndex('registrations', 'insz', insz);
    return values.flatMap((v) => valid(v, this.onInvalid) ?? []);
  }

  async all(): Promise<LocalRegistration[]> {
    const db = await this.database();
    const values = await db.getAll('registrations');
    return values.flatMap((v) => valid(v, this.onInvalid) ?? []);
  }
}
