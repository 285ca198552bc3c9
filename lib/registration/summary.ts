/**
 * What a registration record shows of its vaccination: enough for the green
 * history line and its echo matching (date, CNK, name, disease, lot,
 * vaccinator, pharmacy), and nothing more about the patient: no INSZ, no
 * names, no adverse-event text (only whether there was any).
 */
import { z } from 'zod';
import { Disease, IsoDate } from '../vaccination.ts';
import type { Registration } from './check.ts';
import { QUANTITY_MAX, TEXT_LIMITS } from './input.ts';

// Text limits count characters (code points); zod counts UTF-16 units, up to twice as many.
export const RegistrationSummary = z
  .object({
    administrationDate: IsoDate,
    cnk: z.string().regex(/^\d{7}$/),
    name: z.string().min(1).max(TEXT_LIMITS.vaccineName * 2),
    disease: Disease,
    lot: z.string().min(1).max(TEXT_LIMITS.lot * 2).optional(),
    quantity: z.number().positive().max(QUANTITY_MAX),
    vaccinatorRiziv: z.string().regex(/^\d{11}$/),
    pharmacyNumber: z.string().regex(/^\d{8}$/),
    hasAdverseEvents: z.boolean(),
  })
  .strict();
export type RegistrationSummary = z.infer<typeof RegistrationSummary>;

export function registrationSummary(registration: Registration): RegistrationSummary {
  const summary: RegistrationSummary = {
    administrationDate: registration.administrationDate,
    cnk: registration.vaccine.cnk,
    name: registration.vaccine.name,
    disease: registration.vaccine.disease,
    quantity: registration.quantity,
    vaccinatorRiziv: registration.vaccinator.riziv,
    pharmacyNumber: registration.pharmacy.number,
    hasAdverseEvents: registration.adverseEvents !== undefined,
  };
  if (registration.lot !== undefined) summary.lot = registration.lot;
  return summary;
}
