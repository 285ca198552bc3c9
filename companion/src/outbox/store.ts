/**
 * The outbox: every registration the companion accepted and where it stands,
 * kept in the journal (journal.ts) and mirrored in memory. Every change is a
 * journal entry, written and fsynced BEFORE the in-memory record moves and
 * before the caller hears about it, and changes are made one at a time, so a
 * decision (is this key new? is a delivery still due?) is always taken on
 * the state that is on disk.
 *
 * Compaction: when the journal holds many more lines than records, it is
 * rewritten as one snapshot per record; settled records older than the
 * retention period are dropped then.
 */
import { Journal, JournalCorruptError } from './journal.ts';
import { OutboxEntry, type AcceptedRegistration, type DeliveryError, type OutboxRecord, type UpstreamTransactionId } from './entries.ts';
import { isSettled, nextRecord, OutboxReplayError, workOf } from './reducer.ts';
import type { RegistrationRejectionCode } from '../../../lib/companion/contract.ts';

export const DEFAULT_RETENTION_DAYS = 400;
export const DEFAULT_COMPACT_AFTER_LINES = 500;

export interface OutboxStoreOptions {
  file: string;
  now?: () => Date;
  /** Settled registrations older than this are dropped at compaction. Default 400 days. */
  retentionDays?: number;
  /** Compact when the journal has more lines than this and than 4 per record. Default 500. */
  compactAfterLines?: number;
  platform?: NodeJS.Platform;
}

export interface OutboxOpenReport {
  records: number;
  /** Registrations with something left to send (delivery or withdrawal). */
  withWork: number;
  /** Bytes of a torn tail cut off at opening (left by a crash). */
  truncatedBytes: number;
}

export type RegisterResult =
  | { kind: 'created'; record: OutboxRecord }
  | { kind: 'duplicate'; record: OutboxRecord }
  /** The key is known with another request body. */
  | { kind: 'conflict' };

export type WithdrawRequestResult =
  | { kind: 'queued' | 'withdrawn' | 'unchanged'; record: OutboxRecord }
  | { kind: 'not-found' }
  /** The withdrawal key was already used for another registration. */
  | { kind: 'conflict' };

export type DeliveryResult =
  | { kind: 'delivered'; via: 'answer' | 'lookup'; upstreamTransactionId?: UpstreamTransactionId }
  | { kind: 'rejected'; rejectionCode: RegistrationRejectionCode; reason: string; upstreamCode?: string }
  | { kind: 'retry'; error: DeliveryError; nextAttemptAt: Date };

export type WithdrawOutcome =
  | { kind: 'withdrawn'; reason?: string }
  | { kind: 'failed'; reason: string; upstreamCode?: string }
  | { kind: 'retry'; error: DeliveryError; nextAttemptAt: Date };

const LOCAL_WITHDRAWAL_REASON = {
  unsent: 'withdrawn before it was sent: nothing reached the upstream',
  rejected: 'withdrawn after the upstream refused it: nothing was stored there',
} as const;

export class OutboxStore {
  private readonly records = new Map<string, OutboxRecord>();
  private readonly byKey = new Map<string, string>();
  private readonly byWithdrawKey = new Map<string, string>();
  private readonly byInsz = new Map<string, Set<string>>();
  private readonly listeners = new Set<(record: OutboxRecord) => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => Date;

  private constructor(
    private readonly journal: Journal,
    private readonly options: OutboxStoreOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  static async open(options: OutboxStoreOptions): Promise<{ store: OutboxStore; report: OutboxOpenReport }> {
    const opened = await Journal.open(options.file, options.platform ? { platform: options.platform } : {});
    const store = new OutboxStore(opened.journal, options);
    try {
      opened.entries.forEach((raw, index) => {
        const parsed = OutboxEntry.safeParse(raw);
        if (!parsed.success) throw new JournalCorruptError(options.file, index + 1, 'an entry the outbox does not know');
        try {
          store.apply(parsed.data);
        } catch (e) {
          if (e instanceof OutboxReplayError) throw new JournalCorruptError(options.file, index + 1, e.message);
          throw e;
        }
      });
      await store.compactIfDue(true);
    } catch (e) {
      await opened.journal.close();
      throw e;
    }
    const withWork = [...store.records.values()].filter((r) => workOf(r) !== undefined).length;
    return { store, report: { records: store.records.size, withWork, truncatedBytes: opened.truncatedBytes } };
  }

  /* ---------------------------------------------------------------- reading */

  get(id: string): OutboxRecord | undefined {
    return this.records.get(id);
  }

  byIdempotencyKey(key: string): OutboxRecord | undefined {
    const id = this.byKey.get(key);
    return id === undefined ? undefined : this.records.get(id);
  }

  /** This patient's registrations, oldest first. */
  forPatient(insz: string): OutboxRecord[] {
    const ids = this.byInsz.get(insz);
    if (!ids) return [];
    return [...ids].map((id) => this.records.get(id)!).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  all(): OutboxRecord[] {
    return [...this.records.values()];
  }

  /** Called after every change that is on disk (the sender uses it to pick up new work). */
  onChange(listener: (record: OutboxRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /* ---------------------------------------------------------------- changes */

  register(registration: AcceptedRegistration): Promise<RegisterResult> {
    return this.transact<RegisterResult>(() => {
      const known = this.byIdempotencyKey(registration.idempotencyKey);
      if (known) return { result: known.requestHash === registration.requestHash ? { kind: 'duplicate', record: known } : { kind: 'conflict' } };
      if (this.records.has(registration.id)) throw new Error('registration id already used');
      return {
        entries: [{ type: 'registered', at: this.stamp(), registration }],
        result: () => ({ kind: 'created', record: this.records.get(registration.id)! }),
      };
    });
  }

  /** Journals the start of a delivery attempt; undefined when no delivery is due any more. */
  beginAttempt(id: string): Promise<OutboxRecord | undefined> {
    return this.transact(() => {
      const r = this.records.get(id);
      if (!r || workOf(r) !== 'deliver') return { result: undefined };
      return { entries: [{ type: 'attempt', id, at: this.stamp(), attempt: r.attempts + 1 }], result: () => this.records.get(id) };
    });
  }

  recordDelivery(id: string, outcome: DeliveryResult): Promise<OutboxRecord | undefined> {
    return this.transact(() => {
      const r = this.records.get(id);
      if (!r) return { result: undefined };
      const at = this.stamp();
      let entry: OutboxEntry | undefined;
      if (outcome.kind === 'delivered') {
        entry = { type: 'delivered', id, at, via: outcome.via };
        if (outcome.upstreamTransactionId) entry.upstreamTransactionId = outcome.upstreamTransactionId;
      } else if (r.state === 'pending') {
        entry =
          outcome.kind === 'rejected'
            ? { type: 'rejected', id, at, rejectionCode: outcome.rejectionCode, reason: outcome.reason, ...(outcome.upstreamCode !== undefined && { upstreamCode: outcome.upstreamCode }) }
            : { type: 'retry', id, at, error: outcome.error, nextAttemptAt: outcome.nextAttemptAt.toISOString() };
      }
      return { entries: entry ? [entry] : [], result: () => this.records.get(id) };
    });
  }

  /** Marks these registrations confirmed (their echo was seen); returns those that changed. */
  confirm(ids: readonly string[]): Promise<OutboxRecord[]> {
    return this.transact(() => {
      const at = this.stamp();
      const due = [...new Set(ids)].filter((id) => {
        const r = this.records.get(id);
        return r !== undefined && (r.state === 'pending' || r.state === 'sent');
      });
      return { entries: due.map((id) => ({ type: 'confirmed', id, at }) as const), result: () => due.map((id) => this.records.get(id)!) };
    });
  }

  requestWithdrawal(id: string, idempotencyKey: string): Promise<WithdrawRequestResult> {
    return this.transact<WithdrawRequestResult>(() => {
      const r = this.records.get(id);
      if (!r) return { result: { kind: 'not-found' } };
      const keyOwner = this.byWithdrawKey.get(idempotencyKey);
      if (keyOwner !== undefined && keyOwner !== id) return { result: { kind: 'conflict' } };
      if (keyOwner === id || r.state === 'withdrawn' || r.withdrawal?.state === 'pending') return { result: { kind: 'unchanged', record: r } };
      const at = this.stamp();
      const requested: OutboxEntry = { type: 'withdraw-requested', id, at, idempotencyKey };
      const local = (r.state === 'pending' && r.attempts === 0) || r.state === 'rejected';
      if (local) {
        const reason = r.state === 'rejected' ? LOCAL_WITHDRAWAL_REASON.rejected : LOCAL_WITHDRAWAL_REASON.unsent;
        return { entries: [requested, { type: 'withdrawn', id, at, reason }], result: () => ({ kind: 'withdrawn', record: this.records.get(id)! }) };
      }
      return { entries: [requested], result: () => ({ kind: 'queued', record: this.records.get(id)! }) };
    });
  }

  /** Settles a withdrawal that needs no upstream call (nothing was stored there). */
  withdrawLocally(id: string): Promise<OutboxRecord | undefined> {
    return this.transact(() => {
      const r = this.records.get(id);
      if (!r || workOf(r) !== 'withdraw-locally') return { result: r };
      const reason = r.state === 'rejected' ? LOCAL_WITHDRAWAL_REASON.rejected : LOCAL_WITHDRAWAL_REASON.unsent;
      return { entries: [{ type: 'withdrawn', id, at: this.stamp(), reason }], result: () => this.records.get(id) };
    });
  }

  beginWithdrawAttempt(id: string): Promise<OutboxRecord | undefined> {
    return this.transact(() => {
      const r = this.records.get(id);
      if (!r || workOf(r) !== 'revoke' || !r.withdrawal) return { result: undefined };
      return {
        entries: [{ type: 'withdraw-attempt', id, at: this.stamp(), attempt: r.withdrawal.attempts + 1 }],
        result: () => this.records.get(id),
      };
    });
  }

  recordWithdrawal(id: string, outcome: WithdrawOutcome): Promise<OutboxRecord | undefined> {
    return this.transact(() => {
      const r = this.records.get(id);
      if (!r || r.withdrawal?.state !== 'pending') return { result: r };
      const at = this.stamp();
      const entry: OutboxEntry =
        outcome.kind === 'withdrawn'
          ? { type: 'withdrawn', id, at, ...(outcome.reason !== undefined && { reason: outcome.reason }) }
          : outcome.kind === 'failed'
            ? { type: 'withdraw-failed', id, at, reason: outcome.reason, ...(outcome.upstreamCode !== undefined && { upstreamCode: outcome.upstreamCode }) }
            : { type: 'withdraw-retry', id, at, error: outcome.error, nextAttemptAt: outcome.nextAttemptAt.toISOString() };
      return { entries: [entry], result: () => this.records.get(id) };
    });
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.journal.close();
  }

  /** Lines in the journal file (for tests and the start banner). */
  get journalLines(): number {
    return this.journal.lineCount;
  }

  /* --------------------------------------------------------------- internals */

  private stamp(): string {
    return this.now().toISOString();
  }

  private transact<T>(decide: () => { entries?: OutboxEntry[]; result: T | (() => T) }): Promise<T> {
    const run = this.queue.then(async () => {
      const { entries = [], result } = decide();
      if (entries.length > 0) {
        // Validated before it is written: a bad entry would make the journal unreadable.
        for (const e of entries) OutboxEntry.parse(e);
        await this.journal.append(entries);
        const changed = new Map<string, OutboxRecord>();
        for (const e of entries) {
          const r = this.apply(e);
          changed.set(r.id, r);
        }
        await this.compactIfDue(false);
        for (const r of changed.values()) for (const l of this.listeners) l(r);
      }
      return typeof result === 'function' ? (result as () => T)() : result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private apply(entry: OutboxEntry): OutboxRecord {
    const id = entry.type === 'registered' ? entry.registration.id : entry.type === 'snapshot' ? entry.record.id : entry.id;
    const next = nextRecord(this.records.get(id), entry);
    this.records.set(id, next);
    this.byKey.set(next.idempotencyKey, id);
    if (next.withdrawal) this.byWithdrawKey.set(next.withdrawal.idempotencyKey, id);
    let set = this.byInsz.get(next.insz);
    if (!set) this.byInsz.set(next.insz, (set = new Set()));
    set.add(id);
    return next;
  }

  private forget(record: OutboxRecord): void {
    this.records.delete(record.id);
    this.byKey.delete(record.idempotencyKey);
    if (record.withdrawal) this.byWithdrawKey.delete(record.withdrawal.idempotencyKey);
    const set = this.byInsz.get(record.insz);
    set?.delete(record.id);
    if (set?.size === 0) this.byInsz.delete(record.insz);
  }

  private async compactIfDue(atOpen: boolean): Promise<void> {
    const retentionMs = (this.options.retentionDays ?? DEFAULT_RETENTION_DAYS) * 86_400_000;
    const cutoff = this.now().getTime() - retentionMs;
    const expired = [...this.records.values()].filter((r) => isSettled(r) && Date.parse(r.updatedAt) < cutoff);
    const threshold = Math.max(this.options.compactAfterLines ?? DEFAULT_COMPACT_AFTER_LINES, 4 * this.records.size);
    if (this.journal.lineCount <= threshold && !(atOpen && expired.length > 0)) return;
    for (const r of expired) this.forget(r);
    const at = this.stamp();
    await this.journal.rewrite([...this.records.values()].map((record) => ({ type: 'snapshot', at, record })));
  }
}
