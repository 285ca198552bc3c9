/**
 * Stable record ids.
 *
 * A transaction's `ID-KMEHR` id is only its sequence number inside one message
 * (nearly always `1`), so it identifies nothing on its own. The identifying ids
 * are the others: `LOCAL` ids with an SL naming the issuing system (a vault
 * URI, the hub's or the software's own id). The record id is a hash of those
 * ids plus the item's position in the transaction, so the same vaccination
 * fetched twice gets the same id. When a transaction carries no identifying
 * id, the hash is over the record's content instead (patient, date, product
 * codes, lot, vaccinator, position).
 *
 * Hashing also keeps identifiers that embed an INSZ (a Vitalink URI does) out
 * of ids, which travel into logs and caches. The id does not depend on the hub
 * that answered: whether RSW and RSB return the same vaccination is for the
 * merge to decide on content.
 */
import type { KmehrId } from '../vaccination.ts';
import { ID } from './codes.ts';

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/** FNV-1a, 64 bits, over the UTF-8 bytes of `text`: 16 hex digits. */
export function fnv1a64(text: string): string {
  let h = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * FNV_PRIME) & MASK_64;
  }
  return h.toString(16).padStart(16, '0');
}

/** The ids that identify a transaction beyond one message (all but ID-KMEHR). */
export function identifyingIds(ids: readonly KmehrId[]): KmehrId[] {
  return ids.filter((i) => i.s !== ID.kmehr);
}

function canonicalIds(ids: readonly KmehrId[]): string {
  return ids
    .map((i) => `${i.s}|${i.sl ?? ''}|${i.value}`)
    .sort()
    .join('\n');
}

export interface RecordContentKey {
  patientInsz?: string;
  date: string;
  cnk?: string;
  atc: readonly string[];
  indications: readonly string[];
  vaccinnetCode?: string;
  lot?: string;
  vaccinatorRiziv?: string;
}

/**
 * `kmehr-t-<hash>` from the identifying transaction ids and the item position,
 * else `kmehr-c-<hash>` from the content.
 */
export function recordId(transactionIds: readonly KmehrId[], itemPosition: number, content: RecordContentKey): string {
  const ids = identifyingIds(transactionIds);
  if (ids.length > 0) return `kmehr-t-${fnv1a64(`${canonicalIds(ids)}\n#${itemPosition}`)}`;
  const parts = [
    content.patientInsz ?? '',
    content.date,
    content.cnk ?? '',
    [...content.atc].sort().join(','),
    [...content.indications].sort().join(','),
    content.vaccinnetCode ?? '',
    content.lot ?? '',
    content.vaccinatorRiziv ?? '',
    String(itemPosition),
  ];
  return `kmehr-c-${fnv1a64(parts.join('\n'))}`;
}
