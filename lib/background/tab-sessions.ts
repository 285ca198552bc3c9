/**
 * Which patient each tab shows, kept in `storage.session` (memory-only,
 * readable by trusted extension contexts only) so that a service worker
 * stopped mid-lookup finds it again when it restarts. One key per tab.
 * Where `storage.session` does not exist the sessions live in memory.
 */
import { z } from 'zod';
import { EntryPath, LookupStatus } from '../messages.ts';
import { OwnVaccination } from '../vaccination.ts';
import type { SessionAreaLike } from './extension-api.ts';

export const TabPatient = z.object({
  insz: z.string().regex(/^\d{11}$/),
  own: z.array(OwnVaccination).max(200),
  adapterId: z.string().max(64),
  entryPath: EntryPath,
});
export type TabPatient = z.infer<typeof TabPatient>;

export const TabSession = z.object({
  tabId: z.number().int().nonnegative(),
  /** The frame whose content script reported the patient. */
  frameId: z.number().int().nonnegative(),
  /** Absent: the page shows no patient (status says idle or page-not-recognised). */
  patient: TabPatient.optional(),
  status: LookupStatus,
  updatedAt: z.number(),
});
export type TabSession = z.infer<typeof TabSession>;

const PREFIX = 'tab-session:';
const keyOf = (tabId: number) => `${PREFIX}${tabId}`;

export interface TabSessionStore {
  get(tabId: number): Promise<TabSession | undefined>;
  put(session: TabSession): Promise<void>;
  remove(tabId: number): Promise<void>;
  all(): Promise<TabSession[]>;
}

export function createTabSessionStore(area: SessionAreaLike | undefined): TabSessionStore {
  return area ? new SessionAreaTabStore(area) : new MemoryTabStore();
}

class SessionAreaTabStore implements TabSessionStore {
  /** Writes per tab happen in call order (a late `loading` never overwrites a result). */
  private readonly chains = new Map<number, Promise<void>>();

  constructor(private readonly area: SessionAreaLike) {}

  private enqueue(tabId: number, write: () => Promise<void>): Promise<void> {
    const previous = this.chains.get(tabId) ?? Promise.resolve();
    const next = previous.then(write, write);
    const tail = next.catch(() => undefined);
    this.chains.set(tabId, tail);
    void tail.then(() => {
      if (this.chains.get(tabId) === tail) this.chains.delete(tabId);
    });
    return next;
  }

  async get(tabId: number): Promise<TabSession | undefined> {
    await this.chains.get(tabId);
    const key = keyOf(tabId);
    const stored = (await this.area.get(key))[key];
    const parsed = TabSession.safeParse(stored);
    return parsed.success && parsed.data.tabId === tabId ? parsed.data : undefined;
  }

  put(session: TabSession): Promise<void> {
    return this.enqueue(session.tabId, () => this.area.set({ [keyOf(session.tabId)]: session }));
  }

  remove(tabId: number): Promise<void> {
    return this.enqueue(tabId, () => this.area.remove(keyOf(tabId)));
  }

  async all(): Promise<TabSession[]> {
    await Promise.all(this.chains.values());
    const everything = await this.area.get(null);
    const out: TabSession[] = [];
    for (const [key, value] of Object.entries(everything)) {
      if (!key.startsWith(PREFIX)) continue;
      const parsed = TabSession.safeParse(value);
      if (parsed.success) out.push(parsed.data);
    }
    return out;
  }
}

class MemoryTabStore implements TabSessionStore {
  private readonly sessions = new Map<number, TabSession>();
  async get(tabId: number) {
    return this.sessions.get(tabId);
  }
  async put(session: TabSession) {
    this.sessions.set(session.tabId, session);
  }
  async remove(tabId: number) {
    this.sessions.delete(tabId);
  }
  async all() {
    return [...this.sessions.values()];
  }
}
