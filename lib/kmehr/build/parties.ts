/**
 * The care parties of a registration message: the vaccinating pharmacist,
 * the pharmacy (orgpharmacy with its 8-digit number), the application, and
 * the recipient of each target (the hub for Vaccicard, the Flemish
 * public-health agency for Vaccinnet).
 */
import type { Registration } from '../../registration/check.ts';
import { CD, HUB_PARTY_IDS, ID } from '../codes.ts';
import { SV } from './versions.ts';
import { el, type XmlElementNode } from './xml-writer.ts';

/** Where a registration message goes. */
export const KMEHR_TARGETS = ['rsw', 'rsb', 'vaccinnet'] as const;
export type KmehrTarget = (typeof KMEHR_TARGETS)[number];

/** Name, kind and number of each target's recipient party. */
const RECIPIENTS: Readonly<Record<KmehrTarget, { type: string; name: string; id?: string }>> = {
  rsw: { type: 'hub', name: 'RSW', id: HUB_PARTY_IDS.rsw },
  rsb: { type: 'hub', name: 'RSB', id: HUB_PARTY_IDS.rsb },
  // As in the public Vaccinnet test message: the Flemish agency, no number.
  vaccinnet: { type: 'orgpublichealth', name: 'VAZG' },
};

const hcpartyCd = (type: string) => el('cd', { S: CD.hcparty, SV: SV.cdHcparty }, type);
const hcpartyId = (value: string) => el('id', { S: ID.hcparty, SV: SV.idHcparty }, value);

export function pharmacistParty(vaccinator: Registration['vaccinator']): XmlElementNode {
  return el('hcparty', undefined, [
    hcpartyId(vaccinator.riziv),
    hcpartyCd(vaccinator.role),
    el('firstname', undefined, vaccinator.firstName),
    el('familyname', undefined, vaccinator.familyName),
  ]);
}

export function pharmacyParty(pharmacy: Registration['pharmacy']): XmlElementNode {
  return el('hcparty', undefined, [hcpartyId(pharmacy.number), hcpartyCd('orgpharmacy'), el('name', undefined, pharmacy.name)]);
}

export interface SoftwareInfo {
  name: string;
  version: string;
}

export function applicationParty(software: SoftwareInfo): XmlElementNode {
  return el('hcparty', undefined, [hcpartyCd('application'), el('name', undefined, `${software.name} ${software.version}`)]);
}

export function recipientParty(target: KmehrTarget): XmlElementNode {
  const r = RECIPIENTS[target];
  return el('hcparty', undefined, [r.id !== undefined && hcpartyId(r.id), hcpartyCd(r.type), el('name', undefined, r.name)]);
}
