/**
 * A companion answer + the page's own lines → the merged history the panels
 * show: KMEHR parse (lib/kmehr) then merge (lib/history).
 */
import type { ConsultResponse } from '../companion/contract.ts';
import { recordsFromConsult } from '../kmehr/consult.ts';
import { mergeHistory, type PharmacyIdentity } from '../history/merge.ts';
import type { MergedHistory, OwnVaccination, IsoDate } from '../vaccination.ts';
import type { SeasonWindow } from '../vaccines/season.ts';

export interface HistoryInput {
  insz: string;
  /** Absent when no hub could be asked: the history then holds the page's own lines only. */
  response?: ConsultResponse;
  own: OwnVaccination[];
  identity: PharmacyIdentity;
  seasonWindow: SeasonWindow;
  today: IsoDate;
}

export interface BuiltHistory {
  history: MergedHistory;
  /** Transactions or items that could not be read (shown as a count, never silently dropped). */
  parseFailures: number;
}

export type HistoryBuilder = (input: HistoryInput) => BuiltHistory;

export const buildHistory: HistoryBuilder = (input) => {
  const parsed = input.response
    ? recordsFromConsult(input.response, { expectedInsz: input.insz })
    : { records: [], failures: [] };
  const history = mergeHistory({
    vaccicard: parsed.records,
    own: input.own,
    identity: input.identity,
    today: input.today,
    seasonWindow: input.seasonWindow,
  });
  return { history, parseFailures: parsed.failures.length };
};

/** The local calendar date (the pharmacist's day), `YYYY-MM-DD`. */
export function localIsoDate(now: number): IsoDate {
  const d = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
