/**
 * An outbox record as the local API shows it (contract RegistrationRecord):
 * no INSZ, no KMEHR, no idempotency hash; the withdrawal only while it is
 * under way or after it was refused.
 */
import type { RegistrationRecord } from '../../../lib/companion/contract.ts';
import type { OutboxRecord } from './entries.ts';

export function registrationRecordOf(record: OutboxRecord): RegistrationRecord {
  const view: RegistrationRecord = {
    id: record.id,
    idempotencyKey: record.idempotencyKey,
    state: record.state,
    destination: record.destination,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    attempts: record.attempts,
    vaccination: record.summary,
  };
  if (record.hub) view.hub = record.hub;
  if (record.reason !== undefined) view.reason = record.reason;
  if (record.upstreamCode !== undefined) view.upstreamCode = record.upstreamCode;
  if (record.rejectionCode) view.rejectionCode = record.rejectionCode;
  if (record.upstreamTransactionId) view.upstreamTransactionId = record.upstreamTransactionId.value;
  if (record.state === 'pending' && record.lastError) view.lastError = record.lastError;
  if (record.state === 'pending' && record.nextAttemptAt) view.nextAttemptAt = record.nextAttemptAt;
  if (record.sentAt) view.sentAt = record.sentAt;
  if (record.confirmedAt) view.confirmedAt = record.confirmedAt;
  const w = record.withdrawal;
  if (w && (w.state === 'pending' || w.state === 'failed')) {
    view.withdrawal = { state: w.state, requestedAt: w.requestedAt };
    if (w.state === 'failed' && w.reason !== undefined) view.withdrawal.reason = w.reason;
    if (w.state === 'failed' && w.upstreamCode !== undefined) view.withdrawal.upstreamCode = w.upstreamCode;
    if (w.state === 'pending' && w.lastError) view.withdrawal.reason = w.lastError.message;
  }
  return view;
}
