/**
 * The vaccine catalog: CNK and Vaccinnet code → vaccine name, disease, season,
 * ATC. The data lives in `catalog.json` (see README.md beside this file for
 * where it comes from and how to add a season); a different catalog can be
 * passed to every function here, so replacing the data needs no code change.
 */
import { z } from 'zod';
import { parseCnk } from '../identifiers/cnk.ts';
import { Disease } from '../vaccination.ts';
import catalogJson from './catalog.json';

/** `2020-2021`: two consecutive years. */
export const SeasonLabel = z
  .string()
  .regex(/^\d{4}-\d{4}$/, 'a season is written YYYY-YYYY')
  .refine((s) => Number(s.slice(5)) === Number(s.slice(0, 4)) + 1, 'a season spans two consecutive years');

export const CatalogEntry = z
  .object({
    /** Seven digits, or null for a Vaccinnet code with no product number. */
    cnk: z.string().regex(/^\d{7}$/, 'a CNK is 7 digits').nullable(),
    name: z.string().trim().min(1),
    disease: Disease,
    /** Flu season the product is made for, e.g. `2020-2021`; null when not seasonal or unknown. */
    season: SeasonLabel.nullable(),
    atc: z
      .string()
      .regex(/^[A-Z]\d{2}([A-Z]([A-Z](\d{2})?)?)?$/, 'not an ATC code')
      .nullable(),
    /** Vaccinnet code: a product (`FLU/GL014`) or an antigen group (`FLU`). */
    vaccinnetCode: z.string().trim().min(1).nullable(),
    manufacturer: z.string().trim().min(1).nullable(),
    /** Key into the catalog's `sources`. */
    source: z.string().min(1),
  })
  .strict()
  .refine((e) => e.cnk !== null || e.vaccinnetCode !== null, 'an entry needs a CNK or a Vaccinnet code')
  .refine((e) => e.season === null || e.disease === 'flu', 'only flu vaccines have a season');
export type CatalogEntry = z.infer<typeof CatalogEntry>;

export const CatalogFile = z
  .object({
    version: z.literal(1),
    description: z.string().optional(),
    /** Source key → where the data came from. */
    sources: z.record(z.string(), z.string()),
    entries: z.array(CatalogEntry),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.entries.forEach((e, i) => {
      if (!Object.prototype.hasOwnProperty.call(file.sources, e.source)) {
        ctx.addIssue({ code: 'custom', path: ['entries', i, 'source'], message: `unknown source "${e.source}"` });
      }
      if (e.cnk === null) return;
      if (seen.has(e.cnk)) {
        ctx.addIssue({ code: 'custom', path: ['entries', i, 'cnk'], message: `CNK ${e.cnk} appears twice` });
      }
      seen.add(e.cnk);
    });
  });
export type CatalogFile = z.infer<typeof CatalogFile>;

export interface Catalog {
  readonly entries: readonly CatalogEntry[];
  readonly sources: Readonly<Record<string, string>>;
  readonly byCnk: ReadonlyMap<string, CatalogEntry>;
  /** Upper-cased Vaccinnet code → first entry with that code. */
  readonly byVaccinnetCode: ReadonlyMap<string, CatalogEntry>;
}

export type CatalogResult = { ok: true; catalog: Catalog } | { ok: false; reason: string };

/** Validates catalog data (parsed JSON) and indexes it. */
export function loadCatalog(json: unknown): CatalogResult {
  const parsed = CatalogFile.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
    return { ok: false, reason: `invalid vaccine catalog${where}: ${first?.message ?? 'unknown problem'}` };
  }
  const byCnk = new Map<string, CatalogEntry>();
  const byVaccinnetCode = new Map<string, CatalogEntry>();
  for (const entry of parsed.data.entries) {
    if (entry.cnk !== null) byCnk.set(entry.cnk, entry);
    if (entry.vaccinnetCode !== null) {
      const key = entry.vaccinnetCode.toUpperCase();
      if (!byVaccinnetCode.has(key)) byVaccinnetCode.set(key, entry);
    }
  }
  return {
    ok: true,
    catalog: Object.freeze({
      entries: Object.freeze(parsed.data.entries),
      sources: Object.freeze(parsed.data.sources),
      byCnk,
      byVaccinnetCode,
    }),
  };
}

function loadDefault(): Catalog {
  const result = loadCatalog(catalogJson);
  // The bundled file is checked by the test suite; failing loudly here beats
  // classifying every vaccination with a silently empty catalog.
  if (!result.ok) throw new Error(`lib/vaccines/catalog.json: ${result.reason}`);
  return result.catalog;
}

/** The catalog bundled in `catalog.json`. */
export const defaultCatalog: Catalog = loadDefault();

/** The entry for a CNK (any format `parseCnk` accepts), if the catalog knows it. */
export function findByCnk(cnk: string, catalog: Catalog = defaultCatalog): CatalogEntry | undefined {
  const parsed = parseCnk(cnk);
  return parsed.ok ? catalog.byCnk.get(parsed.value.cnk) : undefined;
}

/**
 * The entry for a Vaccinnet code: the exact code (`FLU/GL014`), else its
 * antigen group (`FLU`, the part before `/`). Case-insensitive.
 */
export function findByVaccinnetCode(code: string, catalog: Catalog = defaultCatalog): CatalogEntry | undefined {
  const key = code.trim().toUpperCase();
  if (key.length === 0) return undefined;
  const exact = catalog.byVaccinnetCode.get(key);
  if (exact) return exact;
  const slash = key.indexOf('/');
  return slash > 0 ? catalog.byVaccinnetCode.get(key.slice(0, slash)) : undefined;
}

/** Flu vaccines the catalog lists for a season (`2025-2026`). Empty when the season is not in the data. */
export function vaccinesForSeason(season: string, catalog: Catalog = defaultCatalog): CatalogEntry[] {
  return catalog.entries.filter((e) => e.disease === 'flu' && e.season === season);
}
