/**
 * Vaccicard registration through a hub (RSW or RSB): PutTransaction to
 * deliver, GetTransactionList to find out whether an earlier attempt arrived,
 * RevokeTransaction to withdraw.
 *
 * Exactly once: the message carries the registration id as a LOCAL
 * transaction id (SL `vaccicard-overlay-registration`). The lookup looks for
 * that id among the listed transactions. How the real hubs treat a second
 * PutTransaction with an already stored transaction id is NOT verified (not
 * public); the companion therefore never resends after an unknown outcome
 * without looking first, and resends the very same message (same ids) when
 * the hub does not list it. If a hub does not keep the LOCAL id in its
 * listing, the lookup finds nothing and the resend relies on the hub's own
 * duplicate handling: to be confirmed with RSW and Abrumet.
 */
import { REGISTRATION_ID_SL } from '../../../lib/kmehr/build.ts';
import type { HubId, KmehrId } from '../../../lib/vaccination.ts';
import type { HubRegistrationClient } from '../hub/registration-client.ts';
import type { UpstreamTransactionId } from '../outbox/entries.ts';
import type { DeliveryItem, DeliveryOutcome, LookupOutcome, RegistrationChannel, RevokeOutcome } from './channel.ts';
import { isTransient, rejectionCodeOf } from './rejection.ts';

/** Our own id of a registration, as the message carries it. */
export function registrationTransactionId(registrationId: string): KmehrId {
  return { s: 'LOCAL', sl: REGISTRATION_ID_SL, value: registrationId };
}

const isOwnId = (id: KmehrId) => id.s === 'LOCAL' && id.sl === REGISTRATION_ID_SL;

/** The id a withdrawal should name: the hub's own (a LOCAL id of its scheme) before the message's ID-KMEHR. */
export function hubTransactionId(ids: readonly KmehrId[]): UpstreamTransactionId | undefined {
  const chosen = ids.find((i) => i.s === 'LOCAL' && i.sl && !isOwnId(i)) ?? ids.find((i) => isOwnId(i)) ?? ids.find((i) => i.s === 'ID-KMEHR' && i.value !== '1');
  if (!chosen) return undefined;
  const id: UpstreamTransactionId = { s: chosen.s, value: chosen.value.slice(0, 500) };
  if (chosen.sl) id.sl = chosen.sl;
  return id;
}

export function createHubChannel(client: HubRegistrationClient, hub: HubId): RegistrationChannel {
  return {
    name: `vaccicard-${hub}`,
    maxBatch: 1,

    async deliver(items, signal) {
      const out = new Map<string, DeliveryOutcome>();
      for (const item of items) {
        const result = await client.putTransaction(hub, item.kmehr, signal);
        switch (result.kind) {
          case 'stored': {
            const id = hubTransactionId(result.transactionIds);
            out.set(item.id, { kind: 'accepted', ...(id && { upstreamTransactionId: id }) });
            break;
          }
          case 'refused':
            out.set(
              item.id,
              isTransient(result.error.code)
                ? { kind: 'failed', error: result.error }
                : {
                    kind: 'rejected',
                    rejectionCode: rejectionCodeOf(result.error),
                    reason: result.error.message,
                    ...(result.error.upstreamCode !== undefined && { upstreamCode: result.error.upstreamCode }),
                  },
            );
            break;
          case 'failed':
            out.set(item.id, { kind: 'failed', error: result.error });
        }
      }
      return out;
    },

    async lookup(item: DeliveryItem, signal): Promise<LookupOutcome> {
      const own = registrationTransactionId(item.id);
      const result = await client.findTransaction(hub, item.insz, (ids) => ids.some((i) => isOwnId(i) && i.value === own.value), signal);
      switch (result.kind) {
        case 'found': {
          const id = hubTransactionId(result.ids);
          return { kind: 'found', ...(id && { upstreamTransactionId: id }) };
        }
        case 'not-found':
          return { kind: 'not-found' };
        case 'refused':
          // The hub will not list for this patient (consent, relation...): it did not store it either; the
          // PutTransaction will be refused with the hub's own reason.
          return isTransient(result.error.code) ? { kind: 'failed', error: result.error } : { kind: 'not-found' };
        case 'failed':
          return { kind: 'failed', error: result.error };
      }
    },

    async revoke(item, signal): Promise<RevokeOutcome> {
      let target = item.upstreamTransactionId;
      if (!target) {
        // The hub's id was never learnt (delivered through a lookup that listed only our id, or an
        // answer without ids): find the transaction first, so "not found" below really means gone.
        const own = registrationTransactionId(item.id);
        const found = await client.findTransaction(hub, item.insz, (ids) => ids.some((i) => isOwnId(i) && i.value === own.value), signal);
        if (found.kind === 'not-found') return { kind: 'revoked' };
        if (found.kind === 'failed' || (found.kind === 'refused' && isTransient(found.error.code))) {
          return { kind: 'failed', error: found.error };
        }
        if (found.kind === 'refused') {
          return { kind: 'rejected', reason: found.error.message, ...(found.error.upstreamCode !== undefined && { upstreamCode: found.error.upstreamCode }) };
        }
        target = hubTransactionId(found.ids) ?? own;
      }
      const result = await client.revokeTransaction(hub, item.insz, target, signal);
      switch (result.kind) {
        case 'revoked':
        case 'not-found':
          return { kind: 'revoked' };
        case 'refused':
          return isTransient(result.error.code)
            ? { kind: 'failed', error: result.error }
            : { kind: 'rejected', reason: result.error.message, ...(result.error.upstreamCode !== undefined && { upstreamCode: result.error.upstreamCode }) };
        case 'failed':
          return { kind: 'failed', error: result.error };
      }
    },
  };
}
