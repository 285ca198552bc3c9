/** The life of a registration as a pure function of its journal entries, and the work it leaves for the sender. */
import { describe, expect, it } from 'vitest';
import type { OutboxEntry, OutboxRecord } from '../../src/outbox/entries.ts';
import { OutboxEntry as EntrySchema } from '../../src/outbox/entries.ts';
import { nextRecord, OutboxReplayError, workDueAt, workOf } from '../../src/outbox/reducer.ts';
import { registrationRecordOf } from '../../src/outbox/record-view.ts';
import { RegistrationRecord } from '../../../lib/companion/contract.ts';
import { accepted } from './records.ts';

const KEY = '6f1c2d3e-4a5b-4c6d-8e7f-901234567890';
const at = (n: number) => new Date(Date.UTC(2026, 9, 14, 10, 0, n)).toISOString();

function life(...steps: Array<(id: string, t: string) => OutboxEntry>): OutboxRecord {
  const reg = accepted();
  let record = nextRecord(undefined, { type: 'registered', at: at(0), registration: reg });
  steps.forEach((step, i) => {
    const entry = step(reg.id, at(i + 1));
    EntrySchema.parse(entry);
    record = nextRecord(record, entry);
  });
  return record;
}

const attempt = (n: number) => (id: string, t: string): OutboxEntry => ({ type: 'attempt', id, at: t, attempt: n });
const delivered = (id: string, t: string): OutboxEntry => ({ type: 'delivered', id, at: t, via: 'answer', upstreamTransactionId: { s: 'LOCAL', sl: 'x', value: 'h1' } });
const retry = (id: string, t: string): OutboxEntry => ({ type: 'retry', id, at: t, error: { code: 'timeout', message: 'slow' }, nextAttemptAt: at(59) });
const rejected = (id: string, t: string): OutboxEntry => ({ type: 'rejected', id, at: t, rejectionCode: 'no-consent', reason: 'no consent', upstreamCode: '365' });
const confirmed = (id: string, t: string): OutboxEntry => ({ type: 'confirmed', id, at: t });
const withdrawRequested = (id: string, t: string): OutboxEntry => ({ type: 'withdraw-requested', id, at: t, idempotencyKey: KEY });
const withdrawAttempt = (id: string, t: string): OutboxEntry => ({ type: 'withdraw-attempt', id, at: t, attempt: 1 });
const withdrawn = (id: string, t: string): OutboxEntry => ({ type: 'withdrawn', id, at: t });
const withdrawFailed = (id: string, t: string): OutboxEntry => ({ type: 'withdraw-failed', id, at: t, reason: 'refused', upstreamCode: 'X' });

describe('nextRecord', () => {
  it.each([
    ['registered', [], { state: 'pending', attempts: 0 }, 'deliver'],
    ['an attempt started (outcome unknown)', [attempt(1)], { state: 'pending', attempts: 1 }, 'deliver'],
    ['a failed attempt', [attempt(1), retry], { state: 'pending', attempts: 1, lastError: { code: 'timeout' }, nextAttemptAt: at(59) }, 'deliver'],
    ['delivered', [attempt(1), delivered], { state: 'sent', sentAt: at(2), upstreamTransactionId: { value: 'h1' } }, undefined],
    ['echoed after delivery', [attempt(1), delivered, confirmed], { state: 'confirmed', confirmedAt: at(3), sentAt: at(2) }, undefined],
    ['echoed while its "sent" was never recorded (the echo proves delivery)', [attempt(1), confirmed], { state: 'confirmed', sentAt: at(2) }, undefined],
    ['an answer arriving after the echo keeps it confirmed', [attempt(1), confirmed, delivered], { state: 'confirmed' }, undefined],
    ['rejected', [attempt(1), rejected], { state: 'rejected', rejectionCode: 'no-consent', reason: 'no consent', upstreamCode: '365' }, undefined],
    ['a withdrawal of a sent one', [attempt(1), delivered, withdrawRequested], { state: 'sent', withdrawal: { state: 'pending', attempts: 0 } }, 'revoke'],
    ['a withdrawal of an unsent one', [withdrawRequested], { state: 'pending' }, 'withdraw-locally'],
    ['a withdrawal of one in doubt waits for its delivery', [attempt(1), withdrawRequested], { state: 'pending' }, 'deliver'],
    ['a withdrawal of a rejected one', [attempt(1), rejected, withdrawRequested], { state: 'rejected' }, 'withdraw-locally'],
    ['withdrawn', [attempt(1), delivered, withdrawRequested, withdrawAttempt, withdrawn], { state: 'withdrawn', withdrawal: { state: 'done', attempts: 1 } }, undefined],
    ['a refused withdrawal keeps the state', [attempt(1), delivered, confirmed, withdrawRequested, withdrawAttempt, withdrawFailed], { state: 'confirmed', withdrawal: { state: 'failed', reason: 'refused' } }, undefined],
    ['an echo after withdrawal changes nothing', [attempt(1), delivered, withdrawRequested, withdrawn, confirmed], { state: 'withdrawn' }, undefined],
  ] as const)('%s', (_name, steps, expected, work) => {
    const record = life(...(steps as unknown as Array<(id: string, t: string) => OutboxEntry>));
    expect(record).toMatchObject(expected);
    expect(workOf(record)).toBe(work);
    // Every record state is shown through the contract schema.
    expect(RegistrationRecord.safeParse(registrationRecordOf(record)).success).toBe(true);
  });

  it('the due time of a retried delivery is its nextAttemptAt', () => {
    expect(workDueAt(life(attempt(1), retry))).toBe(at(59));
    expect(workDueAt(life())).toBeUndefined();
  });

  it('refuses impossible sequences (they only come from a damaged journal)', () => {
    const reg = accepted();
    const first = nextRecord(undefined, { type: 'registered', at: at(0), registration: reg });
    expect(() => nextRecord(first, { type: 'registered', at: at(1), registration: reg })).toThrow(OutboxReplayError);
    expect(() => nextRecord(undefined, { type: 'attempt', id: reg.id, at: at(1), attempt: 1 })).toThrow(OutboxReplayError);
    expect(() => nextRecord(first, { type: 'withdrawn', id: reg.id, at: at(1) })).toThrow(OutboxReplayError);
  });

  it('the API view never shows the INSZ, the KMEHR or the request hash', () => {
    const view = JSON.stringify(registrationRecordOf(life(attempt(1), delivered)));
    expect(view).not.toContain('85073003328');
    expect(view).not.toContain('kmehrmessage');
    expect(view).not.toContain('a'.repeat(64));
  });
});
