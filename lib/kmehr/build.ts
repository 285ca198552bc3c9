/**
 * A registration → one KMEHR message (standalone `kmehrmessage`, KMEHR 1.43
 * namespace) with one folder (the patient, by INSZ), one `vaccination`
 * transaction whose author is the vaccinating pharmacist and the pharmacy,
 * and one `vaccine` item (build/vaccine-item.ts), plus an `adr` item when
 * adverse events are given. Every message it returns validates against
 * `kmehr_elements-1_43.xsd` (tests generate many variants and validate them)
 * and parses back through `parseKmehrMessage` to the same vaccination.
 *
 * The input passes `checkRegistration` first, with today's Belgian date taken
 * from `now`: an invalid registration (a covid vaccination without lot, ...)
 * is refused with a KmehrBuildError carrying the issues; no message is built.
 *
 * Header: CD-STANDARD (default 20120701, as in vaccination messages seen in
 * the wild), id `<pharmacist RIZIV>.<messageId>` (the KMEHR rule: first
 * sender's id, a dot, a unique id), date and time of `now` in Belgium, sender
 * the pharmacist and the pharmacy (and the application when `software` is
 * given), recipient the target (hub RSW or RSB, or the Vaccinnet agency).
 * Patient: ID-PATIENT, first and family name when given (empty elements
 * otherwise: the schema requires them, the INSZ identifies the patient), and
 * the sex the INSZ gives (`unknown` for a BIS number without sex).
 */
import { parseInsz } from '../identifiers/insz.ts';
import { brusselsDateTime } from '../registration/brussels-time.ts';
import { checkRegistration, type Registration } from '../registration/check.ts';
import type { RegistrationInput } from '../registration/input.ts';
import type { RegistrationIssue } from '../registration/reasons.ts';
import { normaliseText, textProblem } from '../registration/text.ts';
import type { Catalog } from '../vaccines/catalog.ts';
import { CD, ID, TRANSACTION_VACCINATION } from './codes.ts';
import {
  applicationParty,
  KMEHR_TARGETS,
  pharmacistParty,
  pharmacyParty,
  recipientParty,
  type KmehrTarget,
  type SoftwareInfo,
} from './build/parties.ts';
import { adverseEventsItem, vaccineItem } from './build/vaccine-item.ts';
import { DEFAULT_KMEHR_STANDARD, KMEHR_STANDARDS, STANDARD_SV, SV, type KmehrStandard } from './build/versions.ts';
import { el, serializeXml, type XmlElementNode } from './build/xml-writer.ts';

export { KMEHR_TARGETS, type KmehrTarget, type SoftwareInfo } from './build/parties.ts';
export { KMEHR_STANDARDS, DEFAULT_KMEHR_STANDARD, type KmehrStandard } from './build/versions.ts';

export const KMEHR_NAMESPACE = 'http://www.ehealth.fgov.be/standards/kmehr/schema/v1';

/** `SL` of the transaction's LOCAL id that carries this product's registration id. */
export const REGISTRATION_ID_SL = 'vaccicard-overlay-registration';

export interface VaccinationKmehrOptions {
  /** Unique among this sender's messages (a UUID fits): letters, digits, `.`, `_`, `-`; at most 64. */
  messageId: string;
  /** When the message is made: header and transaction date/time, and "today" for the checks. */
  now: Date;
  target: KmehrTarget;
  /** This product's registration id, written as a LOCAL transaction id (same characters as messageId, at most 100). */
  registrationId?: string;
  /** Adds the application as a sender party. */
  software?: SoftwareInfo;
  standard?: KmehrStandard;
  catalog?: Catalog;
  /** Passed to checkRegistration (default 365 days). */
  maxAgeDays?: number;
}

export type KmehrBuildErrorCode = 'invalid-registration' | 'invalid-options';

/** The builder refused: an invalid registration (`issues` says why) or invalid options. Never holds input values. */
export class KmehrBuildError extends Error {
  override readonly name = 'KmehrBuildError';
  constructor(
    readonly code: KmehrBuildErrorCode,
    readonly issues: readonly RegistrationIssue[],
  ) {
    super(
      code === 'invalid-registration'
        ? `the registration is not valid: ${issues.map((i) => `${i.field || '(registration)'} (${i.reason})`).join(', ')}`
        : `invalid build options: ${issues.map((i) => `${i.field} (${i.reason})`).join(', ')}`,
    );
  }
}

const ID_TOKEN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function optionIssues(options: VaccinationKmehrOptions): RegistrationIssue[] {
  const issues: RegistrationIssue[] = [];
  const token = (field: string, value: unknown, max: number, required: boolean) => {
    if (value === undefined && !required) return;
    if (typeof value !== 'string' || value === '') issues.push({ field, reason: 'required' });
    else if (value.length > max) issues.push({ field, reason: 'too-long' });
    else if (!ID_TOKEN.test(value)) issues.push({ field, reason: 'invalid-characters' });
  };
  token('messageId', options.messageId, 64, true);
  token('registrationId', options.registrationId, 100, false);
  if (!(options.now instanceof Date) || Number.isNaN(options.now.getTime())) issues.push({ field: 'now', reason: 'invalid-date' });
  if (!(KMEHR_TARGETS as readonly string[]).includes(options.target)) issues.push({ field: 'target', reason: 'not-allowed-value' });
  if (options.standard !== undefined && !(KMEHR_STANDARDS as readonly string[]).includes(options.standard)) {
    issues.push({ field: 'standard', reason: 'not-allowed-value' });
  }
  if (options.software !== undefined) {
    for (const [key, max] of [['name', 100], ['version', 50]] as const) {
      const value = options.software[key];
      const text = typeof value === 'string' ? normaliseText(value, false) : '';
      const problem = text === '' ? 'required' : textProblem(text, { maxChars: max, multiLine: false });
      if (problem) issues.push({ field: `software.${key}`, reason: problem });
    }
  }
  return issues;
}

function patientElement(patient: Registration['patient']): XmlElementNode {
  const parsed = parseInsz(patient.insz);
  const sex = parsed.ok ? (parsed.value.sex ?? 'unknown') : 'unknown';
  return el('patient', undefined, [
    el('id', { S: ID.patient, SV: SV.idPatient }, patient.insz),
    el('firstname', undefined, patient.firstName ?? ''),
    el('familyname', undefined, patient.familyName ?? ''),
    el('sex', undefined, [el('cd', { S: 'CD-SEX', SV: SV.cdSex }, sex)]),
  ]);
}

function software(options: VaccinationKmehrOptions): SoftwareInfo | undefined {
  const s = options.software;
  return s && { name: normaliseText(s.name, false), version: normaliseText(s.version, false) };
}

/** Builds the message. Throws KmehrBuildError when the registration or the options are invalid. */
export function buildVaccinationKmehr(input: RegistrationInput, options: VaccinationKmehrOptions): string {
  const badOptions = optionIssues(options);
  if (badOptions.length > 0) throw new KmehrBuildError('invalid-options', badOptions);

  const checkOptions: Parameters<typeof checkRegistration>[2] = {};
  if (options.catalog) checkOptions.catalog = options.catalog;
  if (options.maxAgeDays !== undefined) checkOptions.maxAgeDays = options.maxAgeDays;
  const checked = checkRegistration(input, options.now, checkOptions);
  if (!checked.ok) throw new KmehrBuildError('invalid-registration', checked.issues);
  const registration = checked.value;

  const { date, time } = brusselsDateTime(options.now);
  const standard = options.standard ?? DEFAULT_KMEHR_STANDARD;
  const app = software(options);
  const kmehrId = (value: string) => el('id', { S: ID.kmehr, SV: SV.idKmehr }, value);

  const header = el('header', undefined, [
    el('standard', undefined, [el('cd', { S: 'CD-STANDARD', SV: STANDARD_SV[standard] }, standard)]),
    kmehrId(`${registration.vaccinator.riziv}.${options.messageId}`),
    el('date', undefined, date),
    el('time', undefined, time),
    el('sender', undefined, [
      pharmacistParty(registration.vaccinator),
      pharmacyParty(registration.pharmacy),
      app && applicationParty(app),
    ]),
    el('recipient', undefined, [recipientParty(options.target)]),
  ]);

  const transaction = el('transaction', undefined, [
    kmehrId('1'),
    options.registrationId !== undefined &&
      el('id', { S: 'LOCAL', SL: REGISTRATION_ID_SL, SV: SV.idLocal }, options.registrationId),
    el('cd', { S: CD.transaction, SV: SV.cdTransaction }, TRANSACTION_VACCINATION),
    el('date', undefined, date),
    el('time', undefined, time),
    el('author', undefined, [pharmacistParty(registration.vaccinator), pharmacyParty(registration.pharmacy)]),
    el('iscomplete', undefined, 'true'),
    el('isvalidated', undefined, 'true'),
    vaccineItem(registration, 1),
    registration.adverseEvents && adverseEventsItem(registration.adverseEvents, 2),
  ]);

  const message = el('kmehrmessage', { xmlns: KMEHR_NAMESPACE }, [
    header,
    el('folder', undefined, [kmehrId('1'), patientElement(registration.patient), transaction]),
  ]);
  return serializeXml(message);
}
