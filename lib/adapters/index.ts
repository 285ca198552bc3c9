/**
 * Host-page adapters: the known host software first, then the generic
 * fallback. `readPage` never throws into the host page: anything unexpected
 * reads as "not recognised" (which the badge shows).
 */
import { farmafluxAdapter } from './farmaflux.ts';
import { readGeneric, GENERIC_ADAPTER_ID } from './generic.ts';
import { readWithAdapter } from './read-page.ts';
import type { PageReading } from './reading.ts';
import type { HostAdapter } from './types.ts';

export const ADAPTERS: readonly HostAdapter[] = [farmafluxAdapter];

export function readPage(
  doc: Document,
  url: URL,
  today: Date = new Date(),
  adapters: readonly HostAdapter[] = ADAPTERS,
): PageReading {
  try {
    for (const adapter of adapters) {
      const reading = readWithAdapter(doc, url, adapter, today);
      if (reading) return reading;
    }
    return readGeneric(doc, today);
  } catch {
    return { kind: 'not-recognised', adapterId: GENERIC_ADAPTER_ID, missing: ['unexpected-page'] };
  }
}

export type { PageReading } from './reading.ts';
export { readingKey } from './reading.ts';
