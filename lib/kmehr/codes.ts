/**
 * KMEHR code systems and values this parser reads. One place, so a renamed
 * table or a new value is a one-line change.
 */

export const CD = {
  transaction: 'CD-TRANSACTION',
  item: 'CD-ITEM',
  hcparty: 'CD-HCPARTY',
  lifecycle: 'CD-LIFECYCLE',
  vaccineIndication: 'CD-VACCINEINDICATION',
  /** The older vaccine table (kept in KMEHR 1.x): read as indications too. */
  vaccine: 'CD-VACCINE',
  atc: 'CD-ATC',
  drugCnk: 'CD-DRUG-CNK',
  error: 'CD-ERROR',
  local: 'LOCAL',
} as const;

export const ID = {
  kmehr: 'ID-KMEHR',
  hcparty: 'ID-HCPARTY',
  patient: 'ID-PATIENT',
  inss: 'INSS',
} as const;

/** `cd S="LOCAL" SL="VACCINNETCODE"`: the Vaccinnet product or antigen code. */
export const VACCINNET_CODE_SL = 'VACCINNETCODE';

export const TRANSACTION_VACCINATION = 'vaccination';
export const ITEM_VACCINE = 'vaccine';

/** CD-HCPARTY values that mark a relaying hub (not the vaccinator). */
export const HUB_PARTY_TYPES: ReadonlySet<string> = new Set(['hub']);

/** The hubs' own ID-HCPARTY numbers (domain.md), recognised as relays in an author. */
export const HUB_PARTY_IDS: Readonly<Record<string, string>> = {
  rsw: '1990000035',
  rsb: '1990000728',
  vitalink: '1990001916',
};

/** True when a CD-HCPARTY value names a person (persphysician, perspharmacist, ...). */
export function isPersonPartyType(type: string | undefined): boolean {
  return type !== undefined && type.toLowerCase().startsWith('pers');
}

/** True when a CD-HCPARTY value names an organisation (orgpharmacy, orgpublichealth, ...). */
export function isOrganisationPartyType(type: string | undefined): boolean {
  return type !== undefined && type.toLowerCase().startsWith('org');
}
