/**
 * SIMULATOR ONLY. What the simulated STS "knows" about pharmacies, the way
 * eHealth's registries do: which pharmacy numbers are recognised pharmacies
 * and who is their titular pharmacist (SSIN, RIZIV, name). The certified
 * attributes of the issued assertion are answered from this table.
 */
export interface SimulatedPharmacist {
  ssin: string;
  /** 11-digit RIZIV/NIHII. */
  riziv: string;
  givenName: string;
  surname: string;
}

export interface SimulatedPharmacy {
  /** 8-digit pharmacy number. */
  pharmacyNumber: string;
  recognised: boolean;
  titular: SimulatedPharmacist;
}

export interface PharmacyRegistry {
  pharmacy(pharmacyNumber: string): SimulatedPharmacy | undefined;
  person(ssin: string): SimulatedPharmacist | undefined;
}

export function createPharmacyRegistry(pharmacies: readonly SimulatedPharmacy[]): PharmacyRegistry {
  const byNumber = new Map(pharmacies.map((p) => [p.pharmacyNumber, p]));
  const bySsin = new Map(pharmacies.map((p) => [p.titular.ssin, p.titular]));
  return {
    pharmacy: (n) => byNumber.get(n),
    person: (ssin) => bySsin.get(ssin),
  };
}
