/**
 * What the KMEHR parser reports besides the records. Every item that was not
 * turned into a record has a warning with `dropped: true`; the other warnings
 * describe a record (or the message) that was kept. Reasons never contain an
 * INSZ, a name or any other patient data.
 */

export type KmehrWarningCode =
  /** Item dropped: neither the item nor its transaction has a date. */
  | 'item-missing-date'
  /** Item dropped: its date does not exist or cannot be read. */
  | 'item-invalid-date'
  /** Item dropped: it only gives a year or a year and month. */
  | 'item-imprecise-date'
  /** Item dropped: the record built from it failed validation. */
  | 'item-invalid-record'
  /** Vaccine items skipped because their transaction is not a vaccination (a sumehr, ...). */
  | 'non-vaccination-transaction'
  /** Kept: the transaction's CD-TRANSACTION is empty but it holds vaccine items. */
  | 'transaction-code-empty'
  /** Kept: the transaction date is unusable, so `reportedOn` is absent. */
  | 'transaction-invalid-date'
  /** Kept: a CD-DRUG-CNK that is not a CNK (no `cnk` on the record). */
  | 'cnk-unusable'
  /** Kept: a quantity that is not a decimal number. */
  | 'quantity-unusable'
  /** Kept: the patient identifier fails the INSZ check (value kept as given). */
  | 'patient-insz-invalid'
  /** Kept: the folder has no patient identifier. */
  | 'patient-missing'
  /** Kept: the message covers several patients (`patientInsz` of the result is then absent). */
  | 'several-patients'
  /** The message has no folder. */
  | 'no-folder';

export interface KmehrWarning {
  code: KmehrWarningCode;
  reason: string;
  /** True when one or more vaccine items were not turned into records. */
  dropped: boolean;
  /** 1-based positions, for a human to find the place in the message. */
  folder?: number;
  transaction?: number;
  item?: number;
}
