/**
 * The sender with scripted channels (real outbox on disk, real timers with
 * short backoff): immediate delivery, retries with backoff, lookup before any
 * resend after an unknown outcome, rejections, Vaccinnet-style batches,
 * bounded concurrency, withdrawals, and a stop in the middle of a call.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutboxSender } from '../../src/outbox/sender.ts';
import { OutboxStore } from '../../src/outbox/store.ts';
import { testHooksFromEnv } from '../../src/outbox/test-hooks.ts';
import type { DeliveryItem, DeliveryOutcome, LookupOutcome, RegistrationChannel, RevokeOutcome } from '../../src/registration/channel.ts';
import { until } from '../cli/cli-kit.ts';
import { accepted } from './records.ts';

class ScriptedChannel implements RegistrationChannel {
  readonly name = 'scripted';
  readonly calls: { op: 'deliver' | 'lookup' | 'revoke'; ids: string[] }[] = [];
  inFlight = 0;
  maxInFlight = 0;
  deliverWith: (item: DeliveryItem, call: number) => DeliveryOutcome | Promise<DeliveryOutcome> = () => ({ kind: 'accepted', upstreamTransactionId: { s: 'LOCAL', sl: 'hub', value: 'h' } });
  lookupWith: ((item: DeliveryItem) => LookupOutcome) | undefined;
  revokeWith: (item: DeliveryItem) => RevokeOutcome = () => ({ kind: 'revoked' });
  constructor(readonly maxBatch = 1) {}

  get lookup() {
    const fn = this.lookupWith;
    return fn
      ? async (item: DeliveryItem) => {
          this.calls.push({ op: 'lookup', ids: [item.id] });
          return fn(item);
        }
      : undefined;
  }

  async deliver(items: readonly DeliveryItem[], signal: AbortSignal) {
    this.calls.push({ op: 'deliver', ids: items.map((i) => i.id) });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const out = new Map<string, DeliveryOutcome>();
      for (const item of items) {
        const n = this.calls.filter((c) => c.op === 'deliver' && c.ids.includes(item.id)).length;
        out.set(item.id, await this.deliverWith(item, n));
      }
      if (signal.aborted) return new Map(items.map((i) => [i.id, { kind: 'failed', error: { code: 'timeout', message: 'cancelled' } } as const]));
      return out;
    } finally {
      this.inFlight--;
    }
  }

  async revoke(item: DeliveryItem) {
    this.calls.push({ op: 'revoke', ids: [item.id] });
    return this.revokeWith(item);
  }
}

async function world(channel: ScriptedChannel, options: { concurrency?: number; hooks?: string } = {}) {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'vc-sender-')), 'registrations.journal');
  const { store } = await OutboxStore.open({ file });
  const events: string[] = [];
  const markers: string[] = [];
  const hooks = options.hooks ? testHooksFromEnv({ VACCICARD_OUTBOX_TEST_HOOKS: options.hooks }, (l) => markers.push(l)) : undefined;
  const sender = new OutboxSender({
    store,
    channels: (destination) => (destination === 'vaccicard' || destination === 'vaccinnet' ? channel : undefined),
    backoff: { baseMs: 20, maxMs: 80 },
    ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
    ...(hooks?.ok && hooks.hooks && { hooks: hooks.hooks }),
    event: (name, fields) => events.push(JSON.stringify({ name, ...fields })),
  });
  return { file, store, sender, events, markers };
}

const settled = (store: OutboxStore, ids: string[], states = ['sent', 'rejected', 'withdrawn', 'confirmed']) =>
  until(() => (ids.every((id) => states.includes(store.get(id)!.state)) ? true : undefined), 5_000);

describe('the outbox sender', () => {
  it('delivers at start and on new registrations; logs without patient data', async () => {
    const channel = new ScriptedChannel();
    const { store, sender, events } = await world(channel);
    const before = accepted();
    await store.register(before);
    sender.start();
    const after = accepted();
    await store.register(after);
    await settled(store, [before.id, after.id]);
    expect(store.get(before.id)).toMatchObject({ state: 'sent', attempts: 1, upstreamTransactionId: { value: 'h' } });
    expect(channel.calls.filter((c) => c.op === 'deliver')).toHaveLength(2);
    expect(events.join('\n')).not.toContain(before.insz);
    expect(events.some((e) => e.includes('registration-delivered'))).toBe(true);
    await sender.stop();
    await store.close();
  });

  it('retries transient failures with backoff, showing the last error meanwhile', async () => {
    const channel = new ScriptedChannel();
    channel.lookupWith = () => ({ kind: 'not-found' });
    channel.deliverWith = (_item, n) => (n < 3 ? { kind: 'failed', error: { code: 'unreachable', message: 'connection refused' } } : { kind: 'accepted' });
    const { store, sender } = await world(channel);
    const reg = accepted();
    await store.register(reg);
    sender.start();
    await until(() => (store.get(reg.id)!.lastError ? true : undefined), 5_000);
    expect(store.get(reg.id)).toMatchObject({ state: 'pending', lastError: { code: 'unreachable' }, nextAttemptAt: expect.any(String) });
    await settled(store, [reg.id]);
    expect(store.get(reg.id)).toMatchObject({ state: 'sent', attempts: 3 });
    expect(store.get(reg.id)!.lastError).toBeUndefined();
    // A failed attempt may still have reached the upstream (a timeout, a lost answer): each retry looks first.
    expect(channel.calls.map((c) => c.op)).toEqual(['deliver', 'lookup', 'deliver', 'lookup', 'deliver']);
    await sender.stop();
    await store.close();
  });

  it('after an attempt whose outcome is unknown (a crash), asks the upstream before resending', async () => {
    const channel = new ScriptedChannel();
    const { store, sender } = await world(channel);
    const [heldUpstream, neverArrived] = [accepted(), accepted()];
    for (const r of [heldUpstream, neverArrived]) {
      await store.register(r);
      await store.beginAttempt(r.id); // the previous run died after this
    }
    channel.lookupWith = (item) => (item.id === heldUpstream.id ? { kind: 'found', upstreamTransactionId: { s: 'LOCAL', sl: 'hub', value: 'found' } } : { kind: 'not-found' });
    sender.start();
    await settled(store, [heldUpstream.id, neverArrived.id]);
    expect(store.get(heldUpstream.id)).toMatchObject({ state: 'sent', upstreamTransactionId: { value: 'found' } });
    expect(channel.calls.filter((c) => c.op === 'deliver').flatMap((c) => c.ids)).toEqual([neverArrived.id]);
    await sender.stop();
    await store.close();
  });

  it('without a lookup, resends the same message', async () => {
    const channel = new ScriptedChannel();
    const { store, sender } = await world(channel);
    const reg = accepted();
    await store.register(reg);
    await store.beginAttempt(reg.id);
    const kmehrSeen: string[] = [];
    channel.deliverWith = (item) => (kmehrSeen.push(item.kmehr), { kind: 'accepted' });
    sender.start();
    await settled(store, [reg.id]);
    expect(kmehrSeen).toEqual([reg.kmehr]);
    expect(store.get(reg.id)?.attempts).toBe(2);
    await sender.stop();
    await store.close();
  });

  it('a refusal is final: rejected with the reason, never sent again', async () => {
    const channel = new ScriptedChannel();
    channel.deliverWith = () => ({ kind: 'rejected', rejectionCode: 'no-consent', reason: 'The patient has not given consent', upstreamCode: '365' });
    const { store, sender } = await world(channel);
    const reg = accepted();
    await store.register(reg);
    sender.start();
    await settled(store, [reg.id]);
    expect(store.get(reg.id)).toMatchObject({ state: 'rejected', rejectionCode: 'no-consent', upstreamCode: '365' });
    await new Promise((r) => setTimeout(r, 200));
    expect(channel.calls).toHaveLength(1);
    await sender.stop();
    await store.close();
  });

  it('sends up to maxBatch registrations of one patient per call (Vaccinnet: 5)', async () => {
    const channel = new ScriptedChannel(5);
    const { store, sender } = await world(channel, { concurrency: 1 });
    const regs = Array.from({ length: 7 }, () => accepted({ destination: 'vaccinnet', insz: '17073003384' }));
    const other = accepted({ destination: 'vaccinnet', insz: '85073003328' });
    for (const r of regs.map(({ hub: _hub, ...r }) => r)) await store.register(r);
    const { hub: _hub, ...otherReg } = other;
    await store.register(otherReg);
    sender.start();
    await settled(store, [...regs.map((r) => r.id), other.id]);
    const sizes = channel.calls.filter((c) => c.op === 'deliver').map((c) => c.ids.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(8);
    expect(Math.max(...sizes)).toBe(5);
    expect(channel.calls.every((c) => c.ids.every((id) => id === other.id) || !c.ids.includes(other.id))).toBe(true);
    await sender.stop();
    await store.close();
  });

  it('keeps at most `concurrency` deliveries in flight', async () => {
    const channel = new ScriptedChannel();
    channel.deliverWith = async () => {
      await new Promise((r) => setTimeout(r, 30));
      return { kind: 'accepted' };
    };
    const { store, sender } = await world(channel, { concurrency: 2 });
    const regs = Array.from({ length: 6 }, () => accepted());
    for (const r of regs) await store.register(r);
    sender.start();
    await settled(store, regs.map((r) => r.id));
    expect(channel.maxInFlight).toBe(2);
    await sender.stop();
    await store.close();
  });

  it('withdraws: revoked → withdrawn; refused → the state stays, the refusal is shown; transient → retried', async () => {
    const channel = new ScriptedChannel();
    const { store, sender } = await world(channel);
    const [a, b, c] = [accepted(), accepted(), accepted()];
    for (const r of [a, b, c]) await store.register(r);
    sender.start();
    await settled(store, [a.id, b.id, c.id]);
    let failures = 0;
    channel.revokeWith = (item) =>
      item.id === b.id ? { kind: 'rejected', reason: 'not allowed' } : item.id === c.id && failures++ < 2 ? { kind: 'failed', error: { code: 'timeout', message: 'slow' } } : { kind: 'revoked' };
    for (const r of [a, b, c]) await store.requestWithdrawal(r.id, crypto.randomUUID());
    await until(() => (store.get(a.id)!.state === 'withdrawn' && store.get(c.id)!.state === 'withdrawn' && store.get(b.id)!.withdrawal?.state === 'failed' ? true : undefined), 5_000);
    expect(store.get(b.id)).toMatchObject({ state: 'sent', withdrawal: { state: 'failed', reason: 'not allowed' } });
    expect(store.get(c.id)?.withdrawal?.attempts).toBe(3);
    expect(channel.calls.filter((call) => call.op === 'revoke' && call.ids[0] === a.id)[0]).toBeDefined();
    await sender.stop();
    await store.close();
  });

  it('a withdrawal asked before any attempt needs no upstream call', async () => {
    const channel = new ScriptedChannel();
    const { store, sender } = await world(channel);
    const reg = accepted();
    await store.register(reg);
    await store.requestWithdrawal(reg.id, crypto.randomUUID());
    sender.start();
    await new Promise((r) => setTimeout(r, 100));
    expect(store.get(reg.id)?.state).toBe('withdrawn');
    expect(channel.calls).toEqual([]);
    await sender.stop();
    await store.close();
  });

  it('with no channel for a registration, it stays pending with a typed error and is retried', async () => {
    const channel = new ScriptedChannel();
    const { store, sender } = await world(channel);
    const reg = accepted({ destination: 'vaccinnet' });
    const { hub: _hub, ...vaccinnet } = reg;
    const lookup = (d: string) => (d === 'vaccicard' ? channel : undefined);
    const lonely = new OutboxSender({ store, channels: lookup, backoff: { baseMs: 20, maxMs: 40 } });
    await store.register(vaccinnet);
    lonely.start();
    await until(() => ((store.get(reg.id)?.attempts ?? 0) >= 2 ? true : undefined), 5_000);
    expect(store.get(reg.id)).toMatchObject({ state: 'pending', lastError: { code: 'not-supported' } });
    await lonely.stop();
    await sender.stop();
    await store.close();
  });

  it('stop() during a call leaves the attempt in doubt (no outcome written); the next run looks it up', async () => {
    const channel = new ScriptedChannel();
    let release!: () => void;
    channel.deliverWith = () => new Promise((r) => (release = () => r({ kind: 'accepted' })));
    const { store, sender, file } = await world(channel);
    const reg = accepted();
    await store.register(reg);
    sender.start();
    await until(() => (channel.calls.length > 0 ? true : undefined), 5_000);
    const stopping = sender.stop();
    release();
    await stopping;
    expect(store.get(reg.id)).toMatchObject({ state: 'pending', attempts: 1 });
    expect(store.get(reg.id)!.lastError).toBeUndefined();
    await store.close();

    const { store: again } = await OutboxStore.open({ file });
    const next = new ScriptedChannel();
    next.lookupWith = () => ({ kind: 'found' });
    const resumed = new OutboxSender({ store: again, channels: () => next, backoff: { baseMs: 20, maxMs: 40 } });
    resumed.start();
    await settled(again, [reg.id]);
    expect(next.calls.map((c) => c.op)).toEqual(['lookup']);
    await resumed.stop();
    await again.close();
  });

  it('test hooks: markers at each point, and a pause that only a stop ends (nothing is sent)', async () => {
    const channel = new ScriptedChannel();
    const { store, sender, markers } = await world(channel, { hooks: 'before-send' });
    const reg = accepted();
    await store.register(reg);
    sender.start();
    await until(() => (markers.length > 0 ? true : undefined), 5_000);
    expect(markers).toEqual([`OUTBOX-TEST-POINT before-send ${reg.id}`]);
    await new Promise((r) => setTimeout(r, 100));
    expect(channel.calls).toEqual([]);
    await sender.stop();
    expect(store.get(reg.id)).toMatchObject({ state: 'pending', attempts: 1 });
    await store.close();
    expect(testHooksFromEnv({ VACCICARD_OUTBOX_TEST_HOOKS: 'before-send,nowhere' }, () => undefined)).toEqual({ ok: false, unknown: ['nowhere'] });
    expect(testHooksFromEnv({}, () => undefined)).toEqual({ ok: true, hooks: undefined });
  });
});
