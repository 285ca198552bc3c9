/**
 * The vaccination data model shared by the parser, the merge, the cache, the
 * UI and the companion. Types come from these zod schemas (z.infer).
 */
import { z } from 'zod';

/** A calendar date, `YYYY-MM-DD`, that exists. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const dt = new Date(Date.UTC(y, m - 1, d));
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
  }, 'not a real calendar date');
export type IsoDate = z.infer<typeof IsoDate>;

export const Disease = z.enum(['flu', 'covid', 'other']);
export type Disease = z.infer<typeof Disease>;

/** The regional hubs that serve Vaccicard. */
export const HubId = z.enum(['rsw', 'rsb']);
export type HubId = z.infer<typeof HubId>;
export const HUB_IDS: readonly HubId[] = HubId.options;

export const KmehrId = z.object({
  s: z.string(),
  sl: z.string().optional(),
  value: z.string(),
});
export type KmehrId = z.infer<typeof KmehrId>;

export const CareProvider = z.object({
  /** RIZIV/INAMI number as given (11 digits for a person). */
  riziv: z.string().optional(),
  rizivValid: z.boolean().optional(),
  /** CD-HCPARTY value: persphysician, persnurse, perspharmacist, ... */
  role: z.string().optional(),
  name: z.string().optional(),
});
export type CareProvider = z.infer<typeof CareProvider>;

export const Organisation = z.object({
  id: z.string().optional(),
  /** CD-HCPARTY value: orgpharmacy, orgpublichealth, hub, ... */
  type: z.string().optional(),
  name: z.string().optional(),
});
export type Organisation = z.infer<typeof Organisation>;

/** One administered (or cancelled) vaccination as parsed from a KMEHR item. */
export const VaccinationRecord = z.object({
  /** Stable across hubs and fetches: derived from the transaction ids and item index, or content when none. */
  id: z.string().min(1),
  transactionIds: z.array(KmehrId),
  patientInsz: z.string().optional(),
  /** Administration date: item beginmoment, else the transaction date. */
  date: IsoDate,
  dateFrom: z.enum(['item', 'transaction']),
  /** The transaction (reporting) date. */
  reportedOn: IsoDate.optional(),
  disease: Disease,
  /** How `disease` was decided. */
  classifiedBy: z.enum(['indication', 'atc', 'vaccinnet-code', 'catalog', 'name', 'none']),
  /** Seven digits (left-padded). */
  cnk: z.string().regex(/^\d{7}$/).optional(),
  /** False when the CNK fails its Luhn check: a warning, never a reason to drop the line. */
  cnkValid: z.boolean().optional(),
  name: z.string().optional(),
  atc: z.array(z.string()),
  indications: z.array(z.string()),
  vaccinnetCode: z.string().optional(),
  lot: z.string().optional(),
  quantity: z.number().optional(),
  /** CD-LIFECYCLE: administrated, cancelled, ... (absent = administrated). */
  lifecycle: z.string().optional(),
  vaccinator: CareProvider.optional(),
  organisation: Organisation.optional(),
});
export type VaccinationRecord = z.infer<typeof VaccinationRecord>;

/** Where a history line comes from (shown at the end of the line). */
export const LineSource = z.enum(['FarmaFlux', 'PopVax FarmaFlux', 'Vaccicard']);
export type LineSource = z.infer<typeof LineSource>;

/** Life of a registration made through this product (issue: registration). */
export const RegistrationState = z.enum(['pending', 'sent', 'confirmed', 'rejected', 'withdrawn']);
export type RegistrationState = z.infer<typeof RegistrationState>;

/**
 * A vaccination this pharmacy knows about itself: read from the host page, or
 * registered through this product.
 */
export const OwnVaccination = z.object({
  id: z.string().min(1),
  source: z.enum(['FarmaFlux', 'PopVax FarmaFlux']),
  date: IsoDate,
  cnk: z.string().regex(/^\d{7}$/).optional(),
  name: z.string().optional(),
  disease: Disease.optional(),
  /** RIZIV of the vaccinator. */
  riziv: z.string().optional(),
  lot: z.string().optional(),
  registration: z
    .object({ id: z.string(), state: RegistrationState, reason: z.string().optional() })
    .optional(),
});
export type OwnVaccination = z.infer<typeof OwnVaccination>;

export const LineWarning = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cnk-check-failed'), cnk: z.string() }),
  z.object({ kind: z.literal('flu-already-this-season') }),
  z.object({ kind: z.literal('riziv-check-failed'), riziv: z.string() }),
]);
export type LineWarning = z.infer<typeof LineWarning>;

/** One line of the merged history panel. */
export const VaccinationLine = z.object({
  key: z.string(),
  date: IsoDate,
  disease: Disease,
  cnk: z.string().optional(),
  name: z.string().optional(),
  riziv: z.string().optional(),
  vaccinatorRole: z.string().optional(),
  lot: z.string().optional(),
  source: LineSource,
  /** This pharmacy's own registration (green line). */
  own: z.boolean(),
  /** An own line echoed back by Vaccicard. */
  confirmed: z.boolean(),
  /** Which hubs returned it (Vaccicard lines). */
  hubs: z.array(HubId),
  registration: z
    .object({ id: z.string(), state: RegistrationState, reason: z.string().optional() })
    .optional(),
  warnings: z.array(LineWarning),
});
export type VaccinationLine = z.infer<typeof VaccinationLine>;

export const MergedHistory = z.object({
  /** Flu season shown, e.g. `2026-2027`. */
  season: z.string(),
  flu: z.array(VaccinationLine),
  covid: z.array(VaccinationLine),
  /** Earlier seasons and other vaccines (collapsed in the UI). */
  other: z.array(VaccinationLine),
  summary: z.object({
    /** The patient already has a flu vaccination in the current season. */
    fluThisSeason: z.boolean(),
    lastCovidDate: IsoDate.optional(),
    daysSinceLastCovid: z.number().int().optional(),
  }),
});
export type MergedHistory = z.infer<typeof MergedHistory>;
