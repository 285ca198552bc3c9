/**
 * Vaccinnet registration: up to five registrations of one patient per
 * AddVaccinations, each result matched to its message by KmehrId (the
 * message header id); RemoveVaccination by the VaccinationId Vaccinnet gave.
 *
 * No lookup: this channel does not call GetVaccinations. After an attempt
 * whose outcome is unknown it resends the very same message (same header id,
 * same LOCAL registration id). How Vaccinnet treats a message it already
 * stored is NOT verified; the simulated Vaccinnet recognises it by those ids.
 */
import type { DeliveryError } from '../outbox/entries.ts';
import type { VaccinnetClient } from '../vaccinnet/client.ts';
import { MAX_MESSAGES_PER_CALL, NOT_FOUND_CODES, SUCCESS_CODES, TRANSIENT_CODES, VACCINATION_ID_SCHEME } from '../vaccinnet/constants.ts';
import type { VaccinnetStatus } from '../vaccinnet/response.ts';
import type { DeliveryOutcome, RegistrationChannel, RevokeOutcome } from './channel.ts';

function statusError(status: VaccinnetStatus): DeliveryError {
  return { code: 'hub-error', message: (status.message || `Vaccinnet status ${status.code}`).slice(0, 1000) };
}

function refusal(status: VaccinnetStatus): DeliveryOutcome {
  if (TRANSIENT_CODES.has(status.code)) return { kind: 'failed', error: statusError(status) };
  return { kind: 'rejected', rejectionCode: 'refused', reason: status.message || `Vaccinnet refused the registration (status ${status.code})`, upstreamCode: status.code };
}

export function createVaccinnetChannel(client: VaccinnetClient): RegistrationChannel {
  return {
    name: 'vaccinnet',
    maxBatch: MAX_MESSAGES_PER_CALL,

    async deliver(items, signal) {
      const out = new Map<string, DeliveryOutcome>();
      if (items.length === 0) return out;
      const insz = items[0]!.insz;
      if (items.some((i) => i.insz !== insz)) throw new RangeError('one AddVaccinations carries one patient');
      const result = await client.addVaccinations(insz, items.map((i) => i.kmehr), signal);
      if (result.kind === 'failed') {
        for (const item of items) out.set(item.id, { kind: 'failed', error: result.error });
        return out;
      }
      const { status, results } = result.answer;
      for (const item of items) {
        const own = results.find((r) => r.kmehrId === item.kmehrId);
        if (!own) {
          // No per-message result: the call's status speaks for every message.
          out.set(
            item.id,
            SUCCESS_CODES.has(status.code)
              ? { kind: 'failed', error: { code: 'malformed-response', message: 'Vaccinnet answered without a result for this message' } }
              : refusal(status),
          );
          continue;
        }
        const itemStatus = own.status ?? status;
        if (!SUCCESS_CODES.has(itemStatus.code)) {
          out.set(item.id, refusal(itemStatus));
          continue;
        }
        out.set(item.id, {
          kind: 'accepted',
          ...(own.vaccinationId && {
            upstreamTransactionId: { s: VACCINATION_ID_SCHEME, ...(own.vaccinationId.source && { sl: own.vaccinationId.source }), value: own.vaccinationId.value },
          }),
        });
      }
      return out;
    },

    async revoke(item, signal): Promise<RevokeOutcome> {
      const id = item.upstreamTransactionId;
      if (!id || id.s !== VACCINATION_ID_SCHEME) {
        return { kind: 'rejected', reason: 'Vaccinnet gave no vaccination id for this registration: withdraw it in Vaccinnet itself' };
      }
      const result = await client.removeVaccination(item.insz, id.value, signal);
      if (result.kind === 'failed') return { kind: 'failed', error: result.error };
      const { status } = result.answer;
      if (SUCCESS_CODES.has(status.code) || NOT_FOUND_CODES.has(status.code)) return { kind: 'revoked' };
      if (TRANSIENT_CODES.has(status.code)) return { kind: 'failed', error: statusError(status) };
      return { kind: 'rejected', reason: status.message || `Vaccinnet refused the withdrawal (status ${status.code})`, upstreamCode: status.code };
    },
  };
}
