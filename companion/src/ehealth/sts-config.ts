/**
 * The `sts` section of the companion's configuration file: which eHealth STS
 * to ask (acceptance by default), the certificate its assertions must be
 * signed with (the trust anchor: eHealth's I.AM signing certificate, or the
 * CA that issues it), an optional extra TLS CA, the token lifetime to request,
 * a timeout, and optionally another profile file. Plugged into the config
 * schema (config/schema.ts) as one optional key.
 */
import { z } from 'zod';
import type { Translate } from '../../../lib/i18n/translate.ts';
import type { ConfigMessageKey } from '../config/messages.ts';
import { EHEALTH_STS_ENDPOINTS } from './ws-trust.ts';

export const STS_DEFAULTS = {
  environment: 'acceptance' as 'acceptance' | 'production',
  tokenLifetimeHours: 12,
  timeoutMs: 20_000,
} as const;

export function buildStsConfigSchema(t: Translate<ConfigMessageKey>) {
  const HttpsUrl = z.url({ protocol: /^https$/, error: () => t('httpsUrl') });
  return z
    .object({
      environment: z.enum(['acceptance', 'production']).default(STS_DEFAULTS.environment),
      endpoints: z
        .object({ acceptance: HttpsUrl.optional(), production: HttpsUrl.optional() })
        .strict()
        .prefault({})
        .transform((e) => ({
          acceptance: e.acceptance ?? EHEALTH_STS_ENDPOINTS.acceptance,
          production: e.production ?? EHEALTH_STS_ENDPOINTS.production,
        })),
      /** PEM or DER: the eHealth I.AM signing certificate of the environment, or its issuing CA. */
      trustAnchorFile: z.string().min(1).optional(),
      /** Extra CA (PEM) for the STS's TLS certificate, beside the system's (a company proxy). */
      caFile: z.string().min(1).optional(),
      /** Requested validity; the STS may grant less. eHealth connectors ask 12 to 24 hours. */
      tokenLifetimeHours: z.number().int().min(1).max(24).default(STS_DEFAULTS.tokenLifetimeHours),
      timeoutMs: z.number().int().min(1_000).max(120_000).default(STS_DEFAULTS.timeoutMs),
      /** Another STS profile (JSON, see companion/src/ehealth/profiles/pharmacy.json). */
      profileFile: z.string().min(1).optional(),
    })
    .strict();
}

export type StsConfig = z.output<ReturnType<typeof buildStsConfigSchema>>;

/** Default settings when the file has no `sts` section. */
export function defaultStsConfig(): StsConfig {
  return {
    environment: STS_DEFAULTS.environment,
    endpoints: { ...EHEALTH_STS_ENDPOINTS },
    tokenLifetimeHours: STS_DEFAULTS.tokenLifetimeHours,
    timeoutMs: STS_DEFAULTS.timeoutMs,
  };
}
