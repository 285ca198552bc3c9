/**
 * The simulator's built-in identity: a synthetic pharmacy whose numbers pass
 * their checks (they are the ones the synthetic patients' own-pharmacy
 * registrations use). Used by `start --simulator` when no configuration file
 * exists; allowed origins then come from `COMPANION_ALLOWED_ORIGINS`, else any
 * well-formed extension origin (see origins.ts). Vaccicard registrations go
 * through RSW (wallonia); the simulated Vaccinnet is enabled too.
 */
export const DEMO_IDENTITY = {
  pharmacyNumber: '80000551',
  titularPharmacistRiziv: '20807092001',
  titularPharmacistInss: '80010112379',
  secondPharmacistRiziv: '21234585001',
  region: 'wallonia',
  softwareId: 'demo_vaccicard-overlay',
} as const;

/** The demo as configuration-file input (validated like any file). */
export function demoConfigInput(): Record<string, unknown> {
  return {
    pharmacy: {
      pharmacyNumber: DEMO_IDENTITY.pharmacyNumber,
      name: 'Demo pharmacy (simulator)',
      region: DEMO_IDENTITY.region,
      pharmacist: { riziv: DEMO_IDENTITY.titularPharmacistRiziv, inss: DEMO_IDENTITY.titularPharmacistInss },
      otherPharmacists: [{ riziv: DEMO_IDENTITY.secondPharmacistRiziv }],
    },
    softwareId: DEMO_IDENTITY.softwareId,
    // The simulator also runs a simulated Vaccinnet: registrations may name it explicitly.
    registration: { vaccinnet: { enabled: true } },
  };
}
