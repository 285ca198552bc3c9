/**
 * What the demo pharmacy platform knows about a patient: identity, the INSZ
 * as its patient file holds it, and the vaccinations this pharmacy registered
 * (shown in the e-Form's own table, read by the overlay's adapter).
 */
export interface DemoOwnLine {
  /** The platform's own registration id. */
  id: string;
  /** ISO date. */
  date: string;
  type: 'Grippe' | 'COVID-19';
  cnk?: string;
  vaccine: string;
  /** Vaccinator RIZIV (11 digits). */
  riziv: string;
  lot?: string;
  source: 'FarmaFlux' | 'PopVax FarmaFlux';
}

export interface DemoPatient {
  /** URL id (`?patient=`). */
  id: string;
  name: string;
  /** As stored by the platform: 11 digits (a typo in one demo patient, on purpose). */
  insz: string;
  /** What this patient shows in the overlay (one line, for the demo index). */
  story: string;
  own: DemoOwnLine[];
}
