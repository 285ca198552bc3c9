/**
 * The companion's consult answer → records per hub. Each transaction is
 * parsed on its own: a malformed transaction (or a vaccine item that had to be
 * dropped) becomes a visible failure, and the other transactions and the
 * other hub still come through.
 */
import type { ConsultResponse, HubError } from '../companion/contract.ts';
import { normalizeInsz } from '../identifiers/insz.ts';
import type { Catalog } from '../vaccines/catalog.ts';
import { HUB_IDS, type HubId, type VaccinationRecord } from '../vaccination.ts';
import { parseKmehrMessage } from './parse.ts';

export type HubStatus = { status: 'ok'; count: number } | { status: 'error'; error: HubError };

export interface ConsultFailure {
  hub: HubId;
  transactionId: string;
  /** In plain words, without patient data. */
  reason: string;
}

export interface ConsultRecords {
  records: Array<{ hub: HubId; record: VaccinationRecord }>;
  hubs: Partial<Record<HubId, HubStatus>>;
  failures: ConsultFailure[];
}

export interface ConsultOptions {
  /** The patient asked about: a record about anyone else is refused as a failure. */
  expectedInsz?: string;
  catalog?: Catalog;
  /** Byte cap per KMEHR message (default 2 MB). */
  maxBytes?: number;
}

export function recordsFromConsult(resp: ConsultResponse, opts: ConsultOptions = {}): ConsultRecords {
  const out: ConsultRecords = { records: [], hubs: {}, failures: [] };
  const expected = opts.expectedInsz !== undefined ? normalizeInsz(opts.expectedInsz) : undefined;
  for (const hub of HUB_IDS) {
    const result = resp.hubs[hub];
    if (result === undefined) continue;
    if (result.status === 'error') {
      out.hubs[hub] = { status: 'error', error: result.error };
      continue;
    }
    let count = 0;
    for (const transaction of result.transactions) {
      const fail = (reason: string) => out.failures.push({ hub, transactionId: transaction.id, reason });
      let parsed: ReturnType<typeof parseKmehrMessage>;
      try {
        parsed = parseKmehrMessage(transaction.kmehr, { hub, catalog: opts.catalog, maxBytes: opts.maxBytes });
      } catch {
        fail('the transaction could not be read');
        continue;
      }
      if (!parsed.ok) {
        fail(`the transaction could not be read (${parsed.error.code}): ${parsed.error.reason}`);
        continue;
      }
      for (const warning of parsed.value.warnings) {
        if (warning.dropped) fail(warning.reason);
      }
      for (const record of parsed.value.records) {
        if (expected !== undefined && record.patientInsz !== undefined && record.patientInsz !== expected) {
          fail('a vaccination about another patient than the one asked for was left out');
          continue;
        }
        out.records.push({ hub, record });
        count++;
      }
    }
    out.hubs[hub] = { status: 'ok', count };
  }
  return out;
}
