/**
 * The companion's one configuration file, validated by zod. The schema is
 * built per language so every problem reads in the integrator's words, and
 * per mode: talking to the real hubs needs keystores and a hub address, the
 * simulator does not.
 */
import { z } from 'zod';
import { DEFAULT_COMPANION_PORT } from '../../../lib/companion/contract.ts';
import { isValidInsz } from '../../../lib/identifiers/insz.ts';
import { parseRiziv } from '../../../lib/identifiers/riziv.ts';
import { SOFTWARE_ID_MAX_LENGTH, SOFTWARE_ID_PATTERN } from '../../../lib/registration/software-id.ts';
import type { HubId } from '../../../lib/vaccination.ts';
import type { Translate } from '../../../lib/i18n/translate.ts';
import { DEFAULT_HUB_ENDPOINTS, type HubEnvironment } from './hub-endpoints.ts';
import type { ConfigMessageKey } from './messages.ts';
import { buildStsConfigSchema } from '../ehealth/sts-config.ts';
import { buildRegistrationConfigSchema } from './registration-config.ts';

export const REGIONS = ['wallonia', 'brussels', 'german-community', 'flanders'] as const;
export type Region = (typeof REGIONS)[number];

/** `chrome-extension://<32 a-p>` (Chromium, Edge) or `moz-extension://<uuid>` (Firefox). */
const CHROME_EXTENSION_ORIGIN = /^chrome-extension:\/\/[a-p]{32}$/;
const FIREFOX_EXTENSION_ORIGIN = /^moz-extension:\/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isExtensionOrigin(origin: string): boolean {
  return CHROME_EXTENSION_ORIGIN.test(origin) || FIREFOX_EXTENSION_ORIGIN.test(origin);
}

export const DEFAULTS = {
  port: DEFAULT_COMPANION_PORT,
  requestTimeoutMs: 20_000,
  hubTimeoutMs: 15_000,
  rateLimitBurst: 30,
  rateLimitPerMinute: 120,
  maxBodyBytes: 16_384,
  maxResponseBytes: 50_000_000,
  hubEnvironment: 'acceptance' as HubEnvironment,
} as const;

export interface ConfigSchemaOptions {
  t: Translate<ConfigMessageKey>;
}

/** The shape of the file. Rules across fields are in crossFieldProblems, so they are reported even when a field is wrong. */
export function buildConfigSchema({ t }: ConfigSchemaOptions) {
  const msg = (key: ConfigMessageKey, vars?: Record<string, string>) => ({ error: () => t(key, vars) });

  const EnvPassword = z.object({ env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, msg('envName')) }).strict();
  const FilePassword = z.object({ file: z.string().min(1) }).strict();
  const PasswordSource = z
    .unknown()
    .superRefine((value, ctx) => {
      if (typeof value === 'string') ctx.addIssue({ code: 'custom', message: t('literalPassword') });
    })
    .pipe(z.union([EnvPassword, FilePassword], msg('passwordSource')));

  const Keystore = z
    .object({
      /** A PKCS#12 file (`.p12`, `.acc-p12`); relative paths are from the configuration file's folder. */
      path: z.string().min(1),
      password: PasswordSource,
      /** Entry holding the signing key; eHealth keystores use `authentication`. */
      alias: z.string().min(1).max(200).default('authentication'),
    })
    .strict();

  const Keystores = z
    .object({
      /** The titular pharmacist's personal eHealth certificate (signs the STS request). */
      identification: Keystore,
      /** The pharmacy's eHealth certificate (holder-of-key; signs every hub call). Absent: the identification keystore serves both. */
      holderOfKey: Keystore.optional(),
    })
    .strict();

  const PharmacyNumber = z.string().refine((s) => {
    const r = parseRiziv(s);
    return /^\d{8}$/.test(s) && r.ok && r.value.kind === 'pharmacy';
  }, msg('pharmacyNumber'));

  const PharmacistRiziv = z
    .string()
    .refine((s) => {
      const r = parseRiziv(s);
      return /^\d{11}$/.test(s) && r.ok;
    }, msg('riziv'))
    .refine((s) => {
      const r = parseRiziv(s);
      return !r.ok || r.value.profession === 'pharmacist';
    }, msg('notPharmacist'));

  const Inss = z.string().refine((s) => /^\d{11}$/.test(s) && isValidInsz(s), msg('inss'));

  const Pharmacist = z.object({ riziv: PharmacistRiziv, inss: Inss }).strict();

  const Pharmacy = z
    .object({
      pharmacyNumber: PharmacyNumber,
      name: z.string().min(1).max(200).optional(),
      region: z.enum(REGIONS),
      /** The titular pharmacist: the identification certificate's owner and the hub request's author. */
      pharmacist: Pharmacist,
      /** Other pharmacists working here (e.g. who may register a vaccination). */
      otherPharmacists: z
        .array(z.object({ riziv: PharmacistRiziv, inss: Inss.optional() }).strict())
        .max(50)
        .default([]),
    })
    .strict();

  const HttpsUrl = z.url({ protocol: /^https$/, error: () => t('httpsUrl') });

  const Hub = (hub: HubId) =>
    z
      .object({
        environment: z.enum(['acceptance', 'production']).default(DEFAULTS.hubEnvironment),
        endpoints: z
          .object({
            acceptance: HttpsUrl.optional(),
            production: HttpsUrl.optional(),
          })
          .strict()
          .prefault({}),
        /** Extra CA certificate (PEM) to trust for this hub, beside the system's. */
        caFile: z.string().min(1).optional(),
        /** Per-hub timeout; default `timeouts.hubMs`. */
        timeoutMs: z.number().int().min(500).max(120_000).optional(),
      })
      .strict()
      .transform((h) => ({
        ...h,
        endpoints: {
          acceptance: h.endpoints.acceptance ?? DEFAULT_HUB_ENDPOINTS[hub].acceptance,
          production: h.endpoints.production ?? DEFAULT_HUB_ENDPOINTS[hub].production,
        },
      }));

  return z
    .object({
      $schema: z.string().optional(),
      keystores: Keystores.optional(),
      /** The eHealth STS (companion/src/ehealth/sts-config.ts); defaults to acceptance. */
      sts: buildStsConfigSchema(t).optional(),
      pharmacy: Pharmacy,
      hubs: z
        .object({ rsw: Hub('rsw').prefault({}), rsb: Hub('rsb').prefault({}) })
        .strict()
        .prefault({}),
      /** Vaccinnet softwareID: `integrator_software` or `integrator_software_organisation`, at most 50 characters. */
      softwareId: z.string().max(SOFTWARE_ID_MAX_LENGTH, msg('softwareId')).regex(SOFTWARE_ID_PATTERN, msg('softwareId')),
      allowedOrigins: z
        .array(z.string().refine(isExtensionOrigin, msg('origin')))
        .max(20)
        .default([]),
      port: z.number().int().min(1024).max(65_535).default(DEFAULTS.port),
      timeouts: z
        .object({
          requestMs: z.number().int().min(1_000).max(300_000).default(DEFAULTS.requestTimeoutMs),
          hubMs: z.number().int().min(500).max(120_000).default(DEFAULTS.hubTimeoutMs),
        })
        .strict()
        .prefault({}),
      rateLimit: z
        .object({
          /** Requests allowed at once. */
          burst: z.number().int().min(1).max(10_000).default(DEFAULTS.rateLimitBurst),
          /** Sustained requests per minute (the bucket's refill). */
          perMinute: z.number().int().min(1).max(100_000).default(DEFAULTS.rateLimitPerMinute),
        })
        .strict()
        .prefault({}),
      maxBodyBytes: z.number().int().min(256).max(10_000_000).default(DEFAULTS.maxBodyBytes),
      /** Cap on one answer (the hubs' KMEHR for one patient). */
      maxResponseBytes: z.number().int().min(10_000).max(500_000_000).default(DEFAULTS.maxResponseBytes),
      /** Where the pairing secret and the log key live; default a per-user folder. */
      dataDir: z.string().min(1).optional(),
      /** Registration of administered vaccinations (registration-config.ts). */
      registration: buildRegistrationConfigSchema(t).prefault({}),
    })
    .strict();
}

export type CompanionConfig = z.output<ReturnType<typeof buildConfigSchema>>;
export type KeystoreConfig = NonNullable<CompanionConfig['keystores']>['identification'];
export type PasswordSource = KeystoreConfig['password'];
export type HubConfig = CompanionConfig['hubs']['rsw'];
export type PharmacyConfig = CompanionConfig['pharmacy'];
