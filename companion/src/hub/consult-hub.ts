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
import { hubErrorFromOutcome } from '../../../lib/kmehr/hub-errors.ts';
import { parseGetTransactionListResponse, parseGetTransactionResponse, type HubTransactionSummary } from '../../../lib/kmehr/hub-response.ts';
import { TokenError, type HolderOfKey, type SamlToken, type TokenProvider } from '../token-provider.ts';
import { TRANSACTION_VACCINATION } from './constants.ts';
import { boundedQueue, type TaskOutcome } from './concurrency.ts';
import type { ApplicationParty, PharmacyIdentity } from './options.ts';
import { paginationOf } from './pagination.ts';
import { getTransactionBody, getTransactionListBody, newRequestId, transactionIdToRequest } from './request.ts';
import { callHub, signedEnvelope, type SoapCallResult, type SoapCallTarget } from './soap-call.ts';

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

interface Credentials {
  token: SamlToken;
  holderOfKey: HolderOfKey;
}

async function credentials(ctx: HubConsultContext, signal: AbortSignal): Promise<Step<Credentials>> {
  try {
    return { ok: true, value: await ctx.tokenProvider.getToken(signal) };
  } catch (error) {
    if (error instanceof TokenError) {
      const code = error.code === 'not-supported' ? 'not-supported' : error.code === 'sts-unreachable' ? 'unreachable' : 'auth-failed';
      return { ok: false, error: { code, message: `eHealth token: ${error.message}`.slice(0, 1000) } };
    }
    return { ok: false, error: { code: 'auth-failed', message: 'eHealth token could not be obtained' } };
  }
}

function httpFailure(call: Extract<SoapCallResult, { ok: true }>): HubError | undefined {
  return call.status >= 200 && call.status < 300 ? undefined : { code: 'hub-error', message: `the hub answered HTTP ${call.status}` };
}

async function send(ctx: HubConsultContext, creds: Credentials, operation: 'GetTransactionList' | 'GetTransaction', body: Parameters<typeof signedEnvelope>[0], signal: AbortSignal) {
  const envelope = signedEnvelope(body, creds.token, creds.holderOfKey, ctx.now());
  return callHub(ctx.target, operation, envelope, signal);
}

function isVaccination(summary: HubTransactionSummary): boolean {
  return summary.types.some((t) => t.trim().toLowerCase() === TRANSACTION_VACCINATION);
}

/** Walks the list's pages; hands each page's new transaction ids to `onListed` once they pass the checks. */
async function listTransactions(
  ctx: HubConsultContext,
  creds: Credentials,
  insz: string,
  signal: AbortSignal,
  onListed: (ids: KmehrId[]) => void,
): Promise<Step<KmehrId[]>> {
  const ids: KmehrId[] = [];
  const seen = new Set<string>();
  let page: { index: number } | undefined;
  for (let pageCount = 0; pageCount < MAX_PAGES; pageCount++) {
    const now = ctx.now();
    const header = { requestId: newRequestId(ctx.pharmacy.pharmacyNumber, now), now };
    const call = await send(ctx, creds, 'GetTransactionList', getTransactionListBody(header, ctx.pharmacy, ctx.application, insz, page), signal);
    if (!call.ok) return { ok: false, error: call.error };
    const parsed = parseGetTransactionListResponse(call.body, { hub: ctx.hub, maxBytes: ctx.target.maxResponseBytes });
    if (!parsed.ok) {
      return { ok: false, error: httpFailure(call) ?? { code: 'malformed-response', message: `GetTransactionList: ${parsed.error.reason}` } };
    }
    const outcome = parsed.value.outcome;
    if (outcome.kind === 'error') return { ok: false, error: { ...hubErrorFromOutcome(outcome), fromHub: true } };
    const http = httpFailure(call);
    if (http) return { ok: false, error: http };
    if (outcome.kind === 'no-data') return { ok: true, value: ids };

    const added: KmehrId[] = [];
    for (const summary of parsed.value.transactions) {
      if (!isVaccination(summary)) continue;
      const id = transactionIdToRequest(summary.ids);
      if (!id) return { ok: false, error: { code: 'malformed-response', message: 'a listed transaction has no usable id' } };
      const key = `${id.s}|${id.sl ?? ''}|${id.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ids.push(id);
      added.push(id);
    }
    if (ids.length > ctx.maxTransactions) {
      return { ok: false, error: { code: 'hub-error', message: `the hub lists more than ${ctx.maxTransactions} vaccination transactions` } };
    }
    if (added.length > 0) onListed(added);
    const pagination = parsed.value.response && paginationOf(parsed.value.response);
    const received = seen.size;
    if (!pagination || received >= pagination.totalRecordCount || added.length === 0 || parsed.value.transactions.length === 0) {
      return { ok: true, value: ids };
    }
    page = { index: received };
  }
  return { ok: false, error: { code: 'hub-error', message: 'the hub kept paginating the transaction list' } };
}

async function fetchTransaction(
  ctx: HubConsultContext,
  creds: Credentials,
  insz: string,
  id: KmehrId,
  signal: AbortSignal,
): Promise<Step<KmehrTransaction | undefined>> {
  const now = ctx.now();
  const header = { requestId: newRequestId(ctx.pharmacy.pharmacyNumber, now), now };
  const call = await send(ctx, creds, 'GetTransaction', getTransactionBody(header, ctx.pharmacy, ctx.application, insz, id), signal);
  if (!call.ok) return { ok: false, error: call.error };
  const parsed = parseGetTransactionResponse(call.body, { hub: ctx.hub, maxBytes: ctx.target.maxResponseBytes });
  if (!parsed.ok) {
    return { ok: false, error: httpFailure(call) ?? { code: 'malformed-response', message: `GetTransaction: ${parsed.error.reason}` } };
  }
  const outcome = parsed.value.outcome;
  if (outcome.kind === 'error') return { ok: false, error: { ...hubErrorFromOutcome(outcome), fromHub: true } };
  const http = httpFailure(call);
  if (http) return { ok: false, error: http };
  // Gone between the list and this call: nothing to show.
  if (outcome.kind === 'no-data') return { ok: true, value: undefined };
  if (!parsed.value.kmehrXml) return { ok: false, error: { code: 'malformed-response', message: 'GetTransaction answered without a kmehrmessage' } };
  return { ok: true, value: { id: id.value, kmehr: parsed.value.kmehrXml } };
}

async function attempt(ctx: HubConsultContext, insz: string, signal: AbortSignal): Promise<Step<KmehrTransaction[]>> {
  const creds = await credentials(ctx, signal);
  if (!creds.ok) return creds;
  const fetches = boundedQueue(ctx.maxConcurrency, signal, (id: KmehrId, s: AbortSignal) => fetchTransaction(ctx, creds.value, insz, id, s));
  let listed: Step<KmehrId[]>;
  try {
    listed = await listTransactions(ctx, creds.value, insz, signal, (ids) => fetches.add(ids));
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
  return { ok: true, value: fetched.value.filter((t): t is KmehrTransaction => t !== undefined) };
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
