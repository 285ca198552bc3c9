/**
 * The companion's local HTTP API: one set of zod schemas imported by the
 * companion (to validate what it receives and sends) and by the extension's
 * background (to validate what it receives). Documented in README.md.
 *
 * Every operation is `POST` with `Content-Type: application/json`, except
 * `GET /v1/health`. The pairing secret travels in `X-Companion-Secret`.
 */
import { z } from 'zod';
import { HubId, RegistrationState } from '../vaccination.ts';
import { isValidInsz } from '../identifiers/insz.ts';
import { IdempotencyKey } from '../registration/idempotency-key.ts';
import { RegistrationInput } from '../registration/input.ts';
import { RegistrationSummary } from '../registration/summary.ts';

export const API_VERSION = 'v1';
export const SECRET_HEADER = 'x-companion-secret';
export const DEFAULT_COMPANION_PORT = 47615;
export const DEFAULT_COMPANION_URL = `http://127.0.0.1:${DEFAULT_COMPANION_PORT}`;

export const PATHS = {
  health: '/v1/health',
  consult: '/v1/consult',
  /** POST RegistrationRequest → RegisterResponse. */
  register: '/v1/registrations',
  /** POST RegistrationListRequest → RegistrationListResponse. */
  registrationList: '/v1/registrations/list',
  /** POST WithdrawRequest → WithdrawResponse. */
  withdraw: '/v1/registrations/withdraw',
} as const;

/** 11 digits that pass the INSZ/BIS check (normalised by the caller). */
export const InszDigits = z
  .string()
  .regex(/^\d{11}$/, 'an INSZ is 11 digits')
  .refine((s) => isValidInsz(s), 'not a valid INSZ or BIS number');

export const ConsultRequest = z
  .object({
    insz: InszDigits,
    /** Which hubs to ask; default both. */
    hubs: z.array(HubId).min(1).max(2).optional(),
  })
  .strict();
export type ConsultRequest = z.infer<typeof ConsultRequest>;

/**
 * Why a hub could not answer, in the terms the badge shows.
 * `no-data` is not an error: the hub answers `ok` with no transactions.
 */
export const HubErrorCode = z.enum([
  'no-consent',
  'no-relation',
  'excluded',
  'patient-unknown',
  'timeout',
  'unreachable',
  'auth-failed',
  'malformed-response',
  'hub-error',
  'not-supported',
]);
export type HubErrorCode = z.infer<typeof HubErrorCode>;

export const HubError = z.object({
  code: HubErrorCode,
  /** Plain words for logs and the details line; never patient data. */
  message: z.string().max(1000),
  /** The hub's own code (acknowledge/error/cd), when it gave one. */
  upstreamCode: z.string().max(100).optional(),
});
export type HubError = z.infer<typeof HubError>;

export const KmehrTransaction = z.object({
  /** The hub's transaction id (as listed by GetTransactionList). */
  id: z.string().min(1).max(500),
  /** The kmehrmessage XML returned by GetTransaction, verbatim. */
  kmehr: z.string().max(2_000_000),
});
export type KmehrTransaction = z.infer<typeof KmehrTransaction>;

export const HubResult = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    transactions: z.array(KmehrTransaction).max(500),
    durationMs: z.number().nonnegative(),
  }),
  z.object({
    status: z.literal('error'),
    error: HubError,
    durationMs: z.number().nonnegative(),
  }),
]);
export type HubResult = z.infer<typeof HubResult>;

export const ConsultResponse = z.object({
  hubs: z.object({ rsw: HubResult.optional(), rsb: HubResult.optional() }),
});
export type ConsultResponse = z.infer<typeof ConsultResponse>;

export const CertificateStatus = z.object({
  subject: z.string(),
  /** Pharmacy number or provider number it carries, when any. */
  identifier: z.string().optional(),
  notAfter: z.string(),
  daysToExpiry: z.number().int(),
});
export type CertificateStatus = z.infer<typeof CertificateStatus>;

export const HealthResponse = z.object({
  name: z.literal('vaccicard-companion'),
  version: z.string(),
  /** `simulator` when started with --simulator. */
  mode: z.enum(['simulator', 'acceptance', 'production']),
  /** Short fingerprint of the pairing secret, shown in the options page too. */
  pairingFingerprint: z.string().optional(),
  certificates: z.array(CertificateStatus),
  upstreams: z.object({
    rsw: z.object({ reachable: z.boolean(), latencyMs: z.number().optional() }).optional(),
    rsb: z.object({ reachable: z.boolean(), latencyMs: z.number().optional() }).optional(),
  }),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

/**
 * `GET /v1/health` without `X-Companion-Secret`: only says a companion runs
 * here (the extension uses it to tell "not running" from "not paired").
 * With a valid secret the answer is the full HealthResponse; with a wrong one, 401.
 */
export const HealthSummary = z.object({
  name: z.literal('vaccicard-companion'),
  version: z.string(),
});
export type HealthSummary = z.infer<typeof HealthSummary>;

/** Every error response of the local API has this body. */
export const ApiErrorCode = z.enum([
  'bad-request',
  'unauthorized',
  'forbidden',
  'not-found',
  'method-not-allowed',
  'unsupported-media-type',
  'payload-too-large',
  'rate-limited',
  'timeout',
  'internal',
  /** The idempotency key was already used for a different request (registration, withdrawal). */
  'conflict',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

export const ApiError = z.object({
  error: z.object({
    code: ApiErrorCode,
    message: z.string(),
    /** Which fields were wrong, for bad-request. */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;

export const HTTP_STATUS_BY_ERROR: Readonly<Record<ApiErrorCode, number>> = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  'method-not-allowed': 405,
  'unsupported-media-type': 415,
  'payload-too-large': 413,
  'rate-limited': 429,
  timeout: 504,
  internal: 500,
  conflict: 409,
};

/* ---------------------------------------------------------------------------
 * Registration of an administered vaccination (issue 5). The companion runs
 * `checkRegistration` (lib/registration/check.ts) on every request: a refused
 * registration is a `bad-request` whose issues are `{ path: field, message:
 * reason code }`. An accepted one is stored durably before the answer.
 * ------------------------------------------------------------------------- */

/** Where a registration goes: Vaccicard through the pharmacy's hub, or Vaccinnet. */
export const RegistrationDestination = z.enum(['vaccicard', 'vaccinnet']);
export type RegistrationDestination = z.infer<typeof RegistrationDestination>;

export const RegistrationRequest = z
  .object({
    /** A UUID made once per registration by the extension; a resent request with the same key is a no-op. */
    idempotencyKey: IdempotencyKey,
    registration: RegistrationInput,
    /** Absent: the companion's configuration decides. */
    destination: RegistrationDestination.optional(),
  })
  .strict();
export type RegistrationRequest = z.input<typeof RegistrationRequest>;

/** Why an upstream refused a registration for good (with `reason`, its words, and `upstreamCode`). */
export const RegistrationRejectionCode = z.enum([
  'no-consent',
  'no-relation',
  'excluded',
  'patient-unknown',
  /** The upstream found the message invalid (schema, covid lot, ...). */
  'invalid-registration',
  /** Any other refusal by the upstream. */
  'refused',
]);
export type RegistrationRejectionCode = z.infer<typeof RegistrationRejectionCode>;

/** A withdrawal asked for and not finished yet (`pending`), or refused by the upstream (`failed`; the registration keeps its state). */
export const RegistrationWithdrawal = z
  .object({
    state: z.enum(['pending', 'failed']),
    requestedAt: z.iso.datetime({ offset: true }),
    reason: z.string().max(1000).optional(),
    upstreamCode: z.string().max(100).optional(),
  })
  .strict();
export type RegistrationWithdrawal = z.infer<typeof RegistrationWithdrawal>;

/** A registration as the companion keeps and reports it (no patient identity: see RegistrationSummary). */
export const RegistrationRecord = z
  .object({
    /** The companion's id of the registration. */
    id: z.string().min(1).max(100),
    idempotencyKey: IdempotencyKey,
    state: RegistrationState,
    /** Why it was rejected (the upstream's words) or withdrawn; never patient data. */
    reason: z.string().max(1000).optional(),
    /** The upstream's own error code, when it gave one. */
    upstreamCode: z.string().max(100).optional(),
    destination: RegistrationDestination,
    /** Vaccicard only: the hub it was (or will be) sent to. */
    hub: HubId.optional(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
    /** Delivery attempts so far. */
    attempts: z.number().int().nonnegative(),
    /** The upstream's id of the stored transaction, once known (needed to withdraw it). */
    upstreamTransactionId: z.string().min(1).max(500).optional(),
    vaccination: RegistrationSummary,
    /** `rejected`: why, as a code (`reason` has the upstream's words). */
    rejectionCode: RegistrationRejectionCode.optional(),
    /** `pending` after a failed attempt: what went wrong (transient; it is retried). */
    lastError: z.object({ code: HubErrorCode, message: z.string().max(1000) }).strict().optional(),
    /** `pending` after a failed attempt: when the next one is due. */
    nextAttemptAt: z.iso.datetime({ offset: true }).optional(),
    /** When the upstream accepted it. */
    sentAt: z.iso.datetime({ offset: true }).optional(),
    /** When its echo was first seen in a consultation. */
    confirmedAt: z.iso.datetime({ offset: true }).optional(),
    /** A withdrawal under way or refused. */
    withdrawal: RegistrationWithdrawal.optional(),
  })
  .strict();
export type RegistrationRecord = z.infer<typeof RegistrationRecord>;

export const RegisterResponse = z.object({
  record: RegistrationRecord,
  /** True when the idempotency key was already known: nothing new was stored or sent. */
  duplicate: z.boolean(),
});
export type RegisterResponse = z.infer<typeof RegisterResponse>;

/** This pharmacy's registrations for one patient (for the green lines of the history). */
export const RegistrationListRequest = z.object({ insz: InszDigits }).strict();
export type RegistrationListRequest = z.infer<typeof RegistrationListRequest>;

export const RegistrationListResponse = z.object({
  registrations: z.array(RegistrationRecord).max(500),
});
export type RegistrationListResponse = z.infer<typeof RegistrationListResponse>;

/** Withdraws a mistaken registration (RevokeTransaction / RemoveVaccination). */
export const WithdrawRequest = z
  .object({
    id: z.string().min(1).max(100),
    /** A new UUID per withdrawal, resent unchanged on retries. */
    idempotencyKey: IdempotencyKey,
  })
  .strict();
export type WithdrawRequest = z.input<typeof WithdrawRequest>;

export const WithdrawResponse = z.object({ record: RegistrationRecord });
export type WithdrawResponse = z.infer<typeof WithdrawResponse>;
