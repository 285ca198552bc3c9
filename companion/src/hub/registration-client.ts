/**
 * Registration calls to a hub (KMEHR hub services v3): PutTransaction to
 * store a vaccination, RevokeTransaction to withdraw it, and a lookup by
 * GetTransactionList for a transaction carrying given ids (used after an
 * attempt whose answer never came). Same envelope, WS-Security signature,
 * request author, token handling and transport as the consultation; a
 * refused token is dropped and the call made once more with a fresh one.
 * Results are typed; nothing here decides about retries.
 */
import type { HubError } from '../../../lib/companion/contract.ts';
import { hubErrorFromOutcome } from '../../../lib/kmehr/hub-errors.ts';
import { parseGetTransactionListResponse } from '../../../lib/kmehr/hub-response.ts';
import type { HubId, KmehrId } from '../../../lib/vaccination.ts';
import { hubCredentials, type Credentials } from './credentials.ts';
import { buildSecuredEnvelope, makeTimestamp, newWsuId, type XmlTree } from '../wss/envelope.ts';
import { signSoapEnvelope } from '../wss/sign.ts';
import type { HubConsultContext } from './consult-hub.ts';
import { TRANSACTION_VACCINATION, type HubOperation } from './constants.ts';
import { deadline } from './deadline.ts';
import { readPagination } from './pagination.ts';
import { putTransactionBody, revokeTransactionBody, spliceRaw } from './registration-request.ts';
import { parsePutTransactionResponse, parseRevokeTransactionResponse, type RegistrationAnswer } from './registration-response.ts';
import { getTransactionListBody, newRequestId } from './request.ts';
import { callHub } from './soap-call.ts';

export type HubPutResult =
  | { kind: 'stored'; transactionIds: KmehrId[] }
  /** The hub answered with an acknowledge error: it did not store the transaction. */
  | { kind: 'refused'; error: HubError }
  | { kind: 'failed'; error: HubError };

export type HubRevokeResult =
  | { kind: 'revoked' }
  /** The hub does not hold it (any more). */
  | { kind: 'not-found' }
  | { kind: 'refused'; error: HubError }
  | { kind: 'failed'; error: HubError };

export type HubFindResult =
  | { kind: 'found'; ids: KmehrId[] }
  | { kind: 'not-found' }
  | { kind: 'refused'; error: HubError }
  | { kind: 'failed'; error: HubError };

export interface HubRegistrationClient {
  /** The hubs with an endpoint. */
  readonly hubs: readonly HubId[];
  putTransaction(hub: HubId, kmehrXml: string, signal: AbortSignal): Promise<HubPutResult>;
  revokeTransaction(hub: HubId, patientInsz: string, transactionId: KmehrId, signal: AbortSignal): Promise<HubRevokeResult>;
  /** Lists the patient's vaccination transactions and returns the ids of the first one `matches` accepts. */
  findTransaction(hub: HubId, patientInsz: string, matches: (ids: readonly KmehrId[]) => boolean, signal: AbortSignal): Promise<HubFindResult>;
}


type Step<T> = { ok: true; value: T } | { ok: false; error: HubError; authRefused?: boolean };

const MAX_PAGES = 50;


function envelopeFor(body: XmlTree, splices: Record<string, string>, creds: Credentials, now: Date): string {
  const bodyId = newWsuId('BODY');
  const timestamp = makeTimestamp(now);
  const built = spliceRaw(buildSecuredEnvelope({ body, bodyId, timestamp, tokens: [creds.token.assertionXml] }), splices);
  return signSoapEnvelope(built, {
    privateKeyPem: creds.holderOfKey.privateKeyPem,
    keyInfo: { kind: 'saml-assertion-id', assertionId: creds.token.assertionId },
    references: [bodyId, timestamp.id],
  });
}

async function exchange(
  ctx: HubConsultContext,
  operation: HubOperation,
  build: (header: { requestId: string; now: Date }) => { body: XmlTree; splices?: Record<string, string> },
  signal: AbortSignal,
): Promise<Step<{ status: number; body: string }>> {
  const creds = await hubCredentials(ctx.tokenProvider, signal);
  if (!creds.ok) return creds;
  const now = ctx.now();
  const built = build({ requestId: newRequestId(ctx.pharmacy.pharmacyNumber, now), now });
  const envelope = envelopeFor(built.body, built.splices ?? {}, creds.value, now);
  const call = await callHub(ctx.target, operation, envelope, signal);
  return call.ok ? { ok: true, value: { status: call.status, body: call.body } } : { ok: false, error: call.error };
}

/** Reads an answer; a refused token is reported so the caller can retry once with a new one. */
function answerOf(
  call: { status: number; body: string },
  parse: (xml: string) => { ok: true; value: RegistrationAnswer } | { ok: false; reason: string },
): Step<RegistrationAnswer> {
  const parsed = parse(call.body);
  if (!parsed.ok) {
    const error: HubError =
      call.status >= 200 && call.status < 300
        ? { code: 'malformed-response', message: parsed.reason.slice(0, 1000) }
        : { code: 'hub-error', message: `the hub answered HTTP ${call.status}` };
    return { ok: false, error };
  }
  const outcome = parsed.value.outcome;
  if (outcome.kind === 'error' && outcome.code === 'auth-failed') return { ok: false, error: hubErrorFromOutcome(outcome), authRefused: true };
  if (parsed.value.fault && outcome.kind === 'error') return { ok: false, error: hubErrorFromOutcome(outcome) };
  return { ok: true, value: parsed.value };
}

/** Runs `attempt`; if the hub refused the token, drops it and runs once more. */
async function withFreshTokenOnRefusal<T>(ctx: HubConsultContext, attempt: () => Promise<Step<T>>, signal: AbortSignal): Promise<Step<T>> {
  let result = await attempt();
  if (!result.ok && result.authRefused) {
    ctx.tokenProvider.invalidate();
    if (!signal.aborted) result = await attempt();
    if (!result.ok && result.authRefused) ctx.tokenProvider.invalidate();
  }
  return result;
}

export interface HubRegistrationRuntime {
  context(hub: HubId): HubConsultContext | undefined;
  timeoutMs(hub: HubId): number;
}

export function createHubRegistrationClient(runtime: HubRegistrationRuntime, hubs: readonly HubId[]): HubRegistrationClient {
  const bounded = async <T>(hub: HubId, signal: AbortSignal, run: (ctx: HubConsultContext, signal: AbortSignal) => Promise<T>, notConfigured: T): Promise<T> => {
    const ctx = runtime.context(hub);
    if (!ctx) return notConfigured;
    const limit = deadline(signal, runtime.timeoutMs(hub));
    try {
      return await run(ctx, limit.signal);
    } finally {
      limit.dispose();
    }
  };
  const notConfigured = (hub: HubId) => ({ kind: 'failed' as const, error: { code: 'not-supported' as const, message: `no endpoint is configured for ${hub.toUpperCase()}` } });
  const unexpected = (): HubError => ({ code: 'hub-error', message: 'unexpected failure while calling the hub' });

  return {
    hubs,

    putTransaction(hub, kmehrXml, signal) {
      return bounded<HubPutResult>(hub, signal, async (ctx, s) => {
        try {
          const result = await withFreshTokenOnRefusal(
            ctx,
            async () => {
              const call = await exchange(ctx, 'PutTransaction', (header) => putTransactionBody(header, ctx.pharmacy, ctx.application, kmehrXml), s);
              return call.ok ? answerOf(call.value, (xml) => parsePutTransactionResponse(xml, hub, ctx.target.maxResponseBytes)) : call;
            },
            s,
          );
          if (!result.ok) return { kind: 'failed', error: result.error };
          const outcome = result.value.outcome;
          if (outcome.kind === 'ok') return { kind: 'stored', transactionIds: result.value.transactionIds };
          if (outcome.kind === 'no-data') return { kind: 'failed', error: { code: 'hub-error', message: 'the hub answered "no data" to PutTransaction' } };
          return { kind: 'refused', error: hubErrorFromOutcome(outcome) };
        } catch {
          return { kind: 'failed', error: unexpected() };
        }
      }, notConfigured(hub));
    },

    revokeTransaction(hub, patientInsz, transactionId, signal) {
      return bounded<HubRevokeResult>(hub, signal, async (ctx, s) => {
        try {
          const result = await withFreshTokenOnRefusal(
            ctx,
            async () => {
              const call = await exchange(ctx, 'RevokeTransaction', (header) => ({ body: revokeTransactionBody(header, ctx.pharmacy, ctx.application, patientInsz, transactionId) }), s);
              return call.ok ? answerOf(call.value, (xml) => parseRevokeTransactionResponse(xml, hub, ctx.target.maxResponseBytes)) : call;
            },
            s,
          );
          if (!result.ok) return { kind: 'failed', error: result.error };
          const outcome = result.value.outcome;
          if (outcome.kind === 'ok') return { kind: 'revoked' };
          if (outcome.kind === 'no-data') return { kind: 'not-found' };
          return { kind: 'refused', error: hubErrorFromOutcome(outcome) };
        } catch {
          return { kind: 'failed', error: unexpected() };
        }
      }, notConfigured(hub));
    },

    findTransaction(hub, patientInsz, matches, signal) {
      return bounded<HubFindResult>(hub, signal, async (ctx, s) => {
        try {
          const seen = new Set<string>();
          let page: { index: number } | undefined;
          for (let pageCount = 0; pageCount < MAX_PAGES; pageCount++) {
            const result = await withFreshTokenOnRefusal(
              ctx,
              async (): Promise<Step<{ status: number; body: string }>> => {
                const call = await exchange(ctx, 'GetTransactionList', (header) => ({ body: getTransactionListBody(header, ctx.pharmacy, ctx.application, patientInsz, page) }), s);
                if (!call.ok) return call;
                const parsed = parseGetTransactionListResponse(call.value.body, { hub, maxBytes: ctx.target.maxResponseBytes });
                if (parsed.ok && parsed.value.outcome.kind === 'error' && parsed.value.outcome.code === 'auth-failed') {
                  return { ok: false, error: hubErrorFromOutcome(parsed.value.outcome), authRefused: true };
                }
                return call;
              },
              s,
            );
            if (!result.ok) return { kind: 'failed', error: result.error };
            const parsed = parseGetTransactionListResponse(result.value.body, { hub, maxBytes: ctx.target.maxResponseBytes });
            if (!parsed.ok) return { kind: 'failed', error: { code: 'malformed-response', message: `GetTransactionList: ${parsed.error.reason}`.slice(0, 1000) } };
            const outcome = parsed.value.outcome;
            if (outcome.kind === 'no-data') return { kind: 'not-found' };
            if (outcome.kind === 'error') return { kind: 'refused', error: hubErrorFromOutcome(outcome) };
            let added = 0;
            for (const summary of parsed.value.transactions) {
              if (!summary.types.some((t) => t.trim().toLowerCase() === TRANSACTION_VACCINATION)) continue;
              if (matches(summary.ids)) return { kind: 'found', ids: summary.ids };
              const key = summary.ids.map((i) => `${i.s}|${i.sl ?? ''}|${i.value}`).join('#');
              if (!seen.has(key)) {
                seen.add(key);
                added++;
              }
            }
            const pagination = readPagination(result.value.body, ctx.target.maxResponseBytes);
            if (!pagination || seen.size >= pagination.totalRecordCount || added === 0) return { kind: 'not-found' };
            page = { index: seen.size };
          }
          return { kind: 'failed', error: { code: 'hub-error', message: 'the hub kept paginating the transaction list' } };
        } catch {
          return { kind: 'failed', error: unexpected() };
        }
      }, notConfigured(hub));
    },
  };
}
