/**
 * Writes a KMEHR `vaccination` message (one folder, one transaction, one
 * vaccine item) that validates against the KMEHR 1.43 schema: element order
 * of itemType, medicinal product with CNK, vaccine indication + ATC +
 * Vaccinnet code, administration date in beginmoment, lifecycle, quantity
 * and lot. Used for the synthetic patients; human-editable output.
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { HubId, IsoDate } from '../../../lib/vaccination.ts';
import { HUB_NAMES, HUB_NS, HUB_PARTY_NUMBERS } from '../hub/constants.ts';

export interface VaccineProduct {
  cnk: string;
  name: string;
  atc: string;
  /** CD-VACCINEINDICATION values. */
  indications: readonly string[];
  vaccinnetCode?: string;
}

export interface VaccinatorSpec {
  riziv: string;
  role: 'persphysician' | 'persnurse' | 'perspharmacist' | 'persmidwife';
  firstname: string;
  familyname: string;
  /** For a pharmacist: the pharmacy. */
  organisation?: { number: string; type: 'orgpharmacy'; name: string };
}

export interface PatientSpec {
  insz: string;
  firstname: string;
  familyname: string;
  sex: 'male' | 'female';
}

export interface VaccinationMessageSpec {
  patient: PatientSpec;
  /** The hub-side LOCAL id of the transaction. */
  localId: string;
  /** Which hub stores it (the message's recipient). */
  hub: HubId;
  date: IsoDate;
  /** hh:mm:ss */
  time: string;
  vaccine: VaccineProduct;
  vaccinator: VaccinatorSpec;
  lot?: string;
  lifecycle?: 'administrated' | 'cancelled';
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
  processEntities: true,
  format: true,
  indentBy: '  ',
});

const id = (s: string, value: string, sl?: string) => ({ '@_S': s, ...(sl ? { '@_SL': sl } : {}), '@_SV': '1.0', '#text': value });
const cd = (s: string, value: string, sv = '1.0', sl?: string) => ({ '@_S': s, ...(sl ? { '@_SL': sl } : {}), '@_SV': sv, '#text': value });

function vaccinatorParties(v: VaccinatorSpec): object[] {
  const person = {
    id: id('ID-HCPARTY', v.riziv),
    cd: cd('CD-HCPARTY', v.role, '1.1'),
    firstname: v.firstname,
    familyname: v.familyname,
  };
  if (!v.organisation) return [person];
  return [person, { id: id('ID-HCPARTY', v.organisation.number), cd: cd('CD-HCPARTY', v.organisation.type, '1.1'), name: v.organisation.name }];
}

export function buildVaccinationMessage(spec: VaccinationMessageSpec): string {
  const v = spec.vaccine;
  const contentCodes = [
    ...v.indications.map((i) => cd('CD-VACCINEINDICATION', i)),
    cd('CD-ATC', v.atc),
    ...(v.vaccinnetCode ? [cd('LOCAL', v.vaccinnetCode, '1.0', 'VACCINNETCODE')] : []),
  ];
  const item: Record<string, unknown> = {
    id: id('ID-KMEHR', '1'),
    cd: cd('CD-ITEM', 'vaccine'),
    content: [{ medicinalproduct: { intendedcd: cd('CD-DRUG-CNK', v.cnk), intendedname: v.name } }, { cd: contentCodes }],
    beginmoment: { date: spec.date },
    lifecycle: { cd: cd('CD-LIFECYCLE', spec.lifecycle ?? 'administrated') },
    quantity: { decimal: '1' },
  };
  if (spec.lot) item['batch'] = spec.lot;
  const tree = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    kmehrmessage: {
      '@_xmlns': HUB_NS.kmehr,
      header: {
        standard: { cd: cd('CD-STANDARD', '20120701') },
        id: id('ID-KMEHR', `${HUB_PARTY_NUMBERS[spec.hub]}.${spec.localId}`),
        date: spec.date,
        time: spec.time,
        sender: { hcparty: vaccinatorParties(spec.vaccinator) },
        recipient: { hcparty: { id: id('ID-HCPARTY', HUB_PARTY_NUMBERS[spec.hub]), cd: cd('CD-HCPARTY', 'hub', '1.1'), name: HUB_NAMES[spec.hub] } },
      },
      folder: {
        id: id('ID-KMEHR', '1'),
        patient: {
          id: id('ID-PATIENT', spec.patient.insz),
          firstname: spec.patient.firstname,
          familyname: spec.patient.familyname,
          sex: { cd: cd('CD-SEX', spec.patient.sex) },
        },
        transaction: {
          id: [id('ID-KMEHR', '1'), id('LOCAL', spec.localId, 'vaccicard-transaction-id')],
          cd: cd('CD-TRANSACTION', 'vaccination'),
          date: spec.date,
          time: spec.time,
          author: { hcparty: vaccinatorParties(spec.vaccinator) },
          iscomplete: 'true',
          isvalidated: 'true',
          item,
        },
      },
    },
  };
  return builder.build(tree) as string;
}
