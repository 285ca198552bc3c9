/**
 * `checkRegistration`: the one gate every registration passes, in the form
 * (to show what is wrong), in the KMEHR builder (which refuses to build
 * otherwise) and in the companion (which refuses to store or send otherwise).
 * Pure: the same input, today and catalog give the same answer.
 *
 * Rules, beyond each field's own format (input.ts):
 * - administration date: not after `today`, not more than `maxAgeDays`
 *   (default 365) before it, not before the patient's birth date when the
 *   INSZ gives one;
 * - vaccine: a CNK the catalog knows gives the disease and the default name
 *   (a different disease given is refused); a CNK the catalog does not know
 *   must pass its check digit (the pharmacist typed it) and needs a name and
 *   a disease, and a name that reads as a disease (classify.ts keywords) must
 *   read as the one given, since every reader would classify it by that name;
 * - covid-19 (Vaccinnet rules, domain.md): the lot number is mandatory and
 *   adverse events may not be sent.
 * Every problem found is reported at once, each as `{ field, reason }`.
 */
import type { z } from 'zod';
import { parseCnk } from '../identifiers/cnk.ts';
import { parseInsz } from '../identifiers/insz.ts';
import type { Lang } from '../i18n/translate.ts';
import { defaultCatalog, findByCnk, type Catalog } from '../vaccines/catalog.ts';
import { classifyVaccine } from '../vaccines/classify.ts';
import { daysBetween } from '../vaccines/season.ts';
import { IsoDate, type Disease } from '../vaccination.ts';
import { brusselsToday } from './brussels-time.ts';
import { registrationFieldRules } from './field-rules.ts';
import { RegistrationInput, type RegistrationFields, VACCINATOR_ROLE } from './input.ts';
import { isRegistrationIssueReason, type RegistrationIssue, type RegistrationIssueReason } from './reasons.ts';

/** A registration older than this many days (before today) is refused by default. */
export const DEFAULT_MAX_AGE_DAYS = 365;

/** A registration that passed every rule: what the builder and the companion work with. */
export interface Registration {
  patient: { insz: string; firstName?: string; familyName?: string };
  administrationDate: IsoDate;
  vaccine: {
    /** Seven digits. */
    cnk: string;
    name: string;
    disease: Disease;
    /** The catalog knows the CNK (its name, disease and ATC were available). */
    inCatalog: boolean;
    /** The catalog's ATC code, when it has one. */
    atc?: string;
  };
  lot?: string;
  quantity: number;
  vaccinator: { riziv: string; role: typeof VACCINATOR_ROLE; firstName: string; familyName: string };
  pharmacy: { number: string; name: string };
  adverseEvents?: { text: string; language: Lang };
}

export type RegistrationCheck = { ok: true; value: Registration } | { ok: false; issues: RegistrationIssue[] };

export interface CheckRegistrationOptions {
  /** Another vaccine catalog than the bundled one. */
  catalog?: Catalog;
  /** How far back an administration date may lie (days before today); default 365. */
  maxAgeDays?: number;
}

/** Zod issues → `{ field, reason }` (every message of the input schema is a reason code). */
export function issuesFromZod(error: z.ZodError, prefix: readonly PropertyKey[] = []): RegistrationIssue[] {
  const out: RegistrationIssue[] = [];
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path].map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ field: [...path, key].join('.'), reason: 'unknown-field' });
      continue;
    }
    let reason: RegistrationIssueReason;
    if (isRegistrationIssueReason(issue.message)) reason = issue.message;
    else if (issue.code === 'invalid_type') reason = 'wrong-type';
    else reason = 'not-allowed-value';
    out.push({ field: path.join('.'), reason });
  }
  return out;
}

function todayOf(today: string | Date): IsoDate {
  if (today instanceof Date) return brusselsToday(today);
  if (!IsoDate.safeParse(today).success) throw new RangeError('checkRegistration: today must be a YYYY-MM-DD date');
  return today;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** One field of the input parsed on its own (so rules across fields still run when another field is wrong). */
function fieldValue<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> | undefined {
  const r = schema.safeParse(raw);
  return r.success ? r.data : undefined;
}

interface ResolvedVaccine {
  name?: string;
  disease?: Disease;
  inCatalog: boolean;
  atc?: string;
}

export function checkRegistration(
  input: unknown,
  today: string | Date,
  options: CheckRegistrationOptions = {},
): RegistrationCheck {
  const todayIso = todayOf(today);
  const maxAgeDays = options.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS;
  if (!Number.isInteger(maxAgeDays) || maxAgeDays < 0) throw new RangeError('checkRegistration: maxAgeDays must be a whole number ≥ 0');
  const catalog = options.catalog ?? defaultCatalog;

  const whole = RegistrationInput.safeParse(input);
  const issues: RegistrationIssue[] = whole.success ? [] : issuesFromZod(whole.error);
  const add = (field: string, reason: RegistrationIssueReason) => issues.push({ field, reason });

  const raw = record(input);
  const shape = RegistrationInput.shape;
  const rawVaccine = record(raw.vaccine);
  const vaccineShape = shape.vaccine.shape;

  // Date
  const date = fieldValue(shape.administrationDate, raw.administrationDate);
  if (date !== undefined) {
    const age = daysBetween(date, todayIso);
    if (age < 0) add('administrationDate', 'date-in-future');
    else if (age > maxAgeDays) add('administrationDate', 'date-too-old');
    const insz = fieldValue(shape.patient.shape.insz, record(raw.patient).insz);
    const birth = insz !== undefined ? parseInsz(insz) : undefined;
    if (birth?.ok && birth.value.birthDate !== undefined && date < birth.value.birthDate) {
      add('administrationDate', 'date-before-birth');
    }
  }

  // Vaccine
  const resolved: ResolvedVaccine = { inCatalog: false };
  const cnk = fieldValue(vaccineShape.cnk, rawVaccine.cnk);
  const givenName = fieldValue(vaccineShape.name, rawVaccine.name);
  const givenDisease = fieldValue(vaccineShape.disease, rawVaccine.disease);
  if (cnk !== undefined) {
    const entry = findByCnk(cnk, catalog);
    if (entry) {
      resolved.inCatalog = true;
      resolved.name = givenName ?? entry.name;
      resolved.disease = entry.disease;
      if (entry.atc !== null) resolved.atc = entry.atc;
      if (givenDisease !== undefined && givenDisease !== entry.disease) add('vaccine.disease', 'disease-conflicts-with-catalog');
    } else {
      const parsed = parseCnk(cnk);
      if (parsed.ok && !parsed.value.checkDigitValid) add('vaccine.cnk', 'cnk-check-digit');
      const reported = (field: string) => issues.some((i) => i.field === field);
      if (givenName === undefined && !reported('vaccine.name')) add('vaccine.name', 'required');
      if (givenDisease === undefined && !reported('vaccine.disease')) add('vaccine.disease', 'required');
      if (givenName !== undefined && givenDisease !== undefined) {
        const byName = classifyVaccine({ name: givenName }, catalog);
        if (byName.classifiedBy === 'name' && byName.disease !== givenDisease) add('vaccine.disease', 'disease-conflicts-with-name');
      }
      resolved.name = givenName;
      resolved.disease = givenDisease;
    }
  } else {
    resolved.disease = givenDisease;
  }

  // Disease rules (covid: lot mandatory, no adverse events)
  if (resolved.disease !== undefined) {
    const rules = registrationFieldRules(resolved.disease);
    const lot = fieldValue(shape.lot, raw.lot);
    if (rules.lot === 'required' && lot === undefined && !issues.some((i) => i.field === 'lot')) {
      add('lot', rules.lotReason);
    }
    const adverse = fieldValue(shape.adverseEvents, raw.adverseEvents);
    const adverseGiven = adverse !== undefined || issues.some((i) => i.field.startsWith('adverseEvents'));
    if (rules.adverseEvents === 'forbidden' && adverseGiven) add('adverseEvents', rules.adverseEventsReason);
  }

  if (!whole.success || issues.length > 0) return { ok: false, issues: dedupe(issues) };
  return { ok: true, value: toRegistration(whole.data, resolved) };
}

function dedupe(issues: readonly RegistrationIssue[]): RegistrationIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.field}\u0000${i.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toRegistration(fields: RegistrationFields, vaccine: ResolvedVaccine): Registration {
  // Reached only without issues: name and disease were resolved above.
  const out: Registration = {
    patient: { insz: fields.patient.insz },
    administrationDate: fields.administrationDate,
    vaccine: { cnk: fields.vaccine.cnk, name: vaccine.name!, disease: vaccine.disease!, inCatalog: vaccine.inCatalog },
    quantity: fields.quantity,
    vaccinator: { ...fields.vaccinator },
    pharmacy: { ...fields.pharmacy },
  };
  if (fields.patient.firstName !== undefined) out.patient.firstName = fields.patient.firstName;
  if (fields.patient.familyName !== undefined) out.patient.familyName = fields.patient.familyName;
  if (vaccine.atc !== undefined) out.vaccine.atc = vaccine.atc;
  if (fields.lot !== undefined) out.lot = fields.lot;
  if (fields.adverseEvents !== undefined) out.adverseEvents = { ...fields.adverseEvents };
  return out;
}
