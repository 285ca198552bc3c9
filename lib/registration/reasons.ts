/**
 * Why a registration is refused: a code per reason, never prose, so the form,
 * the companion and the builder report the same thing and every UI translates
 * it (strings.ts). An issue names the field it concerns as a dotted path of
 * the registration input (`patient.insz`, `vaccine.cnk`, `lot`, ...).
 */
import { z } from 'zod';

export const RegistrationIssueReason = z.enum([
  /** The field is missing or empty. */
  'required',
  /** The field has the wrong JSON type (a number where text is expected, ...). */
  'wrong-type',
  /** A field the registration does not know (a typo, or data that must not be sent). */
  'unknown-field',
  /** Text longer than the field allows. */
  'too-long',
  /** Control characters, unpaired surrogates, bidirectional overrides or a line break in a one-line field. */
  'invalid-characters',
  'invalid-insz',
  /** The administration date is before the patient's birth date (from the INSZ). */
  'date-before-birth',
  /** Not a real calendar date in `YYYY-MM-DD` form. */
  'invalid-date',
  'date-in-future',
  /** Older than the registration window (default 365 days before today). */
  'date-too-old',
  /** Not a CNK: not digits, more than 7 digits, or zero. */
  'invalid-cnk',
  /** The CNK fails its check digit and the catalog does not know it (a typing mistake). */
  'cnk-check-digit',
  /** The disease given contradicts the catalog entry of the CNK. */
  'disease-conflicts-with-catalog',
  /**
   * The vaccine's name reads as another disease than the one given (a CNK the
   * catalog does not know, named "Influvac" but marked covid or other): every
   * KMEHR reader would classify it by that name.
   */
  'disease-conflicts-with-name',
  'not-allowed-value',
  'quantity-not-positive',
  'quantity-too-large',
  /** More than three decimals. */
  'quantity-too-precise',
  /** Covid-19: the lot number is mandatory. */
  'lot-required-for-covid',
  /** Covid-19: adverse events may not be sent. */
  'adverse-events-not-allowed-for-covid',
  'invalid-riziv',
  /** A valid RIZIV number, but not a pharmacist's (profession digit 2). */
  'not-a-pharmacist',
  'invalid-pharmacy-number',
]);
export type RegistrationIssueReason = z.infer<typeof RegistrationIssueReason>;

export const RegistrationIssue = z.object({
  /** Dotted path of the input field (`vaccine.cnk`); empty for the registration as a whole. */
  field: z.string().max(200),
  reason: RegistrationIssueReason,
});
export type RegistrationIssue = z.infer<typeof RegistrationIssue>;

export function isRegistrationIssueReason(value: string): value is RegistrationIssueReason {
  return (RegistrationIssueReason.options as readonly string[]).includes(value);
}
