/**
 * Flu, covid or other: decided from whatever a vaccination record carries, in
 * this order (the first signal that recognises a vaccine decides; a signal
 * that is absent or unrecognised passes to the next):
 *
 * 1. `indication`: CD-VACCINEINDICATION (and the older CD-VACCINE) codes.
 *    `seasonalinfluenza` (or the older `influenza`) → flu, `covid19` → covid,
 *    any other known code → other. When a record lists several antigens and
 *    one of them is flu, it is flu (a flu+covid combination vaccine counts as
 *    a flu vaccination, its covid antigen stays visible in `indications`);
 *    else when one is covid19 it is covid. `pandemics` (pandemic influenza) is
 *    not a seasonal flu vaccination: other.
 * 2. `atc`: J07BB* → flu, J07BX03 or J07BN* → covid, any other J07 code →
 *    other, except the groups that hold flu or covid vaccines too (J07,
 *    J07B, J07BX). A code that is not an ATC code (the "0123" of a test
 *    message) or not a vaccine ATC passes.
 * 3. `vaccinnet-code`: prefix `FLU/` → flu, `Covid-19/` → covid (any case);
 *    another code the catalog knows (exactly, or by its antigen group before
 *    the `/`) → that entry's disease.
 * 4. `catalog`: the CNK's catalog entry.
 * 5. `name`: keywords in the product name or text, only when nothing coded
 *    identified the vaccine. Coded data always wins over free text (a record
 *    coded HBV/AV003 but labelled "Covid-19 vaccines" is other).
 * 6. else other, `none`.
 */
import type { Disease, VaccinationRecord } from '../vaccination.ts';
import { defaultCatalog, findByCnk, findByVaccinnetCode, type Catalog } from './catalog.ts';

export type ClassifiedBy = VaccinationRecord['classifiedBy'];

export interface Classification {
  disease: Disease;
  classifiedBy: ClassifiedBy;
}

export interface VaccineSignals {
  indications?: readonly string[];
  atc?: readonly string[];
  vaccinnetCode?: string;
  cnk?: string;
  name?: string;
}

/** Every CD-VACCINEINDICATION (KMEHR 1.43) and CD-VACCINE value: a known code decides. */
export const KNOWN_INDICATIONS: ReadonlySet<string> = new Set([
  // CD-VACCINEINDICATION
  'poliomyelitis', 'measles', 'rubella', 'mumps', 'seasonalinfluenza', 'hepatitisa', 'hepatitisb',
  'rabies', 'varicella', 'rotavirus', 'papillomavirus', 'yellowfever', 'tickborneencephalitis', 'ej',
  'diphteria', 'tetanus', 'pertussis', 'hib', 'meningitisc', 'meningitis', 'pneumonia23', 'pneumonia7',
  'tuberculosis', 'typhoid', 'pandemics', 'herpeszoster', 'cholera', 'covid19', 'meningitisb',
  'pneumonia15', 'pneumonia20', 'monkeypox', 'ixchiq',
  // CD-VACCINE (older table)
  'polio', 'diteper', 'haemo', 'mmr', 'hepatitiesb', 'mmr12', 'dite12', 'influenza', 'pneumonia', 'ditepro',
]);

const FLU_INDICATIONS: ReadonlySet<string> = new Set(['seasonalinfluenza', 'influenza']);
const COVID_INDICATIONS: ReadonlySet<string> = new Set(['covid19']);

/** ATC code at any level from 1 to 5 (`J`, `J07`, `J07B`, `J07BB`, `J07BB02`). */
const ATC_FORMAT = /^[A-Z](\d{2}([A-Z]([A-Z](\d{2})?)?)?)?$/;

/** Vaccine ATC groups that contain flu or covid vaccines as well as others: they decide nothing. */
const AMBIGUOUS_ATC: ReadonlySet<string> = new Set(['J07', 'J07B', 'J07BX']);

const VACCINNET_PREFIXES: ReadonlyArray<readonly [string, Disease]> = [
  ['FLU/', 'flu'],
  ['COVID-19/', 'covid'],
];

/** Name keywords: whole words, any case. "Haemophilus influenzae" is not flu. */
const FLU_WORDS =
  /\b(influenza|grippe|griep|flu|alpharix|influvac|vaxigrip|fluad|efluelda|fluarix|flucelvax|fluenz|supemtek|intanza|agrippal|inflexal|influsplit|imuvac)\b/i;
const COVID_WORDS =
  /\b(covid|covid-19|sars-cov-2|coronavirus|comirnaty|spikevax|nuvaxovid|vaxzevria|jcovden|bimervax|kostaive|mnexspike)\b/i;
const NOT_FLU = /\bha?emophilus\b/i;

function byIndications(indications: readonly string[]): Disease | undefined {
  const codes = indications.map((i) => i.trim().toLowerCase()).filter((i) => i.length > 0);
  if (codes.some((c) => FLU_INDICATIONS.has(c))) return 'flu';
  if (codes.some((c) => COVID_INDICATIONS.has(c))) return 'covid';
  if (codes.some((c) => KNOWN_INDICATIONS.has(c))) return 'other';
  return undefined;
}

function byAtc(atcCodes: readonly string[]): Disease | undefined {
  const codes = atcCodes.map((a) => a.trim().toUpperCase()).filter((a) => ATC_FORMAT.test(a));
  if (codes.some((a) => a.startsWith('J07BB'))) return 'flu';
  if (codes.some((a) => a === 'J07BX03' || a.startsWith('J07BN'))) return 'covid';
  if (codes.some((a) => a.startsWith('J07') && !AMBIGUOUS_ATC.has(a))) return 'other';
  return undefined;
}

function byVaccinnetCode(code: string | undefined, catalog: Catalog): Disease | undefined {
  if (code === undefined) return undefined;
  const upper = code.trim().toUpperCase();
  if (upper.length === 0) return undefined;
  for (const [prefix, disease] of VACCINNET_PREFIXES) {
    if (upper.startsWith(prefix) || upper === prefix.slice(0, -1)) return disease;
  }
  return findByVaccinnetCode(upper, catalog)?.disease;
}

function byName(name: string | undefined): Disease | undefined {
  if (name === undefined || name.trim().length === 0) return undefined;
  const flu = FLU_WORDS.test(name) && !NOT_FLU.test(name);
  if (flu) return 'flu';
  if (COVID_WORDS.test(name)) return 'covid';
  return undefined;
}

export function classifyVaccine(signals: VaccineSignals, catalog: Catalog = defaultCatalog): Classification {
  const indication = byIndications(signals.indications ?? []);
  if (indication) return { disease: indication, classifiedBy: 'indication' };
  const atc = byAtc(signals.atc ?? []);
  if (atc) return { disease: atc, classifiedBy: 'atc' };
  const vaccinnet = byVaccinnetCode(signals.vaccinnetCode, catalog);
  if (vaccinnet) return { disease: vaccinnet, classifiedBy: 'vaccinnet-code' };
  const entry = signals.cnk !== undefined ? findByCnk(signals.cnk, catalog) : undefined;
  if (entry) return { disease: entry.disease, classifiedBy: 'catalog' };
  const named = byName(signals.name);
  if (named) return { disease: named, classifiedBy: 'name' };
  return { disease: 'other', classifiedBy: 'none' };
}
