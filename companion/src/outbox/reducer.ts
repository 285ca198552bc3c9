/**
 * The life of one registration, as a pure function of its journal entries:
 * `nextRecord(record, entry)` is the record after the entry. The same
 * function rebuilds every record when the journal is read back and moves it
 * forward while running, so what is on disk and what is in memory cannot
 * disagree. `workOf` says what the sender still has to do for a record.
 *
 * States: pending → sent → confirmed, or rejected; withdrawn at the end of a
 * withdrawal. A registration whose echo was seen is confirmed even when its
 * `sent` was never recorded (the echo proves the upstream has it).
 */
import type { OutboxEntry, OutboxRecord } from './entries.ts';

export class OutboxReplayError extends Error {
  override readonly name = 'OutboxReplayError';
}

export type OutboxWork = 'deliver' | 'revoke' | 'withdraw-locally';

function without<T extends object, K extends keyof T>(value: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...value };
  for (const k of keys) delete copy[k];
  return copy;
}

export function nextRecord(current: OutboxRecord | undefined, entry: OutboxEntry): OutboxRecord {
  if (entry.type === 'registered' || entry.type === 'snapshot') {
    if (current) throw new OutboxReplayError(`registration ${entry.type === 'registered' ? entry.registration.id : entry.record.id} appears twice`);
    if (entry.type === 'snapshot') return { ...entry.record };
    return { ...entry.registration, state: 'pending', updatedAt: entry.at, attempts: 0 };
  }
  if (!current) throw new OutboxReplayError(`an entry (${entry.type}) names an unknown registration`);
  const at = entry.at;
  const base = { ...current, updatedAt: at };
  switch (entry.type) {
    case 'attempt':
      return { ...without(base, 'nextAttemptAt'), attempts: Math.max(current.attempts, entry.attempt) };
    case 'delivered': {
      const next: OutboxRecord = { ...without(base, 'nextAttemptAt', 'lastError'), sentAt: current.sentAt ?? at };
      if (current.state === 'pending') next.state = 'sent';
      if (entry.upstreamTransactionId) next.upstreamTransactionId = entry.upstreamTransactionId;
      return next;
    }
    case 'retry':
      return { ...base, lastError: entry.error, nextAttemptAt: entry.nextAttemptAt };
    case 'rejected': {
      const next: OutboxRecord = {
        ...without(base, 'nextAttemptAt', 'lastError', 'upstreamCode'),
        state: 'rejected',
        rejectionCode: entry.rejectionCode,
        reason: entry.reason,
      };
      if (entry.upstreamCode !== undefined) next.upstreamCode = entry.upstreamCode;
      return next;
    }
    case 'confirmed':
      if (current.state !== 'pending' && current.state !== 'sent') return current;
      return { ...without(base, 'nextAttemptAt', 'lastError'), state: 'confirmed', confirmedAt: at, sentAt: current.sentAt ?? at };
    case 'withdraw-requested':
      return { ...base, withdrawal: { idempotencyKey: entry.idempotencyKey, state: 'pending', requestedAt: at, attempts: 0 } };
    case 'withdraw-attempt': {
      const w = current.withdrawal;
      if (!w) throw new OutboxReplayError('a withdrawal attempt without a withdrawal');
      return { ...base, withdrawal: { ...without(w, 'nextAttemptAt'), attempts: Math.max(w.attempts, entry.attempt) } };
    }
    case 'withdraw-retry': {
      const w = current.withdrawal;
      if (!w) throw new OutboxReplayError('a withdrawal retry without a withdrawal');
      return { ...base, withdrawal: { ...w, lastError: entry.error, nextAttemptAt: entry.nextAttemptAt } };
    }
    case 'withdrawn': {
      const w = current.withdrawal;
      if (!w) throw new OutboxReplayError('withdrawn without a withdrawal');
      const next: OutboxRecord = {
        ...without(base, 'nextAttemptAt', 'lastError'),
        state: 'withdrawn',
        withdrawal: { ...without(w, 'nextAttemptAt', 'lastError'), state: 'done' },
      };
      if (entry.reason !== undefined) next.reason = entry.reason;
      return next;
    }
    case 'withdraw-failed': {
      const w = current.withdrawal;
      if (!w) throw new OutboxReplayError('a failed withdrawal without a withdrawal');
      const withdrawal = { ...without(w, 'nextAttemptAt', 'lastError', 'upstreamCode'), state: 'failed' as const, reason: entry.reason };
      return { ...base, withdrawal: entry.upstreamCode !== undefined ? { ...withdrawal, upstreamCode: entry.upstreamCode } : withdrawal };
    }
  }
}

/** What the sender still has to do for this record, if anything. */
export function workOf(record: OutboxRecord): OutboxWork | undefined {
  const withdrawing = record.withdrawal?.state === 'pending';
  switch (record.state) {
    case 'pending':
      if (withdrawing && record.attempts === 0) return 'withdraw-locally';
      // A withdrawal of a registration that may have reached the upstream waits until its delivery is settled.
      return 'deliver';
    case 'rejected':
      return withdrawing ? 'withdraw-locally' : undefined;
    case 'sent':
    case 'confirmed':
      return withdrawing ? 'revoke' : undefined;
    case 'withdrawn':
      return undefined;
  }
}

/** When that work is due (ISO instant), or undefined for now. */
export function workDueAt(record: OutboxRecord): string | undefined {
  const work = workOf(record);
  if (work === 'deliver') return record.nextAttemptAt;
  if (work === 'revoke') return record.withdrawal?.nextAttemptAt;
  return undefined;
}

/** Nothing left to send for it (it may still be confirmed by an echo, or withdrawn on request). */
export function isSettled(record: OutboxRecord): boolean {
  return workOf(record) === undefined && record.state !== 'pending';
}
