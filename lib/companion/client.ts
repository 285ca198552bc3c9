/**
 * The extension's client of the companion's local API (the background is its
 * only user). Every answer is validated with the shared contract; every
 * failure becomes a `BadgeReason` the UI can put in words. The pairing secret
 * travels in `X-Companion-Secret` and never appears in an error or a log.
 *
 * A caller's `signal` abandoning the call rejects with that signal's reason
 * (an `AbortError`); everything else resolves to an outcome, never throws.
 */
import {
  ApiError,
  ConsultRequest,
  ConsultResponse,
  HealthResponse,
  HealthSummary,
  PATHS,
  RegisterResponse,
  RegistrationListRequest,
  RegistrationListResponse,
  RegistrationRequest,
  SECRET_HEADER,
  WithdrawRequest,
  WithdrawResponse,
  type HubErrorCode,
} from './contract.ts';
import type { z } from 'zod';
import type { BadgeReason } from '../messages.ts';

export const DEFAULT_CONSULT_TIMEOUT_MS = 30_000;
export const DEFAULT_HEALTH_TIMEOUT_MS = 5_000;
/** A 429 is retried once, if the companion asks to wait at most this long. */
export const MAX_RETRY_AFTER_MS = 5_000;
/** Wait before the retry when a 429 carries no usable Retry-After. */
export const DEFAULT_RETRY_AFTER_MS = 1_000;

export interface CompanionCallOptions {
  /** Companion origin, e.g. `http://127.0.0.1:47615` (validated by the settings). */
  baseUrl: string;
  secret: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Injected in tests; waits before the 429 retry. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export type ConsultOutcome =
  | { ok: true; response: ConsultResponse }
  | { ok: false; reason: BadgeReason; httpStatus?: number };

/** How a hub's own error reads on the badge. */
export const BADGE_REASON_BY_HUB_ERROR: Readonly<Record<HubErrorCode, BadgeReason>> = {
  'no-consent': 'no-consent',
  'no-relation': 'no-relation',
  excluded: 'excluded',
  'patient-unknown': 'patient-unknown',
  timeout: 'timeout',
  unreachable: 'hub-error',
  'auth-failed': 'hub-error',
  'malformed-response': 'hub-error',
  'hub-error': 'hub-error',
  'not-supported': 'hub-error',
};

export function badgeReasonForHubError(code: HubErrorCode): BadgeReason {
  return BADGE_REASON_BY_HUB_ERROR[code];
}

/** How an HTTP status of the local API reads on the badge (2xx and 429 are handled apart). */
export function badgeReasonForHttpStatus(status: number): BadgeReason {
  if (status === 401 || status === 403) return 'not-paired';
  if (status === 504 || status === 408) return 'timeout';
  return 'hub-error';
}

type Attempt =
  /** `body` is the parsed JSON of a 2xx answer (undefined when it was not JSON, or not 2xx unless `readErrorBody`). */
  | { kind: 'response'; status: number; headers: Headers; body: unknown }
  | { kind: 'network-error' }
  | { kind: 'timeout' };

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * One HTTP exchange, body included, under one timeout. The caller's abort
 * propagates as a rejection; a timeout or a network failure is an outcome.
 */
async function attempt(
  url: string,
  init: RequestInit,
  opts: { signal?: AbortSignal; timeoutMs: number; fetch: typeof fetch; readErrorBody?: boolean },
): Promise<Attempt> {
  const { signal } = opts;
  if (signal?.aborted) throw abortError(signal);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, opts.timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await opts.fetch(url, {
      ...init,
      signal: controller.signal,
      credentials: 'omit',
      cache: 'no-store',
      // A redirect would carry the secret header elsewhere.
      redirect: 'error',
    });
    let body: unknown;
    if (response.ok || opts.readErrorBody) {
      const text = await response.text();
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    } else {
      await response.body?.cancel().catch(() => undefined);
    }
    return { kind: 'response', status: response.status, headers: response.headers, body };
  } catch {
    if (signal?.aborted) throw abortError(signal);
    if (timedOut) return { kind: 'timeout' };
    return { kind: 'network-error' };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** Retry-After as milliseconds (seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

function endpoint(baseUrl: string, path: string): string {
  return new URL(path, baseUrl).toString();
}

/**
 * Asks the companion for the patient's Vaccicard transactions from both hubs.
 * `insz` must be 11 digits with valid check digits (else `invalid-insz`, nothing sent).
 */
export async function consult(insz: string, opts: CompanionCallOptions): Promise<ConsultOutcome> {
  const request = ConsultRequest.safeParse({ insz });
  if (!request.success) return { ok: false, reason: 'invalid-insz' };
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const sleep = opts.sleep ?? defaultSleep;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_CONSULT_TIMEOUT_MS;
  const url = endpoint(opts.baseUrl, PATHS.consult);
  const init: RequestInit = {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SECRET_HEADER]: opts.secret },
    body: JSON.stringify(request.data),
  };

  for (let tries = 0; ; tries++) {
    const result = await attempt(url, init, { signal: opts.signal, timeoutMs, fetch: doFetch });
    if (result.kind === 'timeout') return { ok: false, reason: 'timeout' };
    if (result.kind === 'network-error') return { ok: false, reason: 'companion-down' };
    if (result.status === 429) {
      const wait = parseRetryAfter(result.headers.get('retry-after')) ?? DEFAULT_RETRY_AFTER_MS;
      if (tries > 0 || wait > MAX_RETRY_AFTER_MS) return { ok: false, reason: 'hub-error', httpStatus: 429 };
      await sleep(wait, opts.signal);
      continue;
    }
    if (result.status < 200 || result.status > 299) {
      return { ok: false, reason: badgeReasonForHttpStatus(result.status), httpStatus: result.status };
    }
    const parsed = ConsultResponse.safeParse(result.body);
    if (!parsed.success) return { ok: false, reason: 'hub-error', httpStatus: result.status };
    return { ok: true, response: parsed.data };
  }
}

export type HealthProblem = 'companion-down' | 'not-paired' | 'timeout' | 'not-a-companion';

export type HealthOutcome =
  /** The secret was accepted: the full report. */
  | { ok: true; health: HealthResponse }
  /** `summary` is there when a companion answered without the secret (e.g. after a 401). */
  | { ok: false; problem: HealthProblem; summary?: HealthSummary };

async function getHealth(opts: Omit<CompanionCallOptions, 'secret'> & { secret?: string }): Promise<Attempt> {
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.secret !== undefined) headers[SECRET_HEADER] = opts.secret;
  return attempt(
    endpoint(opts.baseUrl, PATHS.health),
    { method: 'GET', headers },
    { signal: opts.signal, timeoutMs: opts.timeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS, fetch: doFetch },
  );
}

/**
 * The companion's health, for the options page's test button. With a secret
 * the companion answers its full report; on 401 the summary (name, version)
 * is fetched without the secret so the page can still show which companion runs.
 */
export async function health(
  opts: Omit<CompanionCallOptions, 'secret'> & { secret?: string },
): Promise<HealthOutcome> {
  const first = await getHealth(opts);
  if (first.kind === 'timeout') return { ok: false, problem: 'timeout' };
  if (first.kind === 'network-error') return { ok: false, problem: 'companion-down' };
  if (first.status === 401 || first.status === 403) {
    const anonymous = await getHealth({ ...opts, secret: undefined });
    const summary = anonymous.kind === 'response' ? HealthSummary.safeParse(anonymous.body) : undefined;
    return { ok: false, problem: 'not-paired', ...(summary?.success ? { summary: summary.data } : {}) };
  }
  if (first.status !== 200) return { ok: false, problem: 'not-a-companion' };
  const full = HealthResponse.safeParse(first.body);
  if (full.success) return { ok: true, health: full.data };
  const summary = HealthSummary.safeParse(first.body);
  // A companion that answers only the summary did not take the secret into account.
  if (summary.success) return { ok: false, problem: 'not-paired', summary: summary.data };
  return { ok: false, problem: 'not-a-companion' };
}

// ---------------------------------------------------------------------------
// Registration (issue 5): register, list, withdraw.

export const DEFAULT_REGISTRATION_TIMEOUT_MS = 15_000;

/**
 * Why a registration call did not give its answer.
 * - `invalid`: the companion refused the request (400); `issues` say which field and why (reason codes).
 * - `conflict`: the idempotency key was already used for another request (409).
 * - `not-found`: the registration is unknown to the companion (404).
 * - `companion-down`, `timeout`, `not-paired`, `companion-error` (5xx, 429,
 *   an answer that does not match the contract): nothing is known to have
 *   changed; the same request may be sent again with the same key.
 */
export type RegistrationCallProblem =
  | 'invalid'
  | 'conflict'
  | 'not-found'
  | 'companion-down'
  | 'timeout'
  | 'not-paired'
  | 'companion-error';

export type RegistrationCallOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; problem: RegistrationCallProblem; issues?: Array<{ path: string; message: string }>; httpStatus?: number };

/** Problems after which the same request may be sent again (with the same idempotency key). */
export function isTransientRegistrationProblem(problem: RegistrationCallProblem): boolean {
  return problem !== 'invalid' && problem !== 'conflict' && problem !== 'not-found';
}

async function registrationCall<T>(
  path: string,
  body: unknown,
  schema: z.ZodType<T>,
  opts: CompanionCallOptions,
): Promise<RegistrationCallOutcome<T>> {
  const result = await attempt(
    endpoint(opts.baseUrl, path),
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SECRET_HEADER]: opts.secret },
      body: JSON.stringify(body),
    },
    {
      signal: opts.signal,
      timeoutMs: opts.timeoutMs ?? DEFAULT_REGISTRATION_TIMEOUT_MS,
      fetch: opts.fetch ?? globalThis.fetch.bind(globalThis),
      readErrorBody: true,
    },
  );
  if (result.kind === 'timeout') return { ok: false, problem: 'timeout' };
  if (result.kind === 'network-error') return { ok: false, problem: 'companion-down' };
  const httpStatus = result.status;
  if (httpStatus >= 200 && httpStatus <= 299) {
    const parsed = schema.safeParse(result.body);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: 'companion-error', httpStatus };
  }
  if (httpStatus === 401 || httpStatus === 403) return { ok: false, problem: 'not-paired', httpStatus };
  if (httpStatus === 408 || httpStatus === 504) return { ok: false, problem: 'timeout', httpStatus };
  if (httpStatus === 409) return { ok: false, problem: 'conflict', httpStatus };
  if (httpStatus === 404) return { ok: false, problem: 'not-found', httpStatus };
  if (httpStatus === 400) {
    const error = ApiError.safeParse(result.body);
    const issues = error.success ? error.data.error.issues : undefined;
    return { ok: false, problem: 'invalid', httpStatus, ...(issues ? { issues } : {}) };
  }
  return { ok: false, problem: 'companion-error', httpStatus };
}

/**
 * Hands a registration to the companion (`POST /v1/registrations`). The
 * request is checked against the contract first (`invalid`, nothing sent).
 * Send it again with the same idempotency key after any transient problem:
 * the companion answers the registration it already has (`duplicate`).
 */
export async function register(
  request: RegistrationRequest,
  opts: CompanionCallOptions,
): Promise<RegistrationCallOutcome<RegisterResponse>> {
  const checked = checkRegistrationRequestShape(request);
  if (!checked.ok) return checked;
  return registrationCall(PATHS.register, request, RegisterResponse, opts);
}

function checkRegistrationRequestShape(request: RegistrationRequest): { ok: true } | RegistrationCallOutcome<never> {
  const parsed = RegistrationRequest.safeParse(request);
  if (parsed.success) return { ok: true };
  return {
    ok: false,
    problem: 'invalid',
    issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  };
}

/** This pharmacy's registrations for one patient (`POST /v1/registrations/list`). */
export async function listRegistrations(
  insz: string,
  opts: CompanionCallOptions,
): Promise<RegistrationCallOutcome<RegistrationListResponse>> {
  const request = RegistrationListRequest.safeParse({ insz });
  if (!request.success) return { ok: false, problem: 'invalid', issues: [{ path: 'insz', message: 'invalid-insz' }] };
  return registrationCall(PATHS.registrationList, request.data, RegistrationListResponse, opts);
}

/** Withdraws a registration (`POST /v1/registrations/withdraw`); resend with the same key after a transient problem. */
export async function withdrawRegistration(
  request: WithdrawRequest,
  opts: CompanionCallOptions,
): Promise<RegistrationCallOutcome<WithdrawResponse>> {
  const parsed = WithdrawRequest.safeParse(request);
  if (!parsed.success) {
    return {
      ok: false,
      problem: 'invalid',
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    };
  }
  return registrationCall(PATHS.withdraw, parsed.data, WithdrawResponse, opts);
}
