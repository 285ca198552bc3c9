/**
 * Registrations for tests: valid identifiers computed from their check rules,
 * a valid base registration per disease, and fast-check arbitraries that make
 * valid registrations with hostile text (XML metacharacters, quotes, accents,
 * emoji, right-to-left scripts, text at its length bound).
 */
import fc from 'fast-check';
import { luhnCheckDigit } from '../../../lib/identifiers/cnk.ts';
import type { KmehrStandard, KmehrTarget, VaccinationKmehrOptions } from '../../../lib/kmehr/build.ts';
import { brusselsToday } from '../../../lib/registration/brussels-time.ts';
import { TEXT_LIMITS, type RegistrationInput } from '../../../lib/registration/input.ts';
import { LANGS } from '../../../lib/i18n/translate.ts';
import { defaultCatalog } from '../../../lib/vaccines/catalog.ts';
import { classifyVaccine } from '../../../lib/vaccines/classify.ts';
import type { Disease } from '../../../lib/vaccination.ts';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A valid INSZ for a birth date and sequence (century from the year). */
export function makeInsz(year: number, month: number, day: number, sequence: number): string {
  const body = `${pad(year % 100, 2)}${pad(month, 2)}${pad(day, 2)}${pad(sequence, 3)}`;
  const base = Number(body) + (year >= 2000 ? 2_000_000_000 : 0);
  return body + pad(97 - (base % 97), 2);
}

/** A valid pharmacist RIZIV number (profession digit 2, mod-97 check). */
export function makePharmacistRiziv(sequence: number, qualification = 1): string {
  const first6 = `2${pad(sequence % 100_000, 5)}`;
  return first6 + pad(97 - (Number(first6) % 97), 2) + pad(qualification, 3);
}

/** A valid 8-digit pharmacy number (mod-97 check). */
export function makePharmacyNumber(sequence: number): string {
  const first6 = pad(sequence % 1_000_000, 6);
  return first6 + pad(97 - (Number(first6) % 97), 2);
}

/** A 7-digit CNK with a valid Luhn check digit. */
export function makeCnk(body: number): string {
  const six = pad(body % 1_000_000, 6);
  return six + luhnCheckDigit(six);
}

export const CNK = {
  /** Catalog: ALPHARIX TETRA 2020 (flu). */
  flu: '4176053',
  /** Catalog: Comirnaty (covid). */
  covid: '4293254',
  /** Catalog: INFANRIX HEXA (other). */
  other: '1665363',
} as const;

export const TODAY = '2026-10-15';
/** 12:00 in Brussels on TODAY. */
export const NOW = new Date('2026-10-15T10:00:00Z');

export function baseInput(disease: Disease = 'flu'): RegistrationInput {
  return {
    patient: { insz: '85073003328', firstName: 'Jean', familyName: 'Test' },
    administrationDate: '2026-10-14',
    vaccine: { cnk: CNK[disease] },
    lot: 'AB1234',
    quantity: 1,
    vaccinator: { riziv: '20807092001', firstName: 'Marie', familyName: 'Exemple' },
    pharmacy: { number: '80000551', name: 'Pharmacie du Test' },
  };
}

export function baseOptions(overrides: Partial<VaccinationKmehrOptions> = {}): VaccinationKmehrOptions {
  return { messageId: 'f47ac10b-58cc-4372-a567-0e02b2c3d479', now: NOW, target: 'rsw', ...overrides };
}

/** Characters that test escaping and encoding: XML metacharacters, quotes, accents, emoji, RTL, CJK. */
const HOSTILE_UNITS = [
  '&', '<', '>', '"', "'", ']', '=', ';', '#', '/', '\\', '%', '$', '{', '}',
  'é', 'è', 'ç', 'ñ', 'ü', 'ß', 'Å', 'ø', 'Ł', 'œ', 'É', 'Ÿ', 'ĳ',
  '😀', '💉', '🧪', 'α', 'Ж', 'ש', 'ع', '中', '文', '\u00a0',
  'a', 'b', 'z', 'A', 'Q', '0', '9', '-', '.', ',', '(', ')', ' ',
];
/** What can begin and end a text (trimmed text neither starts nor ends with a space). */
const EDGE_UNITS = HOSTILE_UNITS.filter((u) => u.trim() === u);

/** Single-line text of 1..max characters (code points) after trimming. */
export function textArb(max: number): fc.Arbitrary<string> {
  const edge = fc.constantFrom(...EDGE_UNITS);
  const inner = fc.string({ unit: fc.constantFrom(...HOSTILE_UNITS), maxLength: Math.max(0, max - 2) });
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(edge, inner, edge).map(([a, b, c]) => `${a}${b}${c}`) },
    { weight: 1, arbitrary: edge },
    // At the bound: exactly `max` characters.
    { weight: 1, arbitrary: fc.tuple(edge, fc.constantFrom(...HOSTILE_UNITS), edge).map(([a, b, c]) => a + b.repeat(max - 2) + c) },
  );
}

/** Multi-line text (adverse events). */
export function multiLineArb(max: number): fc.Arbitrary<string> {
  return fc
    .array(textArb(Math.min(80, max)), { minLength: 1, maxLength: 4 })
    .map((lines) => lines.join('\n'))
    .filter((t) => [...t].length <= max);
}

/** Names that the classifier reads as no disease, or as `disease` (so checkRegistration accepts them). */
function vaccineNameArb(disease: Disease): fc.Arbitrary<string> {
  return textArb(TEXT_LIMITS.vaccineName).filter((name) => {
    const c = classifyVaccine({ name });
    return c.classifiedBy !== 'name' || c.disease === disease;
  });
}

const catalogWithCnk = defaultCatalog.entries.filter((e) => e.cnk !== null);

export interface Variant {
  input: RegistrationInput;
  options: VaccinationKmehrOptions;
}

/** Valid registrations and build options, covering flu, covid and other, every optional field present or absent. */
export function variantArb(): fc.Arbitrary<Variant> {
  const vaccine = fc.oneof(
    fc.constantFrom(...catalogWithCnk).chain((entry) =>
      fc.record(
        { cnk: fc.constant(entry.cnk!), name: fc.option(textArb(TEXT_LIMITS.vaccineName), { nil: undefined }) },
        { requiredKeys: ['cnk'] },
      ).map((v) => ({ vaccine: v, disease: entry.disease })),
    ),
    fc.tuple(fc.integer({ min: 1, max: 899_999 }), fc.constantFrom<Disease>('flu', 'covid', 'other')).chain(([body, disease]) =>
      vaccineNameArb(disease).map((name) => ({ vaccine: { cnk: makeCnk(body), name, disease }, disease })),
    ),
  );
  const nowArb = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T23:59:59Z'), noInvalidDate: true });
  return fc
    .record({
      vaccine,
      now: nowArb,
      daysBack: fc.integer({ min: 0, max: 365 }),
      birth: fc.record({
        year: fc.integer({ min: 1920, max: 2024 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 28 }),
        sequence: fc.integer({ min: 1, max: 997 }),
      }),
      patientFirst: fc.option(textArb(TEXT_LIMITS.personName), { nil: undefined }),
      patientFamily: fc.option(textArb(TEXT_LIMITS.personName), { nil: undefined }),
      lot: fc.option(textArb(TEXT_LIMITS.lot), { nil: undefined }),
      quantity: fc.option(fc.integer({ min: 1, max: 10_000 }).map((n) => n / 1000), { nil: undefined }),
      riziv: fc.integer({ min: 0, max: 99_999 }),
      qualification: fc.integer({ min: 1, max: 3 }),
      vaccinatorFirst: textArb(TEXT_LIMITS.personName),
      vaccinatorFamily: textArb(TEXT_LIMITS.personName),
      pharmacy: fc.integer({ min: 1, max: 999_999 }),
      pharmacyName: textArb(TEXT_LIMITS.pharmacyName),
      adverse: fc.option(fc.record({ text: multiLineArb(TEXT_LIMITS.adverseEvents), language: fc.constantFrom(...LANGS) }), {
        nil: undefined,
      }),
      target: fc.constantFrom<KmehrTarget>('rsw', 'rsb', 'vaccinnet'),
      standard: fc.option(fc.constantFrom<KmehrStandard>('20120701', '20260210'), { nil: undefined }),
      software: fc.option(fc.record({ name: textArb(100), version: fc.constantFrom('0.1.0', '1.2.3-beta.1', 'v2') }), {
        nil: undefined,
      }),
      registrationId: fc.option(fc.uuid(), { nil: undefined }),
      messageId: fc.uuid(),
    })
    .map((r) => {
      const covid = r.vaccine.disease === 'covid';
      const today = brusselsToday(r.now);
      const date = new Date(Date.parse(`${today}T00:00:00Z`) - r.daysBack * 86_400_000).toISOString().slice(0, 10);
      const input: RegistrationInput = {
        patient: { insz: makeInsz(r.birth.year, r.birth.month, r.birth.day, r.birth.sequence) },
        administrationDate: date,
        vaccine: r.vaccine.vaccine,
        vaccinator: {
          riziv: makePharmacistRiziv(r.riziv, r.qualification),
          firstName: r.vaccinatorFirst,
          familyName: r.vaccinatorFamily,
        },
        pharmacy: { number: makePharmacyNumber(r.pharmacy), name: r.pharmacyName },
      };
      if (r.patientFirst !== undefined) input.patient.firstName = r.patientFirst;
      if (r.patientFamily !== undefined) input.patient.familyName = r.patientFamily;
      // Covid: the lot is mandatory and adverse events are refused.
      const lot = covid ? (r.lot ?? 'LOT-COVID-1') : r.lot;
      if (lot !== undefined) input.lot = lot;
      if (r.quantity !== undefined) input.quantity = r.quantity;
      if (r.adverse !== undefined && !covid) input.adverseEvents = r.adverse;
      const options: VaccinationKmehrOptions = { messageId: r.messageId, now: r.now, target: r.target };
      if (r.standard !== undefined) options.standard = r.standard;
      if (r.software !== undefined) options.software = r.software;
      if (r.registrationId !== undefined) options.registrationId = r.registrationId;
      return { input, options };
    });
}
