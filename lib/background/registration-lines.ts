/**
 * What the lookups need of the registration service: the green lines (and
 * their views) of a patient's registrations made through this product, and a
 * word when a panel starts showing a patient (so that patient's unsettled
 * registrations are followed).
 */
import type { RegistrationView } from '../messages.ts';
import type { OwnVaccination } from '../vaccination.ts';

export interface RegistrationLines {
  forPatient(insz: string): Promise<{ own: OwnVaccination[]; views: RegistrationView[] }>;
  patientShown(insz: string): void;
}
