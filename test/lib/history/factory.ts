/**
 * Small builders for merge tests. Every object goes through its zod schema, so a
 * test can never feed the merge something the parser could not produce.
 */
import {
  OwnVaccination,
  VaccinationRecord,
  type HubId,
} from '../../../lib/vaccination.ts';
import type { MergeInput, PharmacyIdentity } from '../../../lib/history/merge.ts';

export const TODAY = '2026-10-15';

/** Valid RIZIV numbers (mod 97). */
export const RIZIV = {
  /** This pharmacy's pharmacist (domain.md example). */
  pharmacist: '20807092001',
  /** The same pharmacist with another qualification. */
  pharmacistOtherQualification: '20807092002',
  /** A colleague in this pharmacy: 208071 → 91. */
  colleague: '20807191001',
  /** A general practitioner elsewhere (domain.md example). */
  gp: '14700250004',
  /** Another physician: 147003 → 49. */
  otherGp: '14700349004',
  /** A nurse: 400001 → 27. */
  nurse: '40000127001',
  /** Fails its check (domain.md). */
  invalid: '12345678901',
} as const;

export const PHARMACY_NUMBER = '80000551';
export const OTHER_PHARMACY_NUMBER = '20000072';

/** Luhn-valid CNKs from the public code sheet, and one that fails. */
export const CNK = {
  alpharix2020: '4176053',
  influvac2020: '4172672',
  vaxigrip2020: '4185492',
  comirnaty: '4293254',
  moderna: '4301081',
  tedivax: '1077593',
  badCheck: '4176054',
} as const;

export const IDENTITY: PharmacyIdentity = {
  pharmacyNumber: PHARMACY_NUMBER,
  pharmacistRizivs: [RIZIV.pharmacist, RIZIV.colleague],
};

type RecordOverrides = Partial<VaccinationRecord>;

/** A given flu vaccination by a GP on TODAY, unless overridden. */
export function record(overrides: RecordOverrides = {}): VaccinationRecord {
  return VaccinationRecord.parse({
    id: 'rec-1',
    transactionIds: [],
    date: TODAY,
    dateFrom: 'item',
    disease: 'flu',
    classifiedBy: 'catalog',
    atc: [],
    indications: [],
    ...overrides,
  });
}

export function fromHub(hub: HubId, r: VaccinationRecord): { hub: HubId; record: VaccinationRecord } {
  return { hub, record: r };
}

export const rsw = (overrides: RecordOverrides = {}) => fromHub('rsw', record(overrides));
export const rsb = (overrides: RecordOverrides = {}) => fromHub('rsb', record(overrides));

/** A given flu vaccination recorded by this pharmacy on TODAY, unless overridden. */
export function own(overrides: Partial<OwnVaccination> = {}): OwnVaccination {
  return OwnVaccination.parse({
    id: 'own-1',
    source: 'FarmaFlux',
    date: TODAY,
    disease: 'flu',
    ...overrides,
  });
}

export function input(overrides: Partial<MergeInput> = {}): MergeInput {
  return { vaccicard: [], own: [], identity: IDENTITY, today: TODAY, ...overrides };
}

/** A vaccinator block. */
export function by(riziv: string, role = 'persphysician') {
  return { vaccinator: { riziv, role } };
}
