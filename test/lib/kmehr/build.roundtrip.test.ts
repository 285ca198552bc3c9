/**
 * What the builder writes reads back through the foundation's parser
 * (parseKmehrMessage) as the same vaccination: date, CNK, name, disease, lot,
 * quantity, vaccinator, organisation and patient, with no parser warning.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildVaccinationKmehr } from '../../../lib/kmehr/build.ts';
import { parseKmehrMessage } from '../../../lib/kmehr/parse.ts';
import { brusselsToday } from '../../../lib/registration/brussels-time.ts';
import { checkRegistration, type Registration } from '../../../lib/registration/check.ts';
import type { RegistrationInput } from '../../../lib/registration/input.ts';
import type { VaccinationKmehrOptions } from '../../../lib/kmehr/build.ts';
import { variantArb } from '../registration/factory.ts';
import { BUILD_CASES } from './build-cases.ts';

const INDICATIONS = { flu: ['seasonalinfluenza'], covid: ['covid19'], other: [] };

function roundTrip(input: RegistrationInput, options: VaccinationKmehrOptions): void {
  const checked = checkRegistration(input, options.now);
  if (!checked.ok) throw new Error(`variant must be valid: ${JSON.stringify(checked.issues)}`);
  const r: Registration = checked.value;
  const parsed = parseKmehrMessage(buildVaccinationKmehr(input, options));
  if (!parsed.ok) throw new Error(`parse failed: ${parsed.error.reason}`);
  expect(parsed.value.warnings).toEqual([]);
  expect(parsed.value.patientInsz).toBe(r.patient.insz);
  expect(parsed.value.records).toHaveLength(1);
  const record = parsed.value.records[0]!;
  const transactionIds = [{ s: 'ID-KMEHR', value: '1' }];
  if (options.registrationId !== undefined) {
    transactionIds.push({ s: 'LOCAL', sl: 'vaccicard-overlay-registration', value: options.registrationId } as never);
  }
  expect(record).toEqual({
    id: expect.any(String),
    transactionIds,
    patientInsz: r.patient.insz,
    date: r.administrationDate,
    dateFrom: 'item',
    reportedOn: brusselsToday(options.now),
    disease: r.vaccine.disease,
    classifiedBy: expect.any(String),
    cnk: r.vaccine.cnk,
    cnkValid: true,
    name: r.vaccine.name,
    atc: r.vaccine.atc === undefined ? [] : [r.vaccine.atc],
    indications: INDICATIONS[r.vaccine.disease],
    ...(r.lot === undefined ? {} : { lot: r.lot }),
    quantity: r.quantity,
    lifecycle: 'administrated',
    vaccinator: {
      riziv: r.vaccinator.riziv,
      rizivValid: true,
      role: 'perspharmacist',
      name: `${r.vaccinator.firstName} ${r.vaccinator.familyName}`,
    },
    organisation: { id: r.pharmacy.number, type: 'orgpharmacy', name: r.pharmacy.name },
  });
}

describe('builder → parser round trip', () => {
  it.each(BUILD_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    roundTrip(c.input, c.options);
  });

  it('holds for generated registrations (fixed seed)', () => {
    fc.assert(
      fc.property(variantArb(), ({ input, options }) => {
        roundTrip(input, options);
      }),
      { seed: 20_261_015, numRuns: 300 },
    );
  });
});
