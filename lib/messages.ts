/**
 * Typed messages between the extension's parts, named by direction
 * (content → background, page → background, background → port).
 * The background validates every incoming message with these schemas and
 * checks the sender (see lib/background/sender.ts).
 *
 * Privacy rule: content scripts receive only `LookupStatus` (no patient data).
 * Patient data (history) goes only to extension pages: the in-page panel
 * iframe, the side panel and the options page.
 *
 * Protocol (all payloads validated with the schemas below):
 *
 * - Content script (top frame of an e-Form page) connects port `badge`
 *   (`browser.runtime.connect({ name: PORTS.badge })`) and posts
 *   `page:patient` / `page:cleared` on it; the same messages are also accepted
 *   through `runtime.sendMessage` (answer: `PageMessageAck`). It receives
 *   `BadgePortMessage` (`{ type: 'status', status }`) for its own tab only.
 *   When the port disconnects (the service worker was stopped), reconnect and
 *   post the current `page:patient` / `page:cleared` again as the first message.
 * - The in-page panel (extension page `/panel.html` in an iframe of that tab)
 *   connects port `panel`; it receives `PanelPortMessage` (`{ type: 'panel-state', state }`)
 *   for the patient of its tab, at once on connect and on every change, and may
 *   post `panel:refresh`. Reconnect on disconnect.
 * - The side panel (`/sidepanel.html`) connects port `sidepanel`, posts
 *   `sidepanel:lookup` (the INSZ is validated again in the background),
 *   `sidepanel:refresh`, `sidepanel:clear`; it receives `PanelPortMessage`.
 *   On reconnect it posts its current `sidepanel:lookup` again.
 * - Extension pages send `PrivilegedRequest`s with `runtime.sendMessage`;
 *   the answer is the matching `*Response` or `PrivilegedFailure`. Requests that
 *   change settings are accepted from the options page only; registration
 *   requests from any extension page (the in-page panel and the side panel),
 *   never from a content script (see PRIVILEGED_SENDERS).
 */
import { z } from 'zod';
import { HubId, MergedHistory, OwnVaccination, RegistrationState } from './vaccination.ts';
import { CertificateStatus, HealthResponse, HubErrorCode, RegistrationRejectionCode } from './companion/contract.ts';
import { Settings, SeasonWindowSetting, VaccinatorSetting, type SettingsPatch } from './settings/schema.ts';
import { RegistrationSummary } from './registration/summary.ts';

/** Paths of the extension pages and port names: see extension-ports.ts (no zod there, for the content script). */
export { EXTENSION_PAGES, PORTS } from './extension-ports.ts';

/** Why the badge shows a cross. Each has words in nl/fr/de/en. */
export const BadgeReason = z.enum([
  'no-consent',
  'no-relation',
  'excluded',
  'patient-unknown',
  'companion-down',
  'not-paired',
  'timeout',
  'hub-error',
  'invalid-insz',
  'page-not-recognised',
]);
export type BadgeReason = z.infer<typeof BadgeReason>;

/**
 * What the badge may know: never patient data.
 * `error` with `hub`: only that hub failed, the other hub's lines are shown.
 * `error` without `hub`: no hub answered (or the companion could not be used).
 * A hub that does not know the patient while the other answers is not an error
 * (it is listed in PanelState.hubFailures only).
 */
export const LookupStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('idle') }),
  z.object({ state: z.literal('loading') }),
  z.object({
    state: z.literal('ok'),
    /** Served from cache while the companion was unreachable. */
    stale: z.object({ ageMs: z.number().nonnegative() }).optional(),
  }),
  z.object({
    state: z.literal('error'),
    reason: BadgeReason,
    /** Set when only this hub failed (the other hub's lines are still shown). */
    hub: HubId.optional(),
  }),
]);
export type LookupStatus = z.infer<typeof LookupStatus>;

/** Which entry path opened the e-Form. */
export const EntryPath = z.enum(['sensitisation-popup', 'registration', 'direct-link', 'unknown']);
export type EntryPath = z.infer<typeof EntryPath>;

/** Content script → background: the page shows this patient (lookup starts at once). */
export const PagePatientMessage = z.object({
  type: z.literal('page:patient'),
  adapterId: z.string().max(64),
  entryPath: EntryPath,
  insz: z.string().regex(/^\d{11}$/),
  own: z.array(OwnVaccination).max(200),
});

/** Content script → background: no patient on the page any more (or page not recognised). */
export const PageClearedMessage = z.object({
  type: z.literal('page:cleared'),
  reason: z.enum(['no-patient', 'page-not-recognised']),
});

export const ContentToBackground = z.discriminatedUnion('type', [PagePatientMessage, PageClearedMessage]);
export type ContentToBackground = z.infer<typeof ContentToBackground>;

/** Background → content script, on port `badge`. */
export const BadgePortMessage = z.object({ type: z.literal('status'), status: LookupStatus });
export type BadgePortMessage = z.infer<typeof BadgePortMessage>;

/** Background's answer to a `ContentToBackground` sent with `runtime.sendMessage`. */
export const PageMessageAck = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: z.enum(['forbidden', 'invalid']) }),
]);
export type PageMessageAck = z.infer<typeof PageMessageAck>;

/**
 * A registration made through this product, as the extension pages show it
 * (beside its green history line, whose `registration.id` is this `id`).
 * No patient identity: the vaccination summary only.
 */
export const RegistrationView = z.object({
  /** The extension's id of the registration (the form's submission id). */
  id: z.string().min(1).max(100),
  state: RegistrationState,
  /** The companion holds it (stored durably there); false while the extension still has to hand it over. */
  acceptedByCompanion: z.boolean(),
  /** Why it was rejected or withdrawn (the upstream's words; never patient data). */
  reason: z.string().max(1000).optional(),
  rejectionCode: z.union([RegistrationRejectionCode, z.literal('refused-by-companion')]).optional(),
  /** Why the extension could not hand it to the companion yet (it keeps trying). */
  handOverProblem: z.enum(['companion-down', 'not-paired', 'timeout', 'companion-error']).optional(),
  /** Why the companion could not deliver it upstream yet (it keeps trying). */
  deliveryProblem: HubErrorCode.optional(),
  /** A withdrawal asked for: `requested` (not yet with the companion), `pending` (the companion works on it), `failed` (refused upstream). */
  withdrawal: z
    .object({ state: z.enum(['requested', 'pending', 'failed']), reason: z.string().max(1000).optional() })
    .optional(),
  /** The withdraw button is offered. */
  canWithdraw: z.boolean(),
  vaccination: RegistrationSummary,
  /** When the pharmacist sent the form (ms since epoch). */
  createdAt: z.number(),
});
export type RegistrationView = z.infer<typeof RegistrationView>;

/** What an extension page (panel iframe, side panel) shows for one patient. */
export const PanelState = z.object({
  status: LookupStatus,
  /** Masked for display, e.g. `85.07.30-xxx.xx`. */
  patientLabel: z.string().optional(),
  history: MergedHistory.optional(),
  /** Per-hub failures when only some hubs answered. */
  hubFailures: z.array(z.object({ hub: HubId, reason: BadgeReason, detail: z.string().optional() })),
  /** Transactions that could not be parsed (shown, never silently dropped). */
  parseFailures: z.number().int().nonnegative(),
  /** When the shown data was fetched from the hubs (ms since epoch). */
  fetchedAt: z.number().optional(),
  /** `cache`: answered from the local cache (fresh, or stale: see `status.stale`); `hubs`: asked just now. */
  servedFrom: z.enum(['cache', 'hubs']).optional(),
  /** The local cache (IndexedDB) could not be used: the answer is not kept (say so in the UI). */
  cacheUnavailable: z.boolean().optional(),
  /** This patient's registrations made through this product (their lines are in `history`). */
  registrations: z.array(RegistrationView).max(200).optional(),
});
export type PanelState = z.infer<typeof PanelState>;

/** Background → panel iframe or side panel, on ports `panel` and `sidepanel`. */
export const PanelPortMessage = z.object({ type: z.literal('panel-state'), state: PanelState });
export type PanelPortMessage = z.infer<typeof PanelPortMessage>;

/** Panel iframe → background, on port `panel`: ask the hubs again even if the cache is fresh. */
export const PanelRefreshMessage = z.object({ type: z.literal('panel:refresh') });
export const PanelToBackground = z.discriminatedUnion('type', [PanelRefreshMessage]);
export type PanelToBackground = z.infer<typeof PanelToBackground>;

/**
 * Side panel → background, on port `sidepanel`. `insz` may be formatted
 * (`85.07.30-033.28`); the background normalises and validates it again and
 * answers `invalid-insz` without any request when it is not valid.
 */
export const SidepanelLookupMessage = z.object({ type: z.literal('sidepanel:lookup'), insz: z.string().max(64) });
export const SidepanelRefreshMessage = z.object({ type: z.literal('sidepanel:refresh') });
export const SidepanelClearMessage = z.object({ type: z.literal('sidepanel:clear') });
export const SidepanelToBackground = z.discriminatedUnion('type', [
  SidepanelLookupMessage,
  SidepanelRefreshMessage,
  SidepanelClearMessage,
]);
export type SidepanelToBackground = z.infer<typeof SidepanelToBackground>;

// ---------------------------------------------------------------------------
// Privileged requests: extension pages → background (runtime.sendMessage).

/** Whether a pairing secret is stored, and its fingerprint (never the secret). */
export const PairingStatus = z.object({
  paired: z.boolean(),
  /** `3f2a-9c1b` (lib/companion/fingerprint.ts). */
  fingerprint: z.string().optional(),
});
export type PairingStatus = z.infer<typeof PairingStatus>;

export const SettingsGetRequest = z.object({ type: z.literal('settings:get') });
/**
 * Saves any subset of the settings and, when given, the pairing secret (43-512
 * base64url characters, as the companion prints it). One message configures
 * everything, which is what the options page's Save button and e2e tests send.
 */
export const SettingsSaveRequest = z.object({
  type: z.literal('settings:save'),
  /** Validated field by field by the background, which answers every problem as an issue (`path`, code). */
  settings: z
    .custom<SettingsPatch>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'an object')
    .optional(),
  pairingSecret: z.string().max(1024).optional(),
});
export const PairingClearRequest = z.object({ type: z.literal('pairing:clear') });
/** Tests the companion; optional overrides test values not saved yet (the secret is never stored by this). */
export const ConnectionTestRequest = z.object({
  type: z.literal('connection:test'),
  companionUrl: z.string().max(200).optional(),
  pairingSecret: z.string().max(1024).optional(),
});
export const CacheClearRequest = z.object({ type: z.literal('cache:clear') });
export const CacheInfoRequest = z.object({ type: z.literal('cache:info') });

/**
 * What the registration form needs: the patient (the in-page panel gets the
 * patient of its own tab and sends no `insz`; the side panel sends the INSZ
 * it looked up), the pharmacy and its vaccinators from the settings.
 */
export const RegistrationContextRequest = z.object({
  type: z.literal('registration:context'),
  insz: z.string().max(64).optional(),
});
/**
 * Registers an administered vaccination. `submissionId` is a UUID the form
 * makes once per submission and sends again unchanged if it has to repeat the
 * request (the background then answers the registration it already has).
 * `input` is a RegistrationInput (lib/registration/input.ts), checked again
 * by the background with checkRegistration: field problems come back as
 * issues `{ path: field, message: reason code }`.
 */
export const RegistrationSubmitRequest = z.object({
  type: z.literal('registration:submit'),
  submissionId: z.uuid(),
  input: z.custom<Record<string, unknown>>(
    (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
    'an object',
  ),
});
/** This patient's registrations made through this product (refreshed from the companion when it answers). */
export const RegistrationListRequest = z.object({ type: z.literal('registration:list'), insz: z.string().max(64) });
/** Withdraws a registration (RegistrationView.id). */
export const RegistrationWithdrawRequest = z.object({
  type: z.literal('registration:withdraw'),
  id: z.string().min(1).max(100),
});

export const PrivilegedRequest = z.discriminatedUnion('type', [
  SettingsGetRequest,
  SettingsSaveRequest,
  PairingClearRequest,
  ConnectionTestRequest,
  CacheClearRequest,
  CacheInfoRequest,
  RegistrationContextRequest,
  RegistrationSubmitRequest,
  RegistrationListRequest,
  RegistrationWithdrawRequest,
]);
export type PrivilegedRequest = z.infer<typeof PrivilegedRequest>;
export type PrivilegedType = PrivilegedRequest['type'];

/** Who may send each privileged request: any extension page, or the options page only. */
export const PRIVILEGED_SENDERS: Readonly<Record<PrivilegedType, 'extension-page' | 'options-page'>> = {
  'settings:get': 'extension-page',
  'settings:save': 'options-page',
  'pairing:clear': 'options-page',
  'connection:test': 'options-page',
  'cache:clear': 'options-page',
  'cache:info': 'extension-page',
  'registration:context': 'extension-page',
  'registration:submit': 'extension-page',
  'registration:list': 'extension-page',
  'registration:withdraw': 'extension-page',
};

/** Privileged requests that the registration service answers (it needs the sender's page and tab). */
export const REGISTRATION_REQUEST_TYPES = [
  'registration:context',
  'registration:submit',
  'registration:list',
  'registration:withdraw',
] as const satisfies readonly PrivilegedType[];
export type RegistrationRequestType = (typeof REGISTRATION_REQUEST_TYPES)[number];
export type RegistrationRequest = Extract<PrivilegedRequest, { type: RegistrationRequestType }>;

export const PrivilegedErrorCode = z.enum(['forbidden', 'invalid', 'unavailable', 'internal']);
export type PrivilegedErrorCode = z.infer<typeof PrivilegedErrorCode>;

/** Any privileged request can fail this way. `issues[].message` are codes such as `riziv:bad-check-digits`. */
export const PrivilegedFailure = z.object({
  ok: z.literal(false),
  error: z.object({
    code: PrivilegedErrorCode,
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type PrivilegedFailure = z.infer<typeof PrivilegedFailure>;

export const SettingsResponse = z.object({ ok: z.literal(true), settings: Settings, pairing: PairingStatus });
export type SettingsResponse = z.infer<typeof SettingsResponse>;

export const PairingResponse = z.object({ ok: z.literal(true), pairing: PairingStatus });
export type PairingResponse = z.infer<typeof PairingResponse>;

/** Why the test connection failed, in the options page's words. */
export const ConnectionProblem = z.enum([
  'no-secret',
  'bad-url',
  'companion-down',
  'not-paired',
  'timeout',
  'not-a-companion',
]);
export type ConnectionProblem = z.infer<typeof ConnectionProblem>;

export const ConnectionReport = z.object({
  /** What was tested (the saved address or the override). */
  companionUrl: z.string(),
  problem: ConnectionProblem.optional(),
  version: z.string().optional(),
  mode: HealthResponse.shape.mode.optional(),
  pairing: z.object({
    /** Fingerprint of the secret the extension holds (or the override). */
    extension: z.string().optional(),
    /** Fingerprint the companion reports. */
    companion: z.string().optional(),
    match: z.boolean().optional(),
  }),
  certificates: z.array(CertificateStatus),
  hubs: z.array(z.object({ hub: HubId, reachable: z.boolean(), latencyMs: z.number().optional() })),
});
export type ConnectionReport = z.infer<typeof ConnectionReport>;

export const ConnectionTestResponse = z.object({ ok: z.literal(true), report: ConnectionReport });
export type ConnectionTestResponse = z.infer<typeof ConnectionTestResponse>;

export const CacheClearResponse = z.object({ ok: z.literal(true), removed: z.number().int().nonnegative() });
export type CacheClearResponse = z.infer<typeof CacheClearResponse>;

export const CacheInfoResponse = z.object({
  ok: z.literal(true),
  available: z.boolean(),
  entries: z.number().int().nonnegative(),
});
export type CacheInfoResponse = z.infer<typeof CacheInfoResponse>;

/** Why the registration form cannot be used yet (each has words in the form). */
export const RegistrationSetupGap = z.enum(['pharmacy-number', 'pharmacy-name', 'vaccinators', 'pairing']);
export type RegistrationSetupGap = z.infer<typeof RegistrationSetupGap>;

export const RegistrationContext = z.object({
  patient: z.object({
    insz: z.string().regex(/^\d{11}$/),
    /** `85.07.30-xxx.xx`. */
    label: z.string(),
  }),
  pharmacy: z.object({ number: z.string(), name: z.string() }),
  vaccinators: z.array(VaccinatorSetting),
  /** RIZIV of the vaccinator proposed by default. */
  defaultVaccinator: z.string().optional(),
  seasonWindow: SeasonWindowSetting,
  /** What the options page still has to set before a registration can be sent. */
  missing: z.array(RegistrationSetupGap),
});
export type RegistrationContext = z.infer<typeof RegistrationContext>;

export const RegistrationContextResponse = z.object({ ok: z.literal(true), context: RegistrationContext });
export type RegistrationContextResponse = z.infer<typeof RegistrationContextResponse>;

export const RegistrationSubmitResponse = z.object({
  ok: z.literal(true),
  registration: RegistrationView,
  /** The submission id was already known: nothing new was stored or sent. */
  duplicate: z.boolean(),
});
export type RegistrationSubmitResponse = z.infer<typeof RegistrationSubmitResponse>;

export const RegistrationListResponse = z.object({
  ok: z.literal(true),
  registrations: z.array(RegistrationView),
  /** The companion answered (states are current); false: the last known states. */
  refreshed: z.boolean(),
});
export type RegistrationListResponse = z.infer<typeof RegistrationListResponse>;

export const RegistrationWithdrawResponse = z.object({ ok: z.literal(true), registration: RegistrationView });
export type RegistrationWithdrawResponse = z.infer<typeof RegistrationWithdrawResponse>;

/** The answer type of each privileged request (a `PrivilegedFailure` is always possible too). */
export interface PrivilegedResponses {
  'settings:get': SettingsResponse;
  'settings:save': SettingsResponse;
  'pairing:clear': PairingResponse;
  'connection:test': ConnectionTestResponse;
  'cache:clear': CacheClearResponse;
  'cache:info': CacheInfoResponse;
  'registration:context': RegistrationContextResponse;
  'registration:submit': RegistrationSubmitResponse;
  'registration:list': RegistrationListResponse;
  'registration:withdraw': RegistrationWithdrawResponse;
}
export type PrivilegedResponse<T extends PrivilegedType> = PrivilegedResponses[T] | PrivilegedFailure;

/** To validate an answer on the page's side (options page, e2e tests). */
export const PRIVILEGED_RESPONSE_SCHEMAS = {
  'settings:get': SettingsResponse,
  'settings:save': SettingsResponse,
  'pairing:clear': PairingResponse,
  'connection:test': ConnectionTestResponse,
  'cache:clear': CacheClearResponse,
  'cache:info': CacheInfoResponse,
  'registration:context': RegistrationContextResponse,
  'registration:submit': RegistrationSubmitResponse,
  'registration:list': RegistrationListResponse,
  'registration:withdraw': RegistrationWithdrawResponse,
} as const satisfies Record<PrivilegedType, z.ZodType>;

/** A privileged request as an extension page writes it (before the background's validation). */
export type PrivilegedRequestInput = z.input<typeof PrivilegedRequest>;
