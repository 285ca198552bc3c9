/**
 * Code-system versions (`SV`) and the KMEHR standard the builder writes, in one
 * place. The XSD checks none of the SV values; these are the ones seen in
 * public vaccination messages (Vitalink, Vaccinnet test messages).
 */

/** CD-STANDARD values the builder can write; both validate against KMEHR 1.43. */
export const KMEHR_STANDARDS = ['20120701', '20260210'] as const;
export type KmehrStandard = (typeof KMEHR_STANDARDS)[number];
/** What vaccination messages seen in the wild use (domain.md). */
export const DEFAULT_KMEHR_STANDARD: KmehrStandard = '20120701';

export const STANDARD_SV: Readonly<Record<KmehrStandard, string>> = {
  '20120701': '1.0',
  '20260210': '1.43',
};

export const SV = {
  idKmehr: '1.0',
  idHcparty: '1.0',
  idPatient: '1.0',
  idLocal: '1.0',
  cdHcparty: '1.1',
  cdSex: '1.1',
  cdTransaction: '1.0',
  cdItem: '1.0',
  cdDrugCnk: '01-2016',
  cdVaccineIndication: '1.0',
  cdAtc: '1.0',
  cdLifecycle: '1.0',
} as const;
