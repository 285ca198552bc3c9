/**
 * The outbox sender: delivers pending registrations and withdrawals, at start
 * and whenever the store changes, with bounded concurrency, and retries
 * failures with capped exponential backoff and jitter (backoff.ts).
 *
 * One delivery attempt, in this order:
 *   1. the attempt marker goes into the journal (fsynced);
 *   2. if an earlier attempt's outcome is unknown (it was started, nothing
 *      was recorded after it: a crash, a lost answer), the channel's lookup
 *      asks the upstream whether it already holds the registration;
 *   3. otherwise (or when not found) the same message is sent;
 *   4. the outcome goes into the journal.
 * A crash between 1 and 4 leaves the marker: the next run does 2 first, so a
 * registration the upstream stored is not sent again, and one it never got
 * is sent. Vaccinnet registrations of the same patient go out up to five per
 * call.
 */
import type { OutboxRecord } from './entries.ts';
import { retryDelayMs, type BackoffPolicy } from './backoff.ts';
import { workDueAt, workOf } from './reducer.ts';
import type { OutboxStore } from './store.ts';
import { NO_TEST_HOOKS, type OutboxTestHooks } from './test-hooks.ts';
import type { ChannelLookup, DeliveryItem, DeliveryOutcome, RegistrationChannel } from '../registration/channel.ts';
import type { EventFields } from '../server/log.ts';

export interface OutboxSenderOptions {
  store: OutboxStore;
  channels: ChannelLookup;
  backoff: BackoffPolicy;
  /** Registrations worked on at once. Default 4. */
  concurrency?: number;
  hooks?: OutboxTestHooks;
  /** Lifecycle lines (never patient data). */
  event?: (name: string, fields: EventFields) => void;
  now?: () => Date;
  random?: () => number;
}

/** setTimeout's ceiling; a later due time is re-checked when this fires. */
const MAX_TIMER_MS = 2_147_000_000;

export function deliveryItemOf(record: OutboxRecord): DeliveryItem {
  const item: DeliveryItem = { id: record.id, insz: record.insz, kmehr: record.kmehr, kmehrId: record.kmehrId };
  if (record.hub) item.hub = record.hub;
  if (record.upstreamTransactionId) item.upstreamTransactionId = record.upstreamTransactionId;
  return item;
}

export class OutboxSender {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<string>();
  /** Changed while running: look again when done. */
  private readonly again = new Set<string>();
  private readonly tasks = new Set<Promise<void>>();
  private readonly waiting: Array<() => void> = [];
  private active = 0;
  private readonly stopController = new AbortController();
  private unsubscribe: (() => void) | undefined;
  private readonly concurrency: number;
  private readonly hooks: OutboxTestHooks;
  private readonly now: () => Date;
  private readonly random: () => number;

  constructor(private readonly options: OutboxSenderOptions) {
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.hooks = options.hooks ?? NO_TEST_HOOKS;
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
  }

  start(): void {
    this.unsubscribe = this.options.store.onChange((record) => this.schedule(record.id));
    for (const record of this.options.store.all()) this.schedule(record.id);
  }

  /** Stops scheduling, aborts calls in flight and waits for the work under way to end. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.stopController.abort();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const w of this.waiting.splice(0)) w();
    await Promise.allSettled([...this.tasks]);
  }

  private get stopped(): boolean {
    return this.stopController.signal.aborted;
  }

  private event(name: string, fields: EventFields): void {
    this.options.event?.(name, fields);
  }

  private schedule(id: string): void {
    if (this.stopped) return;
    if (this.running.has(id)) {
      this.again.add(id);
      return;
    }
    const existing = this.timers.get(id);
    if (existing) clearTimeout(existing);
    this.timers.delete(id);
    const record = this.options.store.get(id);
    if (!record || workOf(record) === undefined) return;
    const due = workDueAt(record);
    const wait = due === undefined ? 0 : Math.max(0, Date.parse(due) - this.now().getTime());
    const timer = setTimeout(() => {
      this.timers.delete(id);
      if (wait > MAX_TIMER_MS) this.schedule(id);
      else this.launch(id);
    }, Math.min(wait, MAX_TIMER_MS));
    this.timers.set(id, timer);
  }

  private async slot(): Promise<boolean> {
    while (this.active >= this.concurrency && !this.stopped) await new Promise<void>((r) => this.waiting.push(r));
    if (this.stopped) return false;
    this.active++;
    return true;
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }

  private launch(id: string): void {
    if (this.stopped || this.running.has(id)) return;
    this.running.add(id);
    const task = (async () => {
      const ids = [id];
      try {
        if (!(await this.slot())) return;
        try {
          await this.work(id, ids);
        } finally {
          this.release();
        }
      } catch (e) {
        this.event('outbox-work-failed', { error: e instanceof Error ? e.name : typeof e });
      } finally {
        for (const done of ids) {
          this.running.delete(done);
          this.again.delete(done);
        }
        if (!this.stopped) for (const done of ids) this.schedule(done);
      }
    })();
    this.tasks.add(task);
    void task.finally(() => this.tasks.delete(task));
  }

  /** Does the work due for `id`; other ids it takes on with it (a batch) are added to `claimed`. */
  private async work(id: string, claimed: string[]): Promise<void> {
    const record = this.options.store.get(id);
    if (!record) return;
    const due = workDueAt(record);
    if (due !== undefined && Date.parse(due) > this.now().getTime()) return;
    switch (workOf(record)) {
      case 'deliver':
        return this.deliver(record, claimed);
      case 'revoke':
        return this.revoke(record);
      case 'withdraw-locally':
        await this.options.store.withdrawLocally(id);
        this.event('registration-withdrawn', { id, locally: true });
        return;
      case undefined:
        return;
    }
  }

  private channelOf(record: OutboxRecord): RegistrationChannel | undefined {
    return this.options.channels(record.destination, record.hub);
  }

  /** Other registrations of the same patient for the same channel that are due now and idle. */
  private batchMates(record: OutboxRecord, channel: RegistrationChannel): OutboxRecord[] {
    if (channel.maxBatch <= 1) return [];
    const now = this.now().getTime();
    return this.options.store
      .forPatient(record.insz)
      .filter(
        (r) =>
          r.id !== record.id &&
          !this.running.has(r.id) &&
          r.destination === record.destination &&
          r.hub === record.hub &&
          workOf(r) === 'deliver' &&
          (workDueAt(r) === undefined || Date.parse(workDueAt(r)!) <= now),
      )
      .slice(0, channel.maxBatch - 1);
  }

  private nextAttemptAt(failedAttempts: number): Date {
    return new Date(this.now().getTime() + retryDelayMs(failedAttempts, this.options.backoff, this.random));
  }

  private async deliver(first: OutboxRecord, claimed: string[]): Promise<void> {
    const store = this.options.store;
    const channel = this.channelOf(first);
    if (!channel) {
      const started = await store.beginAttempt(first.id);
      if (started) {
        await store.recordDelivery(first.id, {
          kind: 'retry',
          error: { code: 'not-supported', message: `no ${first.destination} channel is configured for this registration` },
          nextAttemptAt: this.nextAttemptAt(started.attempts),
        });
      }
      return;
    }
    const mates = this.batchMates(first, channel);
    for (const m of mates) {
      this.running.add(m.id);
      claimed.push(m.id);
    }
    const signal = this.stopController.signal;

    // 1. Attempt markers, on disk before anything leaves.
    const started: OutboxRecord[] = [];
    for (const r of [first, ...mates]) {
      const s = await store.beginAttempt(r.id);
      if (s) started.push(s);
    }
    if (started.length === 0) return;
    await this.hooks.reach('before-send', started.map((r) => r.id), signal);
    if (this.stopped) return;

    // 2. Earlier attempts with an unknown outcome: does the upstream hold it already?
    const toSend: OutboxRecord[] = [];
    for (const r of started) {
      if (r.attempts <= 1 || !channel.lookup) {
        toSend.push(r);
        continue;
      }
      const found = await channel.lookup(deliveryItemOf(r), signal);
      if (this.stopped) return;
      if (found.kind === 'found') {
        await store.recordDelivery(r.id, { kind: 'delivered', via: 'lookup', ...(found.upstreamTransactionId && { upstreamTransactionId: found.upstreamTransactionId }) });
        this.event('registration-delivered', { id: r.id, channel: channel.name, via: 'lookup', attempts: r.attempts });
      } else if (found.kind === 'not-found') {
        toSend.push(r);
      } else {
        await store.recordDelivery(r.id, { kind: 'retry', error: found.error, nextAttemptAt: this.nextAttemptAt(r.attempts) });
        this.event('registration-retry', { id: r.id, channel: channel.name, error: found.error.code, attempts: r.attempts });
      }
    }
    if (toSend.length === 0) return;

    // 3. Send.
    const outcomes = await channel.deliver(toSend.map(deliveryItemOf), signal);
    if (this.stopped) return; // left in doubt on purpose: the next run looks it up
    await this.hooks.reach('after-upstream-answer', toSend.map((r) => r.id), signal);
    if (this.stopped) return;

    // 4. Outcomes.
    for (const r of toSend) {
      const outcome: DeliveryOutcome = outcomes.get(r.id) ?? { kind: 'failed', error: { code: 'malformed-response', message: 'the upstream gave no result for this message' } };
      await this.record(r, channel, outcome);
    }
    return;
  }

  private async record(r: OutboxRecord, channel: RegistrationChannel, outcome: DeliveryOutcome): Promise<void> {
    const store = this.options.store;
    switch (outcome.kind) {
      case 'accepted':
        await store.recordDelivery(r.id, { kind: 'delivered', via: 'answer', ...(outcome.upstreamTransactionId && { upstreamTransactionId: outcome.upstreamTransactionId }) });
        this.event('registration-delivered', { id: r.id, channel: channel.name, via: 'answer', attempts: r.attempts });
        return;
      case 'rejected':
        await store.recordDelivery(r.id, {
          kind: 'rejected',
          rejectionCode: outcome.rejectionCode,
          reason: outcome.reason,
          ...(outcome.upstreamCode !== undefined && { upstreamCode: outcome.upstreamCode }),
        });
        this.event('registration-rejected', { id: r.id, channel: channel.name, rejection: outcome.rejectionCode, attempts: r.attempts });
        return;
      case 'failed':
        await store.recordDelivery(r.id, { kind: 'retry', error: outcome.error, nextAttemptAt: this.nextAttemptAt(r.attempts) });
        this.event('registration-retry', { id: r.id, channel: channel.name, error: outcome.error.code, attempts: r.attempts });
    }
  }

  private async revoke(record: OutboxRecord): Promise<void> {
    const store = this.options.store;
    const channel = this.channelOf(record);
    const started = await store.beginWithdrawAttempt(record.id);
    if (!started?.withdrawal) return;
    const attempts = started.withdrawal.attempts;
    if (!channel) {
      await store.recordWithdrawal(record.id, {
        kind: 'retry',
        error: { code: 'not-supported', message: `no ${record.destination} channel is configured for this registration` },
        nextAttemptAt: this.nextAttemptAt(attempts),
      });
      return;
    }
    const signal = this.stopController.signal;
    await this.hooks.reach('before-revoke', [record.id], signal);
    if (this.stopped) return;
    const outcome = await channel.revoke(deliveryItemOf(started), signal);
    if (this.stopped) return;
    switch (outcome.kind) {
      case 'revoked':
        await store.recordWithdrawal(record.id, { kind: 'withdrawn' });
        this.event('registration-withdrawn', { id: record.id, channel: channel.name, attempts });
        return;
      case 'rejected':
        await store.recordWithdrawal(record.id, { kind: 'failed', reason: outcome.reason, ...(outcome.upstreamCode !== undefined && { upstreamCode: outcome.upstreamCode }) });
        this.event('registration-withdrawal-refused', { id: record.id, channel: channel.name });
        return;
      case 'failed':
        await store.recordWithdrawal(record.id, { kind: 'retry', error: outcome.error, nextAttemptAt: this.nextAttemptAt(attempts) });
        this.event('registration-withdrawal-retry', { id: record.id, channel: channel.name, error: outcome.error.code });
    }
  }
}
