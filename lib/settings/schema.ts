/**
 * The extension's non-secret settings: one zod schema, one version number.
 * Stored in `storage.local` (see settings-store.ts). The pairing secret is
 * NOT a setting: it lives in the extension-origin IndexedDB (secret-store.ts),
 * because content scripts can read `storage.local`.
 */
import { z } from 'zod';
import { DEFAULT_COMPANION_URL } from '../companion/contract.ts';
import { parseRiziv, normalizeRiziv } from '../identifiers/riziv.ts';
import { DEFAULT_SEASON_WINDOW, validateSeasonWindow } from '../vaccines/season.ts';
import { parseCompanionUrl } from './companion-url.ts';
import { parseHostPattern } from './host-pattern.ts';

export const SETTINGS_VERSION = 1;

/** Cache freshness: answers younger than this are shown without asking the hubs. */
export const CACHE_TTL_SECONDS = { min: 5, max: 24 * 3600, default: 15 * 60 } as const;
/** How old a cached answer may be and still be shown (marked stale) when the companion cannot be reached. */
export const CACHE_MAX_STALE_SECONDS = { min: 10, max: 7 * 24 * 3600, default: 24 * 3600 } as const;

export const MAX_PHARMACISTS = 50;
export const MAX_ACTIVATED_HOSTS = 50;

export const CompanionUrlSetting = z.string().transform((value, ctx) => {
  const r = parseCompanionUrl(value);
  if (r.ok) return r.value;
  ctx.addIssue({ code: 'custom', message: `companion-url:${r.reason}` });
  return z.NEVER;
});

/** '' (not configured yet) or an 8-digit pharmacy (officine) number with valid check digits. */
export const PharmacyNumberSetting = z.string().transform((value, ctx) => {
  const digits = normalizeRiziv(value);
  if (digits === '') return '';
  const r = parseRiziv(digits);
  if (r.ok && r.value.kind === 'pharmacy') return r.value.number;
  ctx.addIssue({ code: 'custom', message: `pharmacy-number:${r.ok ? 'not-a-pharmacy' : r.reason}` });
  return z.NEVER;
});

/** An 11-digit care-provider RIZIV number with valid check digits. */
export const PharmacistRizivSetting = z.string().transform((value, ctx) => {
  const r = parseRiziv(value);
  if (r.ok && r.value.kind === 'provider') return r.value.number;
  ctx.addIssue({ code: 'custom', message: `riziv:${r.ok ? 'not-a-provider' : r.reason}` });
  return z.NEVER;
});

export const HostPatternSetting = z.string().transform((value, ctx) => {
  const r = parseHostPattern(value);
  if (r.ok) return r.value;
  ctx.addIssue({ code: 'custom', message: `host:${r.reason}` });
  return z.NEVER;
});

export const SeasonWindowSetting = z
  .object({ startMonth: z.number().int(), startDay: z.number().int() })
  .strict()
  .superRefine((w, ctx) => {
    const r = validateSeasonWindow(w);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: `season:${r.reason}` });
  });

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

const SettingsFields = {
  companionUrl: CompanionUrlSetting,
  pharmacyNumber: PharmacyNumberSetting,
  pharmacistRizivs: z.array(PharmacistRizivSetting).max(MAX_PHARMACISTS).transform(unique),
  activatedHosts: z.array(HostPatternSetting).max(MAX_ACTIVATED_HOSTS).transform(unique),
  cacheTtlSeconds: z.number().int().min(CACHE_TTL_SECONDS.min).max(CACHE_TTL_SECONDS.max),
  cacheMaxStaleSeconds: z.number().int().min(CACHE_MAX_STALE_SECONDS.min).max(CACHE_MAX_STALE_SECONDS.max),
  seasonWindow: SeasonWindowSetting,
};

const staleNotShorterThanTtl = (s: { cacheTtlSeconds: number; cacheMaxStaleSeconds: number }) =>
  s.cacheMaxStaleSeconds >= s.cacheTtlSeconds;
const STALE_ISSUE = { message: 'cache:max-stale-shorter-than-ttl', path: ['cacheMaxStaleSeconds'] };

/** Complete, valid settings. Every message and store boundary parses with this. */
export const Settings = z.object(SettingsFields).strict().refine(staleNotShorterThanTtl, STALE_ISSUE);
export type Settings = z.infer<typeof Settings>;

/** What `settings:save` carries: any subset of the fields, merged over the current settings. */
export const SettingsPatch = z.object(SettingsFields).partial().strict();
export type SettingsPatch = z.input<typeof SettingsPatch>;

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  companionUrl: DEFAULT_COMPANION_URL,
  pharmacyNumber: '',
  pharmacistRizivs: [],
  activatedHosts: [],
  cacheTtlSeconds: CACHE_TTL_SECONDS.default,
  cacheMaxStaleSeconds: CACHE_MAX_STALE_SECONDS.default,
  seasonWindow: { ...DEFAULT_SEASON_WINDOW },
}) as Settings;

/**
 * Reads whatever is stored, keeping every field that is still valid and
 * falling back to the default for the others (a corrupted or hand-edited
 * entry never breaks the extension).
 */
export function settingsFromStored(stored: unknown): Settings {
  const input = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(SettingsFields)) {
    const r = (schema as z.ZodType).safeParse(input[key]);
    out[key] = r.success ? r.data : DEFAULT_SETTINGS[key as keyof Settings];
  }
  const merged = out as Settings;
  if (!staleNotShorterThanTtl(merged)) merged.cacheMaxStaleSeconds = merged.cacheTtlSeconds;
  return merged;
}

export type SettingsIssue = { path: string; message: string };

export type ApplyPatchResult = { ok: true; value: Settings } | { ok: false; issues: SettingsIssue[] };

/** Merges a patch over the current settings and validates the result as a whole. */
export function applySettingsPatch(current: Settings, patch: unknown): ApplyPatchResult {
  const p = SettingsPatch.safeParse(patch);
  if (!p.success) return { ok: false, issues: toIssues(p.error) };
  const merged = Settings.safeParse({ ...current, ...p.data });
  if (!merged.success) return { ok: false, issues: toIssues(merged.error) };
  return { ok: true, value: merged.data };
}

export function toIssues(error: z.ZodError): SettingsIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** What the merge needs to recognise this pharmacy's own lines. */
export function pharmacyIdentity(settings: Settings): { pharmacyNumber?: string; pharmacistRizivs: string[] } {
  return {
    ...(settings.pharmacyNumber ? { pharmacyNumber: settings.pharmacyNumber } : {}),
    pharmacistRizivs: [...settings.pharmacistRizivs],
  };
}
