/**
 * Hand-picked builder cases (valid registrations): each disease, each target,
 * every optional field absent and present, names with XML metacharacters,
 * quotes, accents and emoji, and text at its length bound. Shared by the
 * builder's structure, XSD and round-trip tests.
 */
import type { VaccinationKmehrOptions } from '../../../lib/kmehr/build.ts';
import { TEXT_LIMITS, type RegistrationInput } from '../../../lib/registration/input.ts';
import { baseInput, baseOptions, CNK, makeCnk, makeInsz } from '../registration/factory.ts';

export interface BuildCase {
  name: string;
  input: RegistrationInput;
  options: VaccinationKmehrOptions;
}

const without = <T extends object, K extends keyof T>(obj: T, ...keys: K[]): Omit<T, K> => {
  const copy = { ...obj };
  for (const k of keys) delete copy[k];
  return copy;
};

const long = (unit: string, n: number) => [...unit].length === 1 ? unit.repeat(n) : [...unit.repeat(n)].slice(0, n).join('');

export const BUILD_CASES: readonly BuildCase[] = [
  {
    name: 'flu, catalog CNK, no optional field',
    input: {
      ...without(baseInput('flu'), 'lot', 'quantity'),
      patient: { insz: '85073003328' },
    },
    options: baseOptions(),
  },
  {
    name: 'flu, every optional field',
    input: {
      ...baseInput('flu'),
      vaccine: { cnk: CNK.flu, name: 'Alpharix Tetra (2020)', disease: 'flu' },
      quantity: 0.5,
      adverseEvents: { text: 'Rougeur au point d’injection.\nFièvre légère (38,1 °C) le soir.', language: 'fr' },
    },
    options: baseOptions({
      target: 'rsb',
      standard: '20260210',
      software: { name: 'Vaccicard overlay', version: '0.1.0' },
      registrationId: '0b6c3f0e-8a4e-4b51-9c55-0c7f6b1f2d3e',
    }),
  },
  { name: 'covid, catalog CNK, lot', input: { ...baseInput('covid'), lot: 'FK1234' }, options: baseOptions() },
  {
    name: 'covid, CNK not in the catalog, name and disease given',
    input: { ...baseInput('covid'), vaccine: { cnk: makeCnk(777_001), name: 'Comirnaty LP.8.1 30 µg', disease: 'covid' }, lot: 'LP81-001' },
    options: baseOptions({ target: 'vaccinnet' }),
  },
  { name: 'other, catalog CNK', input: without(baseInput('other'), 'lot'), options: baseOptions({ target: 'vaccinnet' }) },
  {
    name: 'other, CNK not in the catalog, metacharacters in the name',
    input: { ...baseInput('other'), vaccine: { cnk: makeCnk(123_456), name: 'Vaccin <test> & "co" \'x\' ]]>', disease: 'other' } },
    options: baseOptions(),
  },
  {
    name: 'names with &, <, >, quotes',
    input: {
      ...baseInput('flu'),
      patient: { insz: '85073003328', firstName: 'Jean & <Marie>', familyName: 'O\'Neil "Junior"' },
      vaccinator: { riziv: '20807092001', firstName: "D'Artagnan <&>", familyName: 'Dupont "Le Grand" & Fils' },
      pharmacy: { number: '80000551', name: 'Pharmacie <Centrale> & Co "Test" \'s' },
      lot: 'A&B<1>"2\'',
    },
    options: baseOptions(),
  },
  {
    name: 'accents and other scripts',
    input: {
      ...baseInput('flu'),
      patient: { insz: '85073003328', firstName: 'Françoise-Hélène', familyName: 'Müller-Lüdenscheidt' },
      vaccinator: { riziv: '20807092001', firstName: 'Łukasz', familyName: 'Ærøskøbing Œuvre' },
      pharmacy: { number: '80000551', name: 'Apotheek Ĳzendijke – 中文 עברית' },
    },
    options: baseOptions(),
  },
  {
    name: 'emoji',
    input: {
      ...baseInput('other'),
      vaccinator: { riziv: '20807092001', firstName: 'Zoë 😀', familyName: '💉 Piqûre' },
      pharmacy: { number: '80000551', name: 'Pharmacie 💊 du Centre 👩‍⚕️' },
      lot: 'LOT😀1',
      adverseEvents: { text: 'Léger malaise 😵‍💫, résolu', language: 'fr' },
    },
    options: baseOptions(),
  },
  {
    name: 'every text at its length bound',
    input: {
      ...baseInput('other'),
      patient: { insz: '85073003328', firstName: long('é', TEXT_LIMITS.personName), familyName: long('&', TEXT_LIMITS.personName) },
      vaccine: { cnk: makeCnk(424_242), name: long('<', TEXT_LIMITS.vaccineName), disease: 'other' },
      lot: long('"', TEXT_LIMITS.lot),
      vaccinator: { riziv: '20807092001', firstName: long('😀', TEXT_LIMITS.personName), familyName: long("'", TEXT_LIMITS.personName) },
      pharmacy: { number: '80000551', name: long('>', TEXT_LIMITS.pharmacyName) },
      adverseEvents: { text: long('a\n', TEXT_LIMITS.adverseEvents - 1) + 'b', language: 'nl' },
    },
    options: baseOptions({ messageId: long('a', 64) }),
  },
  {
    name: 'BIS number without sex, Vaccinnet',
    input: { ...baseInput('flu'), patient: { insz: makeInsz(1985, 27, 30, 33) } },
    options: baseOptions({ target: 'vaccinnet' }),
  },
  {
    name: 'patient born in 2017, INSZ typed with separators',
    input: { ...baseInput('covid'), patient: { insz: '17.07.30-033.84' }, administrationDate: '2026-10-15', quantity: 0.25 },
    options: baseOptions({ target: 'rsb' }),
  },
  {
    name: 'oldest allowed date (365 days back)',
    input: { ...baseInput('flu'), administrationDate: '2025-10-15' },
    options: baseOptions(),
  },
  {
    name: 'just after midnight in Brussels (22:30 UTC): the Belgian date counts',
    input: { ...baseInput('flu'), administrationDate: '2026-10-01' },
    options: baseOptions({ now: new Date('2026-09-30T22:30:00Z') }),
  },
];
