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
import { normaliseText, textProblem } from '../registration/text.ts';
import { parseCompanionUrl } from './companion-url.ts';
import { parseHostPattern } from './host-pattern.ts';

/**
 * Fields added since version 1 (pharmacyName, vaccinators, defaultVaccinator)
 * need no migration: settingsFromStored reads a missing field as its default.
 */
export const SETTINGS_VERSION = 1;

/** Cache freshness: answers younger than this are shown without asking the hubs. */
export const CACHE_TTL_SECONDS = { min: 5, max: 24 * 3600, default: 15 * 60 } as const;
/** How old a cached answer may be and still be shown (marked stale) when the companion cannot be reached. */
export const CACHE_MAX_STALE_SECONDS = { min: 10, max: 7 * 24 * 3600, default: 24 * 3600 } as const;

export const MAX_PHARMACISTS = 50;
/** Character limits of the names a registration carries (as lib/registration/input.ts). */
export const PHARMACY_NAME_MAX = 200;
export const PERSON_NAME_MAX = 100;
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

/**
 * One line of text for a KMEHR message: NFC, trimmed, no control characters
 * or line breaks, at most `max` characters. `prefix:required` when empty and
 * not `optional` ('' is then kept).
 */
function nameText(prefix: string, max: number, optional: boolean) {
  return z.string().transform((value, ctx) => {
    const text = normaliseText(value, false);
    if (text === '') {
      if (optional) return '';
      ctx.addIssue({ code: 'custom', message: `${prefix}:required` });
      return z.NEVER;
    }
    const problem = textProblem(text, { maxChars: max, multiLine: false });
    if (!problem) return text;
    ctx.addIssue({ code: 'custom', message: `${prefix}:${problem}` });
    return z.NEVER;
  });
}

/** A pharmacist's RIZIV number (11 digits, profession digit 2): who may be named as vaccinator. */
export const VaccinatorRizivSetting = z.string().transform((value, ctx) => {
  const r = parseRiziv(value);
  if (r.ok && r.value.kind === 'provider' && r.value.profession === 'pharmacist') return r.value.number;
  const reason = !r.ok ? r.reason : r.value.kind === 'pharmacy' ? 'not-a-provider' : 'not-a-pharmacist';
  ctx.addIssue({ code: 'custom', message: `riziv:${reason}` });
  return z.NEVER;
});

/**
 * A pharmacist who vaccinates here, as a registration names them (the KMEHR
 * author): RIZIV number and name. Registration only; own-line detection uses
 * these numbers too (pharmacyIdentity).
 */
export const VaccinatorSetting = z
  .object({
    riziv: VaccinatorRizivSetting,
    firstName: nameText('name', PERSON_NAME_MAX, false),
    familyName: nameText('name', PERSON_NAME_MAX, false),
  })
  .strict();
export type VaccinatorSetting = z.infer<typeof VaccinatorSetting>;

const VaccinatorsSetting = z
  .array(VaccinatorSetting)
  .max(MAX_PHARMACISTS)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((v, i) => {
      if (seen.has(v.riziv)) ctx.addIssue({ code: 'custom', path: [i, 'riziv'], message: 'vaccinator:duplicate' });
      seen.add(v.riziv);
    });
  });

/** '' (the first vaccinator is the default) or the RIZIV number of one of `vaccinators`. */
const DefaultVaccinatorSetting = z.string().transform((value, ctx) => {
  if (value.trim() === '') return '';
  const r = parseRiziv(value);
  if (r.ok && r.value.kind === 'provider') return r.value.number;
  ctx.addIssue({ code: 'custom', message: `riziv:${r.ok ? 'not-a-provider' : r.reason}` });
  return z.NEVER;
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
  /** The pharmacy's name, as a registration names the organisation ('' = not configured). */
  pharmacyName: nameText('pharmacy-name', PHARMACY_NAME_MAX, true),
  /** The pharmacists who vaccinate here, with their names (registration). */
  vaccinators: VaccinatorsSetting,
  /** Who the registration form proposes as vaccinator ('' = the first of `vaccinators`). */
  defaultVaccinator: DefaultVaccinatorSetting,
};

const staleNotShorterThanTtl = (s: { cacheTtlSeconds: number; cacheMaxStaleSeconds: number }) =>
  s.cacheMaxStaleSeconds >= s.cacheTtlSeconds;
const STALE_ISSUE = { message: 'cache:max-stale-shorter-than-ttl', path: ['cacheMaxStaleSeconds'] };
const defaultIsListed = (s: { defaultVaccinator: string; vaccinators: readonly { riziv: string }[] }) =>
  s.defaultVaccinator === '' || s.vaccinators.some((v) => v.riziv === s.defaultVaccinator);
const DEFAULT_VACCINATOR_ISSUE = { message: 'vaccinator:default-not-listed', path: ['defaultVaccinator'] };

/** Complete, valid settings. Every message and store boundary parses with this. */
export const Settings = z
  .object(SettingsFields)
  .strict()
  .refine(staleNotShorterThanTtl, STALE_ISSUE)
  .refine(defaultIsListed, DEFAULT_VACCINATOR_ISSUE);
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
  pharmacyName: '',
  vaccinators: [],
  defaultVaccinator: '',
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
  if (!defaultIsListed(merged)) merged.defaultVaccinator = '';
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

/**
 * What the merge needs to recognise this pharmacy's own lines: the
 * pharmacists' RIZIV numbers, and those of the vaccinators named for
 * registration (a registration made here is this pharmacy's own line).
 */
export function pharmacyIdentity(settings: Settings): { pharmacyNumber?: string; pharmacistRizivs: string[] } {
  return {
    ...(settings.pharmacyNumber ? { pharmacyNumber: settings.pharmacyNumber } : {}),
    pharmacistRizivs: unique([...settings.pharmacistRizivs, ...settings.vaccinators.map((v) => v.riziv)]),
  };
}

/** The vaccinator the registration form proposes: the configured default, else the first one. */
export function defaultVaccinatorOf(settings: Settings): VaccinatorSetting | undefined {
  return settings.vaccinators.find((v) => v.riziv === settings.defaultVaccinator) ?? settings.vaccinators[0];
}
