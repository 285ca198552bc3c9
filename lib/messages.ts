/**
 * Typed messages between the extension's parts, named by direction
 * (content → background, page → background, background → port).
 * The background validates every incoming message with these schemas and
 * checks the sender (see lib/background/sender.ts).
 *
 * Privacy rule: content scripts receive only `LookupStatus` (no patient data).
 * Patient data (history) goes only to extension pages: the in-page panel
 * iframe, the side panel and the options page.
 */
import { z } from 'zod';
import { HubId, MergedHistory, OwnVaccination } from './vaccination.ts';

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

/** What the badge may know: never patient data. */
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
});
export type PanelState = z.infer<typeof PanelState>;

/** Port names. Content script ports get LookupStatus; page ports get PanelState. */
export const PORTS = {
  badge: 'badge',
  panel: 'panel',
  sidepanel: 'sidepanel',
} as const;
