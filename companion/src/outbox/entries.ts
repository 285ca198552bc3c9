/**
 * What the outbox journal holds, as zod schemas (every line is checked when
 * the journal is read back): a registration as accepted, then one entry per
 * step of its life. `snapshot` carries a whole record and is what compaction
 * writes. The registration keeps the patient's INSZ (needed to send and to
 * list) and the KMEHR message built once at acceptance, so every resend is
 * the same message with the same ids.
 */
import { z } from 'zod';
import { HubErrorCode, RegistrationDestination, RegistrationRejectionCode } from '../../../lib/companion/contract.ts';
import { IdempotencyKey } from '../../../lib/registration/idempotency-key.ts';
import { RegistrationSummary } from '../../../lib/registration/summary.ts';
import { HubId, RegistrationState } from '../../../lib/vaccination.ts';

const Instant = z.iso.datetime({ offset: true });
const RecordId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/);
const ShortText = z.string().max(1000);

/** The upstream's id of a stored transaction: a hub transaction id (ID-KMEHR or LOCAL + SL), or a Vaccinnet VaccinationId. */
export const UpstreamTransactionId = z
  .object({ s: z.string().min(1).max(50), sl: z.string().min(1).max(200).optional(), value: z.string().min(1).max(500) })
  .strict();
export type UpstreamTransactionId = z.infer<typeof UpstreamTransactionId>;

export const DeliveryError = z.object({ code: HubErrorCode, message: ShortText }).strict();
export type DeliveryError = z.infer<typeof DeliveryError>;

/** A registration as accepted: everything needed to send it, fixed from then on. */
export const AcceptedRegistration = z
  .object({
    id: RecordId,
    idempotencyKey: IdempotencyKey,
    /** SHA-256 (hex) of the normalised request: the same key with another body is a conflict. */
    requestHash: z.string().regex(/^[0-9a-f]{64}$/),
    insz: z.string().regex(/^\d{11}$/),
    destination: RegistrationDestination,
    hub: HubId.optional(),
    /** The KMEHR message, exactly as it is sent (and resent). */
    kmehr: z.string().min(1).max(2_000_000),
    /** Its header id (`<RIZIV>.<message id>`), which Vaccinnet reports results by. */
    kmehrId: z.string().min(1).max(200),
    summary: RegistrationSummary,
    createdAt: Instant,
  })
  .strict();
export type AcceptedRegistration = z.infer<typeof AcceptedRegistration>;

export const WithdrawalState = z
  .object({
    idempotencyKey: IdempotencyKey,
    state: z.enum(['pending', 'failed', 'done']),
    requestedAt: Instant,
    attempts: z.number().int().nonnegative(),
    nextAttemptAt: Instant.optional(),
    lastError: DeliveryError.optional(),
    reason: ShortText.optional(),
    upstreamCode: z.string().max(100).optional(),
  })
  .strict();
export type WithdrawalState = z.infer<typeof WithdrawalState>;

export const OutboxRecord = AcceptedRegistration.extend({
  state: RegistrationState,
  updatedAt: Instant,
  /** Delivery attempts started (each one journaled before the upstream is called). */
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: Instant.optional(),
  lastError: DeliveryError.optional(),
  sentAt: Instant.optional(),
  confirmedAt: Instant.optional(),
  upstreamTransactionId: UpstreamTransactionId.optional(),
  rejectionCode: RegistrationRejectionCode.optional(),
  reason: ShortText.optional(),
  upstreamCode: z.string().max(100).optional(),
  withdrawal: WithdrawalState.optional(),
}).strict();
export type OutboxRecord = z.infer<typeof OutboxRecord>;

const withId = <K extends string, T extends z.ZodRawShape>(type: K, shape: T) =>
  z.object({ type: z.literal(type), id: RecordId, at: Instant, ...shape }).strict();

export const OutboxEntry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('registered'), at: Instant, registration: AcceptedRegistration }).strict(),
  withId('attempt', { attempt: z.number().int().positive() }),
  withId('delivered', { via: z.enum(['answer', 'lookup', 'echo']), upstreamTransactionId: UpstreamTransactionId.optional() }),
  withId('retry', { error: DeliveryError, nextAttemptAt: Instant }),
  withId('rejected', { rejectionCode: RegistrationRejectionCode, reason: ShortText, upstreamCode: z.string().max(100).optional() }),
  withId('confirmed', {}),
  withId('withdraw-requested', { idempotencyKey: IdempotencyKey }),
  withId('withdraw-attempt', { attempt: z.number().int().positive() }),
  withId('withdraw-retry', { error: DeliveryError, nextAttemptAt: Instant }),
  withId('withdrawn', { reason: ShortText.optional() }),
  withId('withdraw-failed', { reason: ShortText, upstreamCode: z.string().max(100).optional() }),
  z.object({ type: z.literal('snapshot'), at: Instant, record: OutboxRecord }).strict(),
]);
export type OutboxEntry = z.infer<typeof OutboxEntry>;
