/**
 * The `vaccine` item of a registration, children in KMEHR 1.43 `itemType`
 * order: id, cd, content (medicinal product: CNK and name), content (vaccine
 * indication, when the disease has one), content (ATC, when the catalog gives
 * one), beginmoment (administration date), lifecycle `administrated`,
 * quantity, batch (lot). Adverse events, when given, go in a second item
 * `adr` (adverse drug reaction) with the text in the pharmacist's language.
 */
import type { Registration } from '../../registration/check.ts';
import type { Disease } from '../../vaccination.ts';
import { CD, ID, ITEM_VACCINE } from '../codes.ts';
import { SV } from './versions.ts';
import { el, type XmlElementNode } from './xml-writer.ts';

/** CD-VACCINEINDICATION of each disease; `other` has none (the CNK identifies the vaccine). */
export const VACCINE_INDICATION: Readonly<Record<Disease, string | undefined>> = {
  flu: 'seasonalinfluenza',
  covid: 'covid19',
  other: undefined,
};

export const LIFECYCLE_ADMINISTRATED = 'administrated';
export const ITEM_ADVERSE_REACTION = 'adr';

/** `1` → `1`, `0.5` → `0.5`: xsd:decimal without exponent (quantities have at most 3 decimals). */
export function formatDecimal(value: number): string {
  return value.toFixed(3).replace(/\.?0+$/, '');
}

const itemId = (n: number) => el('id', { S: ID.kmehr, SV: SV.idKmehr }, String(n));
const itemCd = (code: string) => el('cd', { S: CD.item, SV: SV.cdItem }, code);

export function vaccineItem(registration: Registration, position: number): XmlElementNode {
  const { vaccine } = registration;
  const indication = VACCINE_INDICATION[vaccine.disease];
  return el('item', undefined, [
    itemId(position),
    itemCd(ITEM_VACCINE),
    el('content', undefined, [
      el('medicinalproduct', undefined, [
        el('intendedcd', { S: CD.drugCnk, SV: SV.cdDrugCnk }, vaccine.cnk),
        el('intendedname', undefined, vaccine.name),
      ]),
    ]),
    indication !== undefined &&
      el('content', undefined, [el('cd', { S: CD.vaccineIndication, SV: SV.cdVaccineIndication }, indication)]),
    vaccine.atc !== undefined && el('content', undefined, [el('cd', { S: CD.atc, SV: SV.cdAtc }, vaccine.atc)]),
    el('beginmoment', undefined, [el('date', undefined, registration.administrationDate)]),
    el('lifecycle', undefined, [el('cd', { S: CD.lifecycle, SV: SV.cdLifecycle }, LIFECYCLE_ADMINISTRATED)]),
    el('quantity', undefined, [el('decimal', undefined, formatDecimal(registration.quantity))]),
    registration.lot !== undefined && el('batch', undefined, registration.lot),
  ]);
}

export function adverseEventsItem(adverseEvents: NonNullable<Registration['adverseEvents']>, position: number): XmlElementNode {
  return el('item', undefined, [
    itemId(position),
    itemCd(ITEM_ADVERSE_REACTION),
    el('content', undefined, [el('text', { L: adverseEvents.language }, adverseEvents.text)]),
  ]);
}
