/** The outbox store: what is acknowledged is on disk and comes back after a restart; keys; withdrawals; compaction and retention. */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutboxStore } from '../../src/outbox/store.ts';
import { accepted } from './records.ts';

async function fresh(options: Partial<Parameters<typeof OutboxStore.open>[0]> = {}) {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'vc-store-')), 'outbox', 'registrations.journal');
  const open = () => OutboxStore.open({ file, ...options });
  return { file, open, ...(await open()) };
}

describe('the outbox store', () => {
  it('keeps a registration on disk before it answers, and finds it again after a restart', async () => {
    const { store, open, file } = await fresh();
    const reg = accepted();
    const result = await store.register(reg);
    expect(result).toMatchObject({ kind: 'created', record: { id: reg.id, state: 'pending', attempts: 0 } });
    // On disk now, before anything else happens.
    expect(await readFile(file, 'utf8')).toContain(reg.id);
    await store.close();
    const { store: again, report } = await open();
    expect(report).toEqual({ records: 1, withWork: 1, truncatedBytes: 0 });
    expect(again.get(reg.id)).toMatchObject({ id: reg.id, insz: reg.insz, kmehr: reg.kmehr, state: 'pending' });
    expect(again.byIdempotencyKey(reg.idempotencyKey)?.id).toBe(reg.id);
    expect(again.forPatient(reg.insz).map((r) => r.id)).toEqual([reg.id]);
    await again.close();
  });

  it('a known key with the same request is the same registration; with another request it is a conflict', async () => {
    const { store } = await fresh();
    const reg = accepted();
    await store.register(reg);
    expect(await store.register({ ...reg, id: randomUUID() })).toMatchObject({ kind: 'duplicate', record: { id: reg.id } });
    expect(await store.register({ ...reg, id: randomUUID(), requestHash: 'b'.repeat(64) })).toEqual({ kind: 'conflict' });
    // Concurrent resends: one registration.
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, () => store.register(accepted({ idempotencyKey: key }))));
    expect(results.filter((r) => r.kind === 'created')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'duplicate')).toHaveLength(9);
    await store.close();
  });

  it('journals an attempt only while a delivery is due, and records its outcome', async () => {
    const { store, open } = await fresh();
    const reg = accepted();
    await store.register(reg);
    expect((await store.beginAttempt(reg.id))?.attempts).toBe(1);
    await store.recordDelivery(reg.id, { kind: 'retry', error: { code: 'timeout', message: 'slow' }, nextAttemptAt: new Date('2030-01-01T00:00:00Z') });
    expect(store.get(reg.id)).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: '2030-01-01T00:00:00.000Z' });
    expect((await store.beginAttempt(reg.id))?.attempts).toBe(2);
    await store.recordDelivery(reg.id, { kind: 'delivered', via: 'answer', upstreamTransactionId: { s: 'LOCAL', sl: 'x', value: 'h' } });
    expect(await store.beginAttempt(reg.id)).toBeUndefined();
    // A late refusal cannot undo a delivery.
    await store.recordDelivery(reg.id, { kind: 'rejected', rejectionCode: 'refused', reason: 'late' });
    expect(store.get(reg.id)?.state).toBe('sent');
    await store.close();
    const { store: again } = await open();
    expect(again.get(reg.id)).toMatchObject({ state: 'sent', attempts: 2, upstreamTransactionId: { value: 'h' } });
    await again.close();
  });

  it('withdrawals: local before any attempt, queued after one, idempotent per key, a key for another registration conflicts', async () => {
    const { store } = await fresh();
    const [unsent, inDoubt, sent] = [accepted(), accepted(), accepted()];
    for (const r of [unsent, inDoubt, sent]) await store.register(r);
    await store.beginAttempt(inDoubt.id);
    await store.beginAttempt(sent.id);
    await store.recordDelivery(sent.id, { kind: 'delivered', via: 'answer' });

    const k1 = randomUUID();
    expect(await store.requestWithdrawal(unsent.id, k1)).toMatchObject({ kind: 'withdrawn', record: { state: 'withdrawn', reason: expect.stringContaining('before it was sent') } });
    expect(await store.requestWithdrawal(unsent.id, k1)).toMatchObject({ kind: 'unchanged' });
    expect(await store.requestWithdrawal(sent.id, k1)).toEqual({ kind: 'conflict' });
    expect(await store.requestWithdrawal(inDoubt.id, randomUUID())).toMatchObject({ kind: 'queued', record: { state: 'pending', withdrawal: { state: 'pending' } } });
    const k3 = randomUUID();
    expect(await store.requestWithdrawal(sent.id, k3)).toMatchObject({ kind: 'queued', record: { state: 'sent' } });
    expect(await store.requestWithdrawal(sent.id, randomUUID())).toMatchObject({ kind: 'unchanged' });
    expect(await store.requestWithdrawal('no-such-id', randomUUID())).toEqual({ kind: 'not-found' });

    expect((await store.beginWithdrawAttempt(sent.id))?.withdrawal?.attempts).toBe(1);
    await store.recordWithdrawal(sent.id, { kind: 'failed', reason: 'the hub refused', upstreamCode: 'E1' });
    expect(store.get(sent.id)).toMatchObject({ state: 'sent', withdrawal: { state: 'failed', reason: 'the hub refused' } });
    // Asked again after a refusal: a new withdrawal.
    expect(await store.requestWithdrawal(sent.id, randomUUID())).toMatchObject({ kind: 'queued' });
    await store.beginWithdrawAttempt(sent.id);
    await store.recordWithdrawal(sent.id, { kind: 'withdrawn' });
    expect(store.get(sent.id)?.state).toBe('withdrawn');
    await store.close();
  });

  it('confirms only what is pending or sent', async () => {
    const { store } = await fresh();
    const [a, b, c] = [accepted(), accepted(), accepted()];
    for (const r of [a, b, c]) await store.register(r);
    await store.beginAttempt(b.id);
    await store.recordDelivery(b.id, { kind: 'rejected', rejectionCode: 'refused', reason: 'no' });
    const changed = await store.confirm([a.id, b.id, c.id, a.id, 'unknown']);
    expect(changed.map((r) => r.id).sort()).toEqual([a.id, c.id].sort());
    expect(store.get(b.id)?.state).toBe('rejected');
    expect(await store.confirm([a.id])).toEqual([]);
    await store.close();
  });

  it('compacts when the journal grows, without losing or changing a record', async () => {
    const { store, open } = await fresh({ compactAfterLines: 20 });
    const regs = Array.from({ length: 5 }, () => accepted());
    for (const r of regs) await store.register(r);
    for (let round = 0; round < 6; round++) {
      for (const r of regs) {
        await store.beginAttempt(r.id);
        await store.recordDelivery(r.id, { kind: 'retry', error: { code: 'unreachable', message: 'down' }, nextAttemptAt: new Date(Date.now() + 1000) });
      }
    }
    // 5 registered + 60 steps, compacted whenever over max(20, 4 × 5) lines.
    expect(store.journalLines).toBeLessThanOrEqual(20);
    const before = regs.map((r) => store.get(r.id));
    await store.close();
    const { store: again, report } = await open();
    expect(report.records).toBe(5);
    expect(regs.map((r) => again.get(r.id))).toEqual(before);
    await again.close();
  });

  it('forgets settled registrations older than the retention period (and their INSZ)', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const { store, file } = await fresh({ now: () => now, retentionDays: 30 });
    const [old, open_] = [accepted({ insz: '17073003384' }), accepted()];
    await store.register(old);
    await store.register(open_);
    await store.beginAttempt(old.id);
    await store.recordDelivery(old.id, { kind: 'delivered', via: 'answer' });
    await store.confirm([old.id]);
    await store.close();
    now = new Date('2026-03-01T00:00:00Z');
    const { store: later, report } = await OutboxStore.open({ file, now: () => now, retentionDays: 30 });
    expect(report.records).toBe(1);
    expect(later.get(old.id)).toBeUndefined();
    expect(later.get(open_.id)?.state).toBe('pending'); // never settled: kept however old
    expect(await readFile(file, 'utf8')).not.toContain('17073003384');
    await later.close();
  });

  it('refuses a journal whose entries make no sense (a damaged file), naming the line', async () => {
    const { store, file } = await fresh();
    await store.register(accepted());
    await store.close();
    const { encodeJournalLine } = await import('../../src/outbox/journal-line.ts');
    const { appendFile } = await import('node:fs/promises');
    await appendFile(file, encodeJournalLine(2, { type: 'attempt', id: 'unknown-id', at: '2026-01-01T00:00:00.000Z', attempt: 1 }));
    await expect(OutboxStore.open({ file })).rejects.toMatchObject({ name: 'JournalCorruptError', lineNumber: 2 });
    await appendFile(file, encodeJournalLine(3, { type: 'no-such-step' }));
    await expect(OutboxStore.open({ file })).rejects.toMatchObject({ name: 'JournalCorruptError' });
  });
});
