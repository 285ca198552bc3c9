/**
 * The consultation of one hub: GetTransactionList for the patient filtered
 * on `vaccination` (following pagination), and GetTransaction for every
 * listed transaction with bounded concurrency, started as soon as a page
 * lists it (while the next page is asked for). As when the list was read in
 * full first: a list that fails wins over any transaction failure, and the
 * transactions come back in list order. Every failure becomes a typed
 * HubError; `no-data` is success with no transactions. A refused token is
 * dropped and the consultation retried once with a fresh one.
 */
import type { HubError, HubResult, KmehrTransaction } from '../../../lib/companion/contract.ts';
import type { HubId, KmehrId } from '../../../lib/vaccination.ts';
import { hubErrorFromOutcome, type HubOutcome } from '../../../lib/kmehr/hub-errors.ts';
import {
  parseGetTransactionListResponse,
  parseGetTransactionResponse,
  type HubResponseOptions,
  type HubTransactionSummary,
} from '../../../lib/kmehr/hub-response.ts';
import type { XmlResult } from '../../../lib/xml/result.ts';
import type { TokenProvider } from '../token-provider.ts';
import { hubCredentials, type Credentials } from './credentials.ts';
import { TRANSACTION_VACCINATION } from './constants.ts';
import { boundedQueue, type TaskOutcome } from './concurrency.ts';
import type { ApplicationParty, PharmacyIdentity } from './options.ts';
import { paginationOf, type PaginationInfo } from './pagination.ts';
import { runInListOrder } from './list-order.ts';
import { getTransactionBody, getTransactionListBody, newRequestId, transactionIdToRequest } from './request.ts';
import { callHub, signedEnvelopeAsync, type SoapCallResult, type SoapCallTarget } from './soap-call.ts';

export interface HubConsultContext {
  hub: HubId;
  target: SoapCallTarget;
  pharmacy: PharmacyIdentity;
  application: ApplicationParty;
  tokenProvider: TokenProvider;
  maxConcurrency: number;
  maxTransactions: number;
  now: () => Date;
}

type Step<T> = TaskOutcome<T, HubError & { fromHub?: boolean }>;

const MAX_PAGES = 50;



function httpFailure(call: Extract<SoapCallResult, { ok: true }>): HubError | undefined {
  return call.status >= 200 && call.status < 300 ? undefined : { code: 'hub-error', message: `the hub answered HTTP ${call.status}` };
}

/** A new request header (requestId, time) for one call. */
function requestHeader(ctx: HubConsultContext) {
  const now = ctx.now();
  return { requestId: newRequestId(ctx.pharmacy.pharmacyNumber, now), now };
}

/**
 * One signed hub call and the checks every answer goes through, in this
 * order: the transport, the hardened parse (an unreadable answer with an
 * HTTP error status is that HTTP error), the hub's own errors, then the HTTP
 * status. The answer's outcome is then `ok` or `no-data`.
 */
async function exchange<R extends { outcome: HubOutcome }>(
  ctx: HubConsultContext,
  creds: Credentials,
  operation: 'GetTransactionList' | 'GetTransaction',
  body: Parameters<typeof signedEnvelopeAsync>[0],
  parse: (soapXml: string, opts: HubResponseOptions) => XmlResult<R>,
  signal: AbortSignal,
): Promise<Step<R>> {
  const envelope = await signedEnvelopeAsync(body, creds.token, creds.holderOfKey, ctx.now());
  const call = await callHub(ctx.target, operation, envelope, signal);
  if (!call.ok) return { ok: false, error: call.error };
  const parsed = parse(call.body, { hub: ctx.hub, maxBytes: ctx.target.maxResponseBytes });
  if (!parsed.ok) {
    return { ok: false, error: httpFailure(call) ?? { code: 'malformed-response', message: `${operation}: ${parsed.error.reason}` } };
  }
  const outcome = parsed.value.outcome;
  if (outcome.kind === 'error') return { ok: false, error: { ...hubErrorFromOutcome(outcome), fromHub: true } };
  const http = httpFailure(call);
  if (http) return { ok: false, error: http };
  return { ok: true, value: parsed.value };
}

function isVaccination(summary: HubTransactionSummary): boolean {
  return summary.types.some((t) => t.trim().toLowerCase() === TRANSACTION_VACCINATION);
}

/**
 * List pages asked for at once, once the first page has said how many there
 * are (hubservices 3.5: `paginationinfo/pagesize` and `totalrecordcount` in
 * the answer, `paginationinfo/index` of the first record wanted in the
 * request). Each is one socket beside the transactions' (HubUpstream's pool).
 */
export const LIST_PAGES_AT_ONCE = 4;

interface ListPage {
  /** The vaccination transactions the page lists, in its order. */
  ids: KmehrId[];
  /** Records on the page, of any type. */
  records: number;
  pagination?: PaginationInfo;
}

/** One GetTransactionList call (`index` absent: the first page). */
async function listPage(ctx: HubConsultContext, creds: Credentials, insz: string, index: number | undefined, signal: AbortSignal): Promise<Step<ListPage>> {
  const page = index === undefined ? undefined : { index };
  const body = getTransactionListBody(requestHeader(ctx), ctx.pharmacy, ctx.application, insz, page);
  const answer = await exchange(ctx, creds, 'GetTransactionList', body, parseGetTransactionListResponse, signal);
  if (!answer.ok) return answer;
  const { outcome, transactions, response } = answer.value;
  if (outcome.kind === 'no-data') return { ok: true, value: { ids: [], records: 0 } };
  const ids: KmehrId[] = [];
  for (const summary of transactions) {
    if (!isVaccination(summary)) continue;
    const id = transactionIdToRequest(summary.ids);
    if (!id) return { ok: false, error: { code: 'malformed-response', message: 'a listed transaction has no usable id' } };
    ids.push(id);
  }
  const pagination = response && paginationOf(response);
  return { ok: true, value: { ids, records: transactions.length, ...(pagination && { pagination }) } };
}

/** A listed transaction and its identity (a transaction listed twice is fetched once). */
export interface ListedId {
  key: string;
  id: KmehrId;
}

/** The transactions listed so far, once each, at the place of their first listing (pages may come in any order). */
class ListedTransactions {
  private readonly entries = new Map<string, { entry: ListedId; page: number; at: number }>();

  get size(): number {
    return this.entries.size;
  }

  /** Adds the page's ids (page = its place in the list); returns the ones not listed before. */
  add(page: number, ids: readonly KmehrId[]): ListedId[] {
    const added: ListedId[] = [];
    ids.forEach((id, at) => {
      const key = `${id.s}|${id.sl ?? ''}|${id.value}`;
      const known = this.entries.get(key);
      if (!known) {
        const entry = { key, id };
        this.entries.set(key, { entry, page, at });
        added.push(entry);
      } else if (page < known.page || (page === known.page && at < known.at)) {
        this.entries.set(key, { entry: known.entry, page, at });
      }
    });
    return added;
  }

  /** In list order. */
  ordered(): ListedId[] {
    return [...this.entries.values()].sort((a, b) => a.page - b.page || a.at - b.at).map((e) => e.entry);
  }
}

/**
 * Walks the list's pages; hands each page's new transactions to `onListed`
 * as soon as the page passed the checks, and resolves with all of them in
 * list order. Once the first page gives the page size and the record count,
 * the other pages are asked for together (LIST_PAGES_AT_ONCE at a time); a
 * hub whose first page is not a full page is read one page after the other.
 * Same outcomes as a walk one page after the other: the earliest failing page
 * is the answer, more than maxTransactions is an error, and so are more than
 * MAX_PAGES pages.
 */
async function listTransactions(
  ctx: HubConsultContext,
  creds: Credentials,
  insz: string,
  signal: AbortSignal,
  onListed: (entries: ListedId[]) => void,
): Promise<Step<ListedId[]>> {
  const listed = new ListedTransactions();
  const keptPaginating: Step<ListedId[]> = { ok: false, error: { code: 'hub-error', message: 'the hub kept paginating the transaction list' } };
  /** Takes a page in; the number of new transactions, or the error it makes. */
  const take = (place: number, page: ListPage): { added: number } | { error: HubError } => {
    const added = listed.add(place, page.ids);
    if (listed.size > ctx.maxTransactions) {
      return { error: { code: 'hub-error', message: `the hub lists more than ${ctx.maxTransactions} vaccination transactions` } };
    }
    if (added.length > 0) onListed(added);
    return { added: added.length };
  };

  const first = await listPage(ctx, creds, insz, undefined, signal);
  if (!first.ok) return first;
  const took = take(0, first.value);
  if ('error' in took) return { ok: false, error: took.error };
  const pagination = first.value.pagination;
  if (!pagination || listed.size >= pagination.totalRecordCount || took.added === 0 || first.value.records === 0) {
    return { ok: true, value: listed.ordered() };
  }

  const { pageSize } = pagination;
  if (pageSize > 0 && first.value.records === pageSize) {
    // Every page's index is known: ask for them together.
    let place = 1;
    let nextIndex = pageSize;
    let total = pagination.totalRecordCount;
    while (nextIndex < total) {
      const indexes: number[] = [];
      for (let i = nextIndex; i < total && place + indexes.length < MAX_PAGES; i += pageSize) indexes.push(i);
      if (indexes.length === 0) return keptPaginating;
      const base = place;
      const pages = await runInListOrder(indexes, LIST_PAGES_AT_ONCE, signal, (index, s) => listPage(ctx, creds, insz, index, s), (k, page) => {
        const result = take(base + k, page);
        return 'error' in result ? result.error : undefined;
      });
      if (!pages.ok) return pages;
      place += indexes.length;
      nextIndex = indexes.at(-1)! + pageSize;
      // A later page may count more records (the list grew meanwhile): read on while the last page is full.
      const counted = Math.max(...pages.value.map((p) => p.pagination?.totalRecordCount ?? 0));
      if (counted <= total || pages.value.at(-1)!.records < pageSize) break;
      total = counted;
    }
    return nextIndex < total && place >= MAX_PAGES ? keptPaginating : { ok: true, value: listed.ordered() };
  }

  // One page after the other, each from the number of transactions received so far.
  for (let place = 1; place < MAX_PAGES; place++) {
    const page = await listPage(ctx, creds, insz, listed.size, signal);
    if (!page.ok) return page;
    const result = take(place, page.value);
    if ('error' in result) return { ok: false, error: result.error };
    const info = page.value.pagination;
    if (!info || listed.size >= info.totalRecordCount || result.added === 0 || page.value.records === 0) return { ok: true, value: listed.ordered() };
  }
  return keptPaginating;
}

async function fetchTransaction(
  ctx: HubConsultContext,
  creds: Credentials,
  insz: string,
  id: KmehrId,
  signal: AbortSignal,
): Promise<Step<KmehrTransaction | undefined>> {
  const body = getTransactionBody(requestHeader(ctx), ctx.pharmacy, ctx.application, insz, id);
  const answer = await exchange(ctx, creds, 'GetTransaction', body, parseGetTransactionResponse, signal);
  if (!answer.ok) return answer;
  const { outcome, kmehrXml } = answer.value;
  // Gone between the list and this call: nothing to show.
  if (outcome.kind === 'no-data') return { ok: true, value: undefined };
  if (!kmehrXml) return { ok: false, error: { code: 'malformed-response', message: 'GetTransaction answered without a kmehrmessage' } };
  return { ok: true, value: { id: id.value, kmehr: kmehrXml } };
}

async function attempt(ctx: HubConsultContext, insz: string, signal: AbortSignal): Promise<Step<KmehrTransaction[]>> {
  const creds = await hubCredentials(ctx.tokenProvider, signal);
  if (!creds.ok) return creds;
  const queued: ListedId[] = [];
  const fetches = boundedQueue(ctx.maxConcurrency, signal, (entry: ListedId, s: AbortSignal) => fetchTransaction(ctx, creds.value, insz, entry.id, s));
  let listed: Step<ListedId[]>;
  try {
    listed = await listTransactions(ctx, creds.value, insz, signal, (entries) => {
      queued.push(...entries);
      fetches.add(entries);
    });
  } catch (error) {
    await fetches.abort(error);
    throw error;
  }
  if (!listed.ok) {
    await fetches.abort(new Error('the transaction list failed'));
    return listed;
  }
  const fetched = await fetches.finish();
  if (!fetched.ok) return fetched;
  // Fetched in the order pages came; answered in list order.
  const byKey = new Map(queued.map((entry, i) => [entry.key, fetched.value[i]]));
  return { ok: true, value: listed.value.map((entry) => byKey.get(entry.key)).filter((t): t is KmehrTransaction => t !== undefined) };
}

/** Never rejects. */
export async function consultHub(ctx: HubConsultContext, insz: string, signal: AbortSignal): Promise<HubResult> {
  const started = performance.now();
  const durationMs = () => Math.round(performance.now() - started);
  try {
    let result = await attempt(ctx, insz, signal);
    if (!result.ok && result.error.code === 'auth-failed' && result.error.fromHub) {
      ctx.tokenProvider.invalidate();
      if (!signal.aborted) result = await attempt(ctx, insz, signal);
      if (!result.ok && result.error.code === 'auth-failed' && result.error.fromHub) ctx.tokenProvider.invalidate();
    }
    if (result.ok) return { status: 'ok', transactions: result.value, durationMs: durationMs() };
    const { fromHub: _ignored, ...error } = result.error;
    return { status: 'error', error, durationMs: durationMs() };
  } catch {
    return { status: 'error', error: { code: 'hub-error', message: 'unexpected failure while consulting the hub' }, durationMs: durationMs() };
  }
}
