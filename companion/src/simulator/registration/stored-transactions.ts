/**
 * Registrations a simulated hub stored, as transactions of the patient (for
 * GetTransactionList / GetTransaction): the message as received, listed with
 * the hub's own LOCAL id first, then the message's own ids.
 */
import type { HubId } from '../../../../lib/vaccination.ts';
import { describeKmehrFile } from '../kmehr-file.ts';
import type { SimulatedTransaction } from '../patients.ts';
import { SIMULATED_HUB_TRANSACTION_SL } from './hub-registration.ts';
import type { SimulatedRegistrationStore, StoredRegistration } from './store.ts';

const cache = new WeakMap<StoredRegistration, SimulatedTransaction | null>();

function asTransaction(r: StoredRegistration): SimulatedTransaction | undefined {
  const cached = cache.get(r);
  if (cached !== undefined) return cached ?? undefined;
  const described = describeKmehrFile(r.kmehr);
  const tx = described.ok
    ? {
        ...described.info,
        ids: [{ s: 'LOCAL', sl: SIMULATED_HUB_TRANSACTION_SL, sv: '1.0', value: r.handle }, ...described.info.ids],
        source: `registration ${r.handle}`,
      }
    : undefined;
  cache.set(r, tx ?? null);
  return tx;
}

export function storedTransactions(store: SimulatedRegistrationStore, hub: HubId, insz: string): SimulatedTransaction[] {
  return store.forPatient(hub, insz).map(asTransaction).filter((t): t is SimulatedTransaction => t !== undefined);
}
