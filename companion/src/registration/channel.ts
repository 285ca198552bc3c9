/**
 * A registration channel: how registrations reach one upstream (Vaccicard
 * through a hub, or Vaccinnet). The outbox sender only knows this interface.
 *
 * Exactly once across a crash: every delivery sends the same KMEHR message,
 * built once at acceptance, whose transaction carries the registration's own
 * id (LOCAL, SL `vaccicard-overlay-registration`). After an attempt whose
 * outcome is unknown (the companion died, the answer was lost), the sender
 * asks `lookup` first when the channel has one, and only resends when the
 * upstream does not hold it; a channel without `lookup` resends the same
 * message and relies on the upstream recognising its ids.
 */
import type { RegistrationRejectionCode } from '../../../lib/companion/contract.ts';
import type { HubId } from '../../../lib/vaccination.ts';
import type { DeliveryError, UpstreamTransactionId } from '../outbox/entries.ts';

export interface DeliveryItem {
  /** The registration id (also the LOCAL transaction id in the message). */
  id: string;
  insz: string;
  kmehr: string;
  /** The message's header id. */
  kmehrId: string;
  hub?: HubId;
  /** Known once delivered: what a withdrawal names. */
  upstreamTransactionId?: UpstreamTransactionId;
}

export type DeliveryOutcome =
  | { kind: 'accepted'; upstreamTransactionId?: UpstreamTransactionId }
  /** Refused for good: nothing was stored, resending the same message would be refused again. */
  | { kind: 'rejected'; rejectionCode: RegistrationRejectionCode; reason: string; upstreamCode?: string }
  /** Not delivered this time (network, timeout, upstream down, token): retried later. */
  | { kind: 'failed'; error: DeliveryError };

export type LookupOutcome = { kind: 'found'; upstreamTransactionId?: UpstreamTransactionId } | { kind: 'not-found' } | { kind: 'failed'; error: DeliveryError };

export type RevokeOutcome =
  /** Gone from the upstream (also when it was already gone: a revoke is idempotent). */
  | { kind: 'revoked' }
  | { kind: 'rejected'; reason: string; upstreamCode?: string }
  | { kind: 'failed'; error: DeliveryError };

export interface RegistrationChannel {
  /** Plain name for logs: `vaccicard-rsw`, `vaccinnet`. */
  readonly name: string;
  /** How many registrations of one patient one call may carry (Vaccinnet: 5). */
  readonly maxBatch: number;
  /** One outcome per item id; all items are about the same patient. Never rejects. */
  deliver(items: readonly DeliveryItem[], signal: AbortSignal): Promise<ReadonlyMap<string, DeliveryOutcome>>;
  /** Whether the upstream already holds the registration. Never rejects. */
  lookup?(item: DeliveryItem, signal: AbortSignal): Promise<LookupOutcome>;
  /** Withdraws a delivered registration. Never rejects. */
  revoke(item: DeliveryItem, signal: AbortSignal): Promise<RevokeOutcome>;
}

/** Finds the channel of a registration (by destination and hub); undefined when none is configured. */
export type ChannelLookup = (destination: 'vaccicard' | 'vaccinnet', hub: HubId | undefined) => RegistrationChannel | undefined;
