/**
 * The `registration` section of the configuration: where registrations go
 * and how the outbox retries.
 *
 * - Vaccicard (Wallonia, Brussels, German-speaking community): through the
 *   pharmacy's hub with PutTransaction; RSW for wallonia and
 *   german-community, RSB for brussels, unless `vaccicardHub` says otherwise.
 * - Vaccinnet: only where enabled; enabled by default for a pharmacy in
 *   flanders. Its endpoint addresses are not public (like the hubs'): none is
 *   shipped. The softwareID (top-level `softwareId`) must have the shape the
 *   chosen service expects: `integrator_software` for RegistratieService,
 *   `integrator_software_organisation` for BatchUpload.
 */
import { z } from 'zod';
import type { Translate } from '../../../lib/i18n/translate.ts';
import type { ConfigMessageKey } from './messages.ts';

export const REGISTRATION_DEFAULTS = {
  retryBaseMs: 2_000,
  retryMaxMs: 5 * 60_000,
  concurrency: 4,
  retentionDays: 400,
  vaccinnetTimeoutMs: 30_000,
} as const;

export const VACCINNET_SERVICES = ['registratie', 'batchupload'] as const;
export type VaccinnetService = (typeof VACCINNET_SERVICES)[number];

/** How many `_`-separated parts each service's softwareID has. */
export const SOFTWARE_ID_PARTS: Readonly<Record<VaccinnetService, { parts: number; shape: string }>> = {
  registratie: { parts: 2, shape: 'integrator_software' },
  batchupload: { parts: 3, shape: 'integrator_software_organisation' },
};

export function buildRegistrationConfigSchema(t: Translate<ConfigMessageKey>) {
  const HttpsUrl = z.url({ protocol: /^https$/, error: () => t('httpsUrl') });
  const Vaccinnet = z
    .object({
      /** Default: true for a pharmacy in flanders, false elsewhere. */
      enabled: z.boolean().optional(),
      service: z.enum(VACCINNET_SERVICES).default('registratie'),
      environment: z.enum(['acceptance', 'production']).default('acceptance'),
      endpoints: z.object({ acceptance: HttpsUrl.optional(), production: HttpsUrl.optional() }).strict().prefault({}),
      caFile: z.string().min(1).optional(),
      timeoutMs: z.number().int().min(500).max(120_000).optional(),
      /** The vaccinator's Vaccinnet id, when the service needs it. */
      vaccinnetId: z.string().min(1).max(100).regex(/^[A-Za-z0-9._@-]+$/).optional(),
    })
    .strict();
  const Outbox = z
    .object({
      /** First retry after about this long; doubles per failed attempt. */
      retryBaseMs: z.number().int().min(100).max(600_000).default(REGISTRATION_DEFAULTS.retryBaseMs),
      /** Longest wait between two attempts. */
      retryMaxMs: z.number().int().min(1_000).max(86_400_000).default(REGISTRATION_DEFAULTS.retryMaxMs),
      /** Registrations sent at once. */
      concurrency: z.number().int().min(1).max(16).default(REGISTRATION_DEFAULTS.concurrency),
      /** Settled registrations (and their patients' numbers) are forgotten after this many days. */
      retentionDays: z.number().int().min(1).max(3_650).default(REGISTRATION_DEFAULTS.retentionDays),
    })
    .strict();
  return z
    .object({
      /** The hub Vaccicard registrations go through; default from the region. */
      vaccicardHub: z.enum(['rsw', 'rsb']).optional(),
      /** Where a registration goes when the request does not say; default vaccinnet in flanders, else vaccicard. */
      defaultDestination: z.enum(['vaccicard', 'vaccinnet']).optional(),
      vaccinnet: Vaccinnet.prefault({}),
      outbox: Outbox.prefault({}),
    })
    .strict();
}

export type RegistrationConfig = z.output<ReturnType<typeof buildRegistrationConfigSchema>>;
