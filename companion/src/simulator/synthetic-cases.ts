/**
 * The cases of the simulator's built-in synthetic patients and what the
 * extension must show for each (SYNTHETIC_PATIENTS). Pure data and date
 * arithmetic, no Node APIs: the extension's demo page and the e2e tests
 * import it. The KMEHR files are made from these cases in synthetic.ts.
 *
 * Dates are RELATIVE TO TODAY (so "this season" stays true every year; this
 * assumes today is on or after the covid cut-off 2026-01-05). Every INSZ and
 * RIZIV passes its checksum; CNKs and names come from the public Vaccinnet
 * code list (fixtures/public-kmehr/codes), one deliberately with a wrong
 * check digit.
 */
import type { HubErrorCode } from '../../../lib/companion/contract.ts';
import type { HubId, IsoDate, LineWarning } from '../../../lib/vaccination.ts';
import { COVID_VACCICARD_CUTOFF, fluSeasonOf } from '../../../lib/vaccines/season.ts';
import { outcomeHasCode } from './ack-codes.ts';
import type { PatientBehaviour } from './patient-behaviour.ts';
import type { PatientSpec, VaccinatorSpec, VaccineProduct } from './kmehr-vaccination.ts';

/** The pharmacy the simulator's token speaks for (ehealth-auth.md §2.1 attributes). */
export const SIMULATED_PHARMACY = {
  pharmacyNumber: '80000551',
  pharmacyName: 'Pharmacie du Parc (simulated)',
  pharmacistSsin: '80010112379',
  pharmacistRiziv: '20807092001',
  pharmacistFirstName: 'Camille',
  pharmacistFamilyName: 'Lejeune',
} as const;

// ---------------------------------------------------------------- identifiers

/** An INSZ for a birth in the 1900s with a valid check (97 - base mod 97). */
export function makeInsz(yy: number, mm: number, dd: number, sequence: number): string {
  const base = `${String(yy).padStart(2, '0')}${String(mm).padStart(2, '0')}${String(dd).padStart(2, '0')}${String(sequence).padStart(3, '0')}`;
  return base + String(97 - (Number(base) % 97)).padStart(2, '0');
}

/** A RIZIV number: profession digit + 5 digits, check 97 - (first6 mod 97), qualification. */
export function makeRiziv(first6: string, qualification: string): string {
  return first6 + String(97 - (Number(first6) % 97)).padStart(2, '0') + qualification;
}

/** An 8-digit pharmacy number with the same check. */
export function makePharmacyNumber(first6: string): string {
  return first6 + String(97 - (Number(first6) % 97)).padStart(2, '0');
}

// ---------------------------------------------------------------- vaccines (public Vaccinnet code list)

const FLU = { atc: 'J07BB02', indications: ['seasonalinfluenza'] } as const;
const COVID = { atc: 'J07BX03', indications: ['covid19'] } as const;

export const VACCINES = {
  alpharix: { ...FLU, cnk: '4176053', name: 'ALPHARIX TETRA 0,5ML SPUITAMP 2020', vaccinnetCode: 'FLU/GL014' },
  influvac: { ...FLU, cnk: '4172672', name: 'INFLUVAC TETRA 0,5ML SPUITAMP 2020', vaccinnetCode: 'FLU/MY005' },
  vaxigrip: { ...FLU, cnk: '4185492', name: 'VAXIGRIP TETRA 0,5ML SPUITAMP 2020', vaccinnetCode: 'FLU/SB004' },
  /** Vaxigrip with its last digit changed: fails the CNK check (a warning, never a reason to drop the line). */
  vaxigripBadCnk: { ...FLU, cnk: '4185493', name: 'VAXIGRIP TETRA 0,5ML SPUITAMP 2020', vaccinnetCode: 'FLU/SB004' },
  comirnaty: { ...COVID, cnk: '4293254', name: 'Comirnaty (1 dosis)', vaccinnetCode: 'Covid-19/PFBNT001' },
  moderna: { ...COVID, cnk: '4301081', name: 'COVID-19 VACCINE MODERNA', vaccinnetCode: 'COVID-19/MDRNA001' },
  boostrix: { cnk: '1734094', name: 'BOOSTRIX SER PREREMPL 1 X 0,5 ML', atc: 'J07AJ52', indications: ['diphteria', 'tetanus', 'pertussis'], vaccinnetCode: 'DTPA/GL001' },
  tedivax: { cnk: '1077593', name: 'TEDIVAX PRO ADULTO SER INJ 0,5ML', atc: 'J07AM51', indications: ['diphteria', 'tetanus'], vaccinnetCode: 'DT/GL002' },
  twinrix: { cnk: '1272665', name: 'TWINRIX AD VACCIN SER INJ IM 1 ML', atc: 'J07BC20', indications: ['hepatitisa', 'hepatitisb'], vaccinnetCode: 'HAV-HBV/GL002' },
  pneumovax: { cnk: '3395761', name: 'PNEUMOVAX 23 voorgevulde spuit', atc: 'J07AL01', indications: ['pneumonia23'], vaccinnetCode: 'PN23/AV003' },
} as const satisfies Record<string, VaccineProduct & { indications: readonly string[] }>;

export type VaccineKey = keyof typeof VACCINES;
type Disease = 'flu' | 'covid' | 'other';
export const diseaseOf = (key: VaccineKey): Disease =>
  (VACCINES[key].indications as readonly string[]).includes('seasonalinfluenza') ? 'flu' : (VACCINES[key].indications as readonly string[]).includes('covid19') ? 'covid' : 'other';

// ---------------------------------------------------------------- vaccinators

const OTHER_PHARMACY_NUMBER = makePharmacyNumber('800123');

export const VACCINATORS = {
  gp: { riziv: makeRiziv('112345', '004'), role: 'persphysician', firstname: 'Anne', familyname: 'Dupont' },
  gp2: { riziv: makeRiziv('154321', '004'), role: 'persphysician', firstname: 'Marc', familyname: 'Janssens' },
  nurse: { riziv: makeRiziv('412345', '401'), role: 'persnurse', firstname: 'Luc', familyname: 'Martin' },
  // Not the demo identity's second pharmacist (21234585001): that one belongs to the demo pharmacy.
  otherPharmacist: {
    riziv: makeRiziv('223456', '001'),
    role: 'perspharmacist',
    firstname: 'Sofie',
    familyname: 'Peeters',
    organisation: { number: OTHER_PHARMACY_NUMBER, type: 'orgpharmacy', name: 'Apotheek Centrum (simulated)' },
  },
  ownPharmacist: {
    riziv: SIMULATED_PHARMACY.pharmacistRiziv,
    role: 'perspharmacist',
    firstname: SIMULATED_PHARMACY.pharmacistFirstName,
    familyname: SIMULATED_PHARMACY.pharmacistFamilyName,
    organisation: { number: SIMULATED_PHARMACY.pharmacyNumber, type: 'orgpharmacy', name: SIMULATED_PHARMACY.pharmacyName },
  },
} as const satisfies Record<string, VaccinatorSpec>;
export type VaccinatorKey = keyof typeof VACCINATORS;

// ---------------------------------------------------------------- dates relative to today

const DAY_MS = 86_400_000;
function isoOf(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}
function utcDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}
export function addDays(iso: string, days: number): IsoDate {
  return isoOf(new Date(utcDate(iso).getTime() + days * DAY_MS));
}
function maxIso(a: string, b: string): IsoDate {
  return a > b ? a : b;
}
function localToday(now: Date): IsoDate {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** The reference dates every synthetic patient is built from. */
export interface SyntheticDates {
  today: IsoDate;
  /** Halfway between the start of the current flu season and today. */
  thisSeason: IsoDate;
  /** Mid-October of the previous flu season. */
  previousSeason: IsoDate;
  /** A covid date on or after the cut-off, before today. */
  recentCovid: IsoDate;
}

export function syntheticDates(now: Date = new Date()): SyntheticDates {
  const today = localToday(now);
  const season = fluSeasonOf(today);
  const sinceStart = Math.round((utcDate(today).getTime() - utcDate(season.start).getTime()) / DAY_MS);
  const previousStart = fluSeasonOf(addDays(season.start, -1)).start;
  return {
    today,
    thisSeason: addDays(season.start, Math.floor(sinceStart / 2)),
    previousSeason: addDays(previousStart, 45),
    recentCovid: maxIso(COVID_VACCICARD_CUTOFF, addDays(today, -40)),
  };
}

/** The start of the flu season `back` seasons before the current one. */
function seasonStartBack(today: IsoDate, back: number): IsoDate {
  let start = fluSeasonOf(today).start;
  for (let i = 0; i < back; i++) start = fluSeasonOf(addDays(start, -1)).start;
  return start;
}

// ---------------------------------------------------------------- the patients

export interface VaccinationEntry {
  date: IsoDate;
  vaccine: VaccineKey;
  vaccinator: VaccinatorKey;
  lot?: string;
}

/** What the merged history shows for a patient when no own (host-page) lines are given. */
export interface ExpectedMerge {
  flu: number;
  covid: number;
  other: number;
  fluThisSeason: boolean;
  /** Vaccicard lines recognised as this pharmacy's own (green, confirmed). */
  ownConfirmed: number;
  /** Lines returned by both RSW and RSB. */
  fromBothHubs: number;
  /** Warning kinds present on some line. */
  warnings: LineWarning['kind'][];
}

export type ExpectedHubStatus = 'ok' | HubErrorCode;

export interface SyntheticPatientInfo {
  insz: string;
  /** Stable name of the case, e.g. `flu-gp-this-season`. */
  key: string;
  /** Short English description for the demo page and test names. */
  label: string;
  hub: 'rsw' | 'rsb' | 'both';
  behaviour: PatientBehaviour;
  perHub?: Partial<Record<HubId, { behaviour?: PatientBehaviour; latencyMs?: number }>>;
  /** Number of KMEHR transactions in the patient's folder. */
  transactionCount: number;
  /** What the companion answers per hub (statuses of the consult response). */
  expectedHubs: Record<HubId, ExpectedHubStatus>;
  /** What the merge shows with this pharmacy's identity and no own lines. */
  expectedMerge: ExpectedMerge;
  /** For the echo case: the own registration the host page would show. */
  ownRegistration?: { date: IsoDate; cnk: string; name: string; riziv: string };
}

export interface PatientCase {
  key: string;
  label: string;
  birth: [number, number, number, number];
  person: Omit<PatientSpec, 'insz'>;
  config: { hub: 'rsw' | 'rsb' | 'both'; behaviour: PatientBehaviour; perHub?: Partial<Record<HubId, { behaviour?: PatientBehaviour; latencyMs?: number }>> };
  vaccinations: (dates: SyntheticDates) => VaccinationEntry[];
  expectedHubs: Record<HubId, ExpectedHubStatus>;
  /** Filled by counting, except what only the case knows. */
  expect?: Partial<Pick<ExpectedMerge, 'ownConfirmed' | 'fromBothHubs' | 'warnings'>>;
  ownRegistration?: boolean;
}

const okBoth = { rsw: 'ok', rsb: 'ok' } as const;

function manyVaccinations(dates: SyntheticDates, count: number): VaccinationEntry[] {
  const entries: VaccinationEntry[] = [];
  const flu: VaccineKey[] = ['alpharix', 'influvac', 'vaxigrip'];
  const others: VaccineKey[] = ['boostrix', 'tedivax', 'twinrix', 'pneumovax'];
  const vaccinators: VaccinatorKey[] = ['gp', 'gp2', 'nurse', 'otherPharmacist'];
  // Flu: this season once, then one per earlier season (mid-October).
  const fluCount = Math.min(count, Math.max(1, Math.round(count * 0.4)));
  entries.push({ date: dates.thisSeason, vaccine: 'vaxigrip', vaccinator: 'gp' });
  for (let back = 1; entries.length < fluCount; back++) {
    entries.push({ date: addDays(seasonStartBack(dates.today, back), 44 + (back % 9)), vaccine: flu[back % 3]!, vaccinator: vaccinators[back % 4]! });
  }
  // Covid: two doses on or after the cut-off, earlier ones in 2021-2024.
  const covidCount = Math.min(count - entries.length, Math.max(2, Math.round(count * 0.3)));
  const d1 = maxIso(COVID_VACCICARD_CUTOFF, addDays(dates.today, -200));
  const d2 = maxIso(addDays(d1, 1), addDays(dates.today, -20));
  entries.push({ date: d1, vaccine: 'comirnaty', vaccinator: 'nurse', lot: 'FN5923' });
  if (covidCount > 1) entries.push({ date: d2, vaccine: 'moderna', vaccinator: 'otherPharmacist', lot: 'MD3011' });
  for (let i = 2; i < covidCount; i++) {
    entries.push({ date: addDays('2021-03-01', i * 97), vaccine: i % 2 ? 'moderna' : 'comirnaty', vaccinator: vaccinators[i % 4]!, lot: `FL${4000 + i}` });
  }
  // Other vaccines fill the rest, every few years back.
  for (let i = 0; entries.length < count; i++) {
    entries.push({ date: addDays('1999-06-15', i * 223), vaccine: others[i % others.length]!, vaccinator: vaccinators[(i + 1) % 4]! });
  }
  return entries;
}

export const CASES: readonly PatientCase[] = [
  {
    key: 'flu-gp-this-season',
    label: 'Flu vaccine this season, given by a GP (RSW)',
    birth: [52, 3, 14, 1],
    person: { firstname: 'Jeanne', familyname: 'Lambert', sex: 'female' },
    config: { hub: 'rsw', behaviour: 'ok' },
    vaccinations: (d) => [{ date: d.thisSeason, vaccine: 'alpharix', vaccinator: 'gp', lot: 'AFLUA734BB' }],
    expectedHubs: okBoth,
  },
  {
    key: 'covid-nurse',
    label: 'Covid vaccine after 2026-01-05, given by a nurse (RSW)',
    birth: [47, 11, 2, 3],
    person: { firstname: 'Paul', familyname: 'Renard', sex: 'male' },
    config: { hub: 'rsw', behaviour: 'ok' },
    vaccinations: (d) => [{ date: d.recentCovid, vaccine: 'comirnaty', vaccinator: 'nurse', lot: 'GH2781' }],
    expectedHubs: okBoth,
  },
  {
    key: 'own-registration-echo',
    label: "This pharmacy's own flu registration, echoed back by Vaccicard (RSW)",
    birth: [58, 6, 21, 5],
    person: { firstname: 'Monique', familyname: 'Dubois', sex: 'female' },
    config: { hub: 'rsw', behaviour: 'ok' },
    vaccinations: (d) => [{ date: d.thisSeason, vaccine: 'influvac', vaccinator: 'ownPharmacist', lot: 'INF2025K1' }],
    expectedHubs: okBoth,
    expect: { ownConfirmed: 1 },
    ownRegistration: true,
  },
  {
    key: 'flu-previous-season',
    label: 'Flu vaccine of the previous season only (RSB)',
    birth: [61, 1, 9, 7],
    person: { firstname: 'Henri', familyname: 'Leclercq', sex: 'male' },
    config: { hub: 'rsb', behaviour: 'ok' },
    vaccinations: (d) => [{ date: d.previousSeason, vaccine: 'vaxigrip', vaccinator: 'gp2', lot: 'VXG0931' }],
    expectedHubs: okBoth,
  },
  {
    key: 'non-flu-vaccine',
    label: 'A tetanus-diphtheria-pertussis booster, no flu or covid (RSW)',
    birth: [70, 8, 30, 9],
    person: { firstname: 'Sarah', familyname: 'Claes', sex: 'female' },
    config: { hub: 'rsw', behaviour: 'ok' },
    vaccinations: (d) => [{ date: addDays(d.today, -200), vaccine: 'boostrix', vaccinator: 'gp', lot: 'AC37B412' }],
    expectedHubs: okBoth,
  },
  {
    key: 'cnk-check-failed',
    label: 'Flu vaccine this season whose CNK fails its check digit (RSB)',
    birth: [49, 12, 24, 11],
    person: { firstname: 'Georges', familyname: 'Simon', sex: 'male' },
    config: { hub: 'rsb', behaviour: 'ok' },
    vaccinations: (d) => [{ date: d.thisSeason, vaccine: 'vaxigripBadCnk', vaccinator: 'gp2', lot: 'VXG1187' }],
    expectedHubs: okBoth,
    expect: { warnings: ['cnk-check-failed'] },
  },
  {
    key: 'same-vaccination-both-hubs',
    label: 'The same flu vaccination returned by both RSW and RSB',
    birth: [55, 4, 17, 13],
    person: { firstname: 'Nadia', familyname: 'Benali', sex: 'female' },
    config: { hub: 'both', behaviour: 'ok' },
    vaccinations: (d) => [{ date: d.thisSeason, vaccine: 'alpharix', vaccinator: 'otherPharmacist', lot: 'AFLUA812CC' }],
    expectedHubs: okBoth,
    expect: { fromBothHubs: 1 },
  },
  {
    key: 'many-vaccinations',
    label: 'Twenty vaccinations over many years (RSW)',
    birth: [44, 2, 28, 15],
    person: { firstname: 'Albert', familyname: 'Wouters', sex: 'male' },
    config: { hub: 'rsw', behaviour: 'ok' },
    vaccinations: (d) => manyVaccinations(d, 20),
    expectedHubs: okBoth,
  },
  {
    key: 'fifty-vaccinations',
    label: 'Fifty vaccinations (RSB, the list comes in pages)',
    birth: [39, 9, 5, 17],
    person: { firstname: 'Yvonne', familyname: 'Maes', sex: 'female' },
    config: { hub: 'rsb', behaviour: 'ok' },
    vaccinations: (d) => manyVaccinations(d, 50),
    expectedHubs: okBoth,
  },
  {
    key: 'rsb-only',
    label: 'Records only at RSB (flu this season and covid); RSW has none',
    birth: [66, 5, 3, 19],
    person: { firstname: 'Karim', familyname: 'Haddad', sex: 'male' },
    config: { hub: 'rsb', behaviour: 'ok' },
    vaccinations: (d) => [
      { date: d.thisSeason, vaccine: 'influvac', vaccinator: 'gp', lot: 'INF2025Q7' },
      { date: d.recentCovid, vaccine: 'moderna', vaccinator: 'otherPharmacist', lot: 'MD4410' },
    ],
    expectedHubs: okBoth,
  },
  {
    key: 'rsw-fails-rsb-answers',
    label: 'RSW answers with a server error; RSB still answers with a flu vaccination',
    birth: [72, 10, 11, 21],
    person: { firstname: 'Els', familyname: 'Verhoeven', sex: 'female' },
    config: { hub: 'rsb', behaviour: 'ok', perHub: { rsw: { behaviour: 'error' } } },
    vaccinations: (d) => [{ date: d.thisSeason, vaccine: 'vaxigrip', vaccinator: 'nurse', lot: 'VXG2290' }],
    expectedHubs: { rsw: 'hub-error', rsb: 'ok' },
  },
  {
    key: 'slow-rsb',
    label: 'RSB answers slowly (spinner); covid vaccination',
    birth: [63, 7, 19, 23],
    person: { firstname: 'Michel', familyname: 'Lemaire', sex: 'male' },
    config: { hub: 'rsb', behaviour: 'ok', perHub: { rsb: { latencyMs: 500 } } },
    vaccinations: (d) => [{ date: d.recentCovid, vaccine: 'comirnaty', vaccinator: 'gp', lot: 'GH3357' }],
    expectedHubs: okBoth,
  },
  {
    key: 'no-vaccinations',
    label: 'Known patient without any vaccination (both hubs: no data)',
    birth: [80, 2, 14, 25],
    person: { firstname: 'Julie', familyname: 'Hermans', sex: 'female' },
    config: { hub: 'both', behaviour: 'ok' },
    vaccinations: () => [],
    expectedHubs: okBoth,
  },
  ...(
    [
      ['no-consent', 'no-consent', 'No consent for the exchange of health data'],
      ['no-relation', 'no-relation', 'No therapeutic relation with the patient'],
      ['excluded', 'excluded', 'The patient has excluded this pharmacist'],
      ['unknown', 'patient-unknown', 'Patient unknown to the hubs'],
      ['timeout', 'timeout', 'The hubs never answer (timeout)'],
      ['error', 'hub-error', 'The hubs answer with a SOAP fault (HTTP 500)'],
      ['malformed', 'malformed-response', 'The hubs answer with malformed XML'],
    ] as const
  ).map(([behaviour, code, label], i): PatientCase => ({
    key: `behaviour-${behaviour}`,
    label,
    birth: [75 + i, 1 + i, 10 + i, 31 + 2 * i],
    person: { firstname: 'Test', familyname: `Behaviour ${behaviour}`, sex: 'male' },
    config: { hub: 'both', behaviour },
    // A record the hubs would return if they answered: it must not show.
    vaccinations: (d) => [{ date: d.thisSeason, vaccine: 'alpharix', vaccinator: 'gp' }],
    expectedHubs: { rsw: code, rsb: code },
  })),
];

/**
 * The hub code table (lib/kmehr/hub-errors.ts) may have no code for an
 * outcome (RSW/RSB codes are not public): the simulator then sends a
 * simulator-only code and the companion reports a plain hub error. Applied here so SYNTHETIC_PATIENTS tells the truth.
 */
function effectiveHubStatus(status: ExpectedHubStatus, hub: HubId): ExpectedHubStatus {
  if (status === 'ok' || status === 'timeout' || status === 'hub-error' || status === 'malformed-response') return status;
  return outcomeHasCode(status, hub) ? status : 'hub-error';
}

function countMerge(entries: readonly VaccinationEntry[], dates: SyntheticDates, c: PatientCase, answering: boolean): ExpectedMerge {
  const season = fluSeasonOf(dates.today);
  const given = answering ? entries : [];
  let flu = 0;
  let covid = 0;
  let other = 0;
  for (const e of given) {
    const disease = diseaseOf(e.vaccine);
    if (disease === 'flu' && e.date >= season.start && e.date <= season.end) flu++;
    else if (disease === 'covid' && e.date >= COVID_VACCICARD_CUTOFF) covid++;
    else other++;
  }
  return {
    flu,
    covid,
    other,
    fluThisSeason: given.some((e) => diseaseOf(e.vaccine) === 'flu' && e.date >= season.start && e.date <= dates.today),
    ownConfirmed: answering ? (c.expect?.ownConfirmed ?? 0) : 0,
    fromBothHubs: answering ? (c.expect?.fromBothHubs ?? 0) : 0,
    warnings: answering ? [...(c.expect?.warnings ?? [])] : [],
  };
}

export interface SyntheticCase {
  info: SyntheticPatientInfo;
  case: PatientCase;
  entries: VaccinationEntry[];
  dates: SyntheticDates;
}

/** Every case with its INSZ, its vaccinations for `now` and its expected result. */
export function syntheticCases(now: Date = new Date()): SyntheticCase[] {
  const dates = syntheticDates(now);
  return CASES.map((c) => {
    const insz = makeInsz(...c.birth);
    const entries = c.vaccinations(dates);
    const expectedHubs = { rsw: effectiveHubStatus(c.expectedHubs.rsw, 'rsw'), rsb: effectiveHubStatus(c.expectedHubs.rsb, 'rsb') };
    const answering = expectedHubs.rsw === 'ok' || expectedHubs.rsb === 'ok';
    const info: SyntheticPatientInfo = {
      insz,
      key: c.key,
      label: c.label,
      hub: c.config.hub,
      behaviour: c.config.behaviour,
      transactionCount: entries.length,
      expectedHubs,
      expectedMerge: countMerge(entries, dates, c, answering),
    };
    if (c.config.perHub) info.perHub = c.config.perHub;
    const first = entries[0];
    if (c.ownRegistration && first) {
      const v = VACCINES[first.vaccine];
      info.ownRegistration = { date: first.date, cnk: v.cnk, name: v.name, riziv: VACCINATORS[first.vaccinator].riziv };
    }
    return { info, case: c, entries, dates };
  });
}

/**
 * The synthetic patients as the demo page and the e2e tests see them: INSZ,
 * label, behaviour, hub statuses and what the merged history shows (with the
 * simulated pharmacy's identity, no own lines, today = when this module loaded).
 */
export const SYNTHETIC_PATIENTS: readonly SyntheticPatientInfo[] = Object.freeze(syntheticCases().map((c) => c.info));

