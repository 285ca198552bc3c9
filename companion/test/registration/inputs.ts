/** Registration inputs for the companion tests: today's date, the simulator's pharmacy and pharmacist, catalog vaccines. */
import { randomUUID } from 'node:crypto';
import { brusselsToday } from '../../../lib/registration/brussels-time.ts';
import type { RegistrationInput } from '../../../lib/registration/input.ts';
import { SIMULATED_PHARMACY } from '../../src/simulator/index.ts';

/** Catalog CNKs (lib/vaccines/catalog.json). */
export const CNK = { flu: '4176053', covid: '4293254' } as const;

export function todayIso(): string {
  return brusselsToday(new Date());
}

export function registrationInput(disease: 'flu' | 'covid', insz: string, overrides: Partial<RegistrationInput> = {}): RegistrationInput {
  return {
    patient: { insz, firstName: 'Anne', familyName: "D'Été & <Fils>" },
    administrationDate: todayIso(),
    vaccine: { cnk: CNK[disease] },
    lot: disease === 'covid' ? 'GH2781' : 'AFLUA734BB',
    quantity: 1,
    vaccinator: { riziv: SIMULATED_PHARMACY.pharmacistRiziv, firstName: SIMULATED_PHARMACY.pharmacistFirstName, familyName: SIMULATED_PHARMACY.pharmacistFamilyName },
    pharmacy: { number: SIMULATED_PHARMACY.pharmacyNumber, name: SIMULATED_PHARMACY.pharmacyName },
    ...overrides,
  };
}

export function registrationRequest(disease: 'flu' | 'covid', insz: string, overrides: Partial<RegistrationInput> = {}, key: string = randomUUID()) {
  return { idempotencyKey: key, registration: registrationInput(disease, insz, overrides) };
}
