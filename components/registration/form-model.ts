/**
 * The registration form's values (what the inputs hold, as text) and how
 * they become a RegistrationInput, which fields a disease requires or
 * disables, and which form field each checkRegistration issue belongs to.
 * Pure: the form component only renders this.
 */
import type { RegistrationContext } from '../../lib/messages.ts';
import type { Lang } from '../../lib/i18n/translate.ts';
import type { RegistrationInput } from '../../lib/registration/input.ts';
import type { RegistrationIssue } from '../../lib/registration/reasons.ts';
import { registrationFieldRules, type RegistrationFieldRules } from '../../lib/registration/field-rules.ts';
import { defaultCatalog, findByCnk, vaccinesForSeason, type Catalog, type CatalogEntry } from '../../lib/vaccines/catalog.ts';
import { fluSeasonOf, type SeasonWindow } from '../../lib/vaccines/season.ts';
import type { Disease } from '../../lib/vaccination.ts';

/** The `vaccine` select's value for "another vaccine: type its CNK". */
export const OTHER_VACCINE = 'other';

export interface FormValues {
  patientFirstName: string;
  patientFamilyName: string;
  administrationDate: string;
  /** '' (nothing chosen), a catalog CNK, or OTHER_VACCINE. */
  vaccine: string;
  cnk: string;
  vaccineName: string;
  disease: '' | Disease;
  lot: string;
  quantity: string;
  /** RIZIV of the vaccinator. */
  vaccinator: string;
  adverseEvents: string;
}

export type FormField = keyof FormValues;

/** Where an issue is shown: a field, or the form as a whole (`general`). */
export type IssueTarget = Exclude<FormField, 'vaccine'> | 'vaccine' | 'general';

export function initialValues(context: RegistrationContext, today: string): FormValues {
  return {
    patientFirstName: '',
    patientFamilyName: '',
    administrationDate: today,
    vaccine: '',
    cnk: '',
    vaccineName: '',
    disease: '',
    lot: '',
    quantity: '1',
    vaccinator: context.defaultVaccinator ?? context.vaccinators[0]?.riziv ?? '',
    adverseEvents: '',
  };
}

export interface VaccineChoices {
  season: string;
  flu: CatalogEntry[];
  covid: CatalogEntry[];
}

/** The catalog's choices: the flu vaccines of the season of `date`, and the covid vaccines. */
export function vaccineChoices(date: string, window: SeasonWindow, catalog: Catalog = defaultCatalog): VaccineChoices {
  const season = fluSeasonOf(date, window).label;
  const byName = (a: CatalogEntry, b: CatalogEntry) => a.name.localeCompare(b.name);
  return {
    season,
    flu: vaccinesForSeason(season, catalog).filter((e) => e.cnk !== null).sort(byName),
    covid: catalog.entries.filter((e) => e.disease === 'covid' && e.cnk !== null).sort(byName),
  };
}

/** The disease the form's values point to (catalog entry, typed CNK the catalog knows, or the disease chosen). */
export function diseaseOf(values: FormValues, catalog: Catalog = defaultCatalog): Disease | undefined {
  if (values.vaccine === '') return undefined;
  if (values.vaccine !== OTHER_VACCINE) return findByCnk(values.vaccine, catalog)?.disease;
  return findByCnk(values.cnk, catalog)?.disease ?? (values.disease === '' ? undefined : values.disease);
}

/** Which fields the disease requires or disables (covid-19: lot mandatory, adverse events disabled). */
export function fieldRulesOf(values: FormValues, catalog: Catalog = defaultCatalog): RegistrationFieldRules | undefined {
  const disease = diseaseOf(values, catalog);
  return disease ? registrationFieldRules(disease) : undefined;
}

const blankToUndefined = (s: string) => (s.trim() === '' ? undefined : s);

/** `1`, `0,5` or `0.5` → a number; '' → undefined (the default, 1 dose); anything else → NaN (refused by the check). */
export function quantityOf(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return /^\d+([.,]\d+)?$/.test(t) ? Number(t.replace(',', '.')) : Number.NaN;
}

/** The RegistrationInput the values stand for. Disabled fields are not sent. */
export function inputOf(values: FormValues, context: RegistrationContext, lang: Lang, catalog: Catalog = defaultCatalog): RegistrationInput {
  const vaccinator = context.vaccinators.find((v) => v.riziv === values.vaccinator);
  const vaccine: RegistrationInput['vaccine'] =
    values.vaccine === OTHER_VACCINE
      ? {
          cnk: values.cnk,
          ...(blankToUndefined(values.vaccineName) !== undefined ? { name: values.vaccineName } : {}),
          ...(findByCnk(values.cnk, catalog) === undefined && values.disease !== '' ? { disease: values.disease } : {}),
        }
      : { cnk: values.vaccine };
  const rules = fieldRulesOf(values, catalog);
  const adverse = rules?.adverseEvents === 'forbidden' ? undefined : blankToUndefined(values.adverseEvents);
  const quantity = quantityOf(values.quantity);
  return {
    patient: {
      insz: context.patient.insz,
      ...(blankToUndefined(values.patientFirstName) !== undefined ? { firstName: values.patientFirstName } : {}),
      ...(blankToUndefined(values.patientFamilyName) !== undefined ? { familyName: values.patientFamilyName } : {}),
    },
    administrationDate: values.administrationDate,
    vaccine,
    ...(blankToUndefined(values.lot) !== undefined ? { lot: values.lot } : {}),
    ...(quantity !== undefined ? { quantity } : {}),
    vaccinator: {
      riziv: vaccinator?.riziv ?? values.vaccinator,
      firstName: vaccinator?.firstName ?? '',
      familyName: vaccinator?.familyName ?? '',
    },
    pharmacy: { number: context.pharmacy.number, name: context.pharmacy.name },
    ...(adverse !== undefined ? { adverseEvents: { text: adverse, language: lang } } : {}),
  };
}

/** The form field an issue of checkRegistration (or of the background) belongs to. */
export function targetOf(field: string, values: FormValues): IssueTarget {
  const typed = values.vaccine === OTHER_VACCINE;
  switch (field) {
    case 'patient.firstName':
      return 'patientFirstName';
    case 'patient.familyName':
      return 'patientFamilyName';
    case 'administrationDate':
      return 'administrationDate';
    case 'vaccine.cnk':
      return typed ? 'cnk' : 'vaccine';
    case 'vaccine.name':
      return typed ? 'vaccineName' : 'vaccine';
    case 'vaccine.disease':
      return typed ? 'disease' : 'vaccine';
    case 'vaccine':
      return 'vaccine';
    case 'lot':
      return 'lot';
    case 'quantity':
      return 'quantity';
    case 'adverseEvents':
    case 'adverseEvents.text':
    case 'adverseEvents.language':
      return 'adverseEvents';
    default:
      if (field.startsWith('vaccinator')) return 'vaccinator';
      return 'general';
  }
}

export type IssuesByTarget = Partial<Record<IssueTarget, RegistrationIssue[]>>;

export function issuesByTarget(issues: readonly RegistrationIssue[], values: FormValues): IssuesByTarget {
  const out: IssuesByTarget = {};
  for (const issue of issues) (out[targetOf(issue.field, values)] ??= []).push(issue);
  return out;
}

/** Form fields in the order they appear (the first one with a problem gets the focus). */
export const FIELD_ORDER: readonly IssueTarget[] = [
  'patientFirstName',
  'patientFamilyName',
  'administrationDate',
  'vaccine',
  'cnk',
  'vaccineName',
  'disease',
  'lot',
  'quantity',
  'vaccinator',
  'adverseEvents',
];
