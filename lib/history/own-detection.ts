/**
 * Is a Vaccicard record this pharmacy's own registration?
 */
import type { VaccinationRecord } from '../vaccination.ts';
import { digitsOf, personPart } from './same-vaccination.ts';

export interface PharmacyIdentity {
  /** The pharmacy's 8-digit RIZIV (officine) number. */
  pharmacyNumber?: string;
  /** RIZIV numbers of the pharmacists working here (settings). */
  pharmacistRizivs: readonly string[];
}

/**
 * Own when the vaccinator is one of the pharmacy's pharmacists (same person: the
 * first eight digits of the RIZIV number, separators ignored), or when the
 * organisation is the pharmacy (same digits; an 11-digit organisation id counts
 * when its first eight digits are the 8-digit pharmacy number). Empty numbers
 * never match.
 */
export function isOwnRecord(record: VaccinationRecord, identity: PharmacyIdentity): boolean {
  const vaccinator = personPart(record.vaccinator?.riziv);
  if (vaccinator !== '' && identity.pharmacistRizivs.some((r) => personPart(r) === vaccinator)) return true;

  const pharmacy = digitsOf(identity.pharmacyNumber);
  const organisation = digitsOf(record.organisation?.id);
  if (pharmacy === '' || organisation === '') return false;
  if (organisation === pharmacy) return true;
  return pharmacy.length === 8 && organisation.length === 11 && organisation.startsWith(pharmacy);
}
