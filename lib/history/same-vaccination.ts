/**
 * The comparisons the merge is built on: is this the same care provider, the
 * same vaccine, this pharmacy?
 */
import type { Disease } from '../vaccination.ts';

/** Digits only: `2-08070-92-001` and `20807092001` compare equal. */
export function digitsOf(value: string | undefined): string {
  return (value ?? '').replace(/\D/g, '');
}

/**
 * The part of a RIZIV number that identifies the person: the first eight digits of
 * an 11-digit number (the last three are a qualification that can change), or the
 * whole number otherwise. Empty when there are no digits.
 */
export function personPart(riziv: string | undefined): string {
  const d = digitsOf(riziv);
  return d.length === 11 ? d.slice(0, 8) : d;
}

/** Both numbers name the same person. False when either is missing. */
export function samePerson(a: string | undefined, b: string | undefined): boolean {
  const pa = personPart(a);
  return pa !== '' && pa === personPart(b);
}

/** What a line or record says about which vaccine it is. */
export interface VaccineFacts {
  cnk?: string | undefined;
  disease?: Disease | undefined;
  vaccinnetCode?: string | undefined;
  atc?: readonly string[] | undefined;
  indications?: readonly string[] | undefined;
}

export type VaccineMatch = 'cnk' | 'disease';

const norm = (s: string) => s.trim().toLowerCase();

function codesAgree(a: readonly string[] | undefined, b: readonly string[] | undefined, prefix: boolean): boolean {
  if (!a?.length || !b?.length) return true;
  return a.some((x) =>
    b.some((y) => {
      const nx = norm(x);
      const ny = norm(y);
      return prefix ? nx.startsWith(ny) || ny.startsWith(nx) : nx === ny;
    }),
  );
}

/**
 * Same vaccine: the same CNK when both carry one; otherwise the same disease, and no
 * contradiction in the finer codes both sides carry (Vaccinnet code; ATC, where one
 * code may be a prefix of the other; vaccine indications). Returns how it matched, or
 * undefined. A side without a disease and without a shared CNK cannot match.
 */
export function sameVaccine(a: VaccineFacts, b: VaccineFacts): VaccineMatch | undefined {
  if (a.cnk && b.cnk) return a.cnk === b.cnk ? 'cnk' : undefined;
  if (a.disease === undefined || a.disease !== b.disease) return undefined;
  if (a.vaccinnetCode && b.vaccinnetCode && norm(a.vaccinnetCode) !== norm(b.vaccinnetCode)) return undefined;
  if (!codesAgree(a.atc, b.atc, true)) return undefined;
  if (!codesAgree(a.indications, b.indications, false)) return undefined;
  return 'disease';
}
