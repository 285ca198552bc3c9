/**
 * The Body payloads of the two hub calls, as fast-xml-parser builder trees
 * (every value escaped by the builder). Element order and namespaces follow
 * hubservices_core-3_5.xsd: `request` and `select` in the core namespace,
 * the author's hcparty elements in the KMEHR namespace.
 */
import type { KmehrId } from '../../../lib/vaccination.ts';
import type { XmlTree } from '../wss/envelope.ts';
import {
  CD_HCPARTY_SV,
  CD_TRANSACTION_SV,
  ENDUSER_SOFTWARE_SL,
  HUB_NS,
  ID_SV,
  TRANSACTION_VACCINATION,
} from './constants.ts';
import type { ApplicationParty, PharmacyIdentity } from './options.ts';

export interface RequestHeader {
  /** The request's ID-KMEHR. */
  requestId: string;
  now: Date;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** xsd:date and xsd:time of the local clock (what the pharmacist's PC shows). */
export function localDateTime(now: Date): { date: string; time: string } {
  return {
    date: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`,
    time: `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`,
  };
}

let sequence = 0;
/** `<pharmacy number>.<epoch ms><3-digit sequence>`: unique per request of this process (connectors use `<nihii>.<epoch ms>`). */
export function newRequestId(pharmacyNumber: string, now: Date): string {
  sequence = (sequence + 1) % 1000;
  return `${pharmacyNumber}.${now.getTime()}${pad(sequence, 3)}`;
}

/**
 * The author: the pharmacy (orgpharmacy), the titular pharmacist
 * (perspharmacist, INSS + RIZIV) and the application party
 * (LOCAL/endusersoftwareinfo), in the connectors' "variant A" order.
 */
export function authorTree(pharmacy: PharmacyIdentity, application: ApplicationParty): XmlTree {
  const id = (s: string, value: string, sl?: string) => ({ '@_S': s, ...(sl ? { '@_SL': sl } : {}), '@_SV': ID_SV, '#text': value });
  const cd = (value: string) => ({ '@_S': 'CD-HCPARTY', '@_SV': CD_HCPARTY_SV, '#text': value });
  const pharmacist = pharmacy.pharmacist;
  const pharmacistParty: XmlTree = {
    'kmehr:id': [id('ID-HCPARTY', pharmacist.riziv), id('INSS', pharmacist.inss)],
    'kmehr:cd': cd('perspharmacist'),
  };
  if (pharmacist.firstName && pharmacist.familyName) {
    pharmacistParty['kmehr:firstname'] = pharmacist.firstName;
    pharmacistParty['kmehr:familyname'] = pharmacist.familyName;
  }
  const pharmacyParty: XmlTree = { 'kmehr:id': id('ID-HCPARTY', pharmacy.pharmacyNumber), 'kmehr:cd': cd('orgpharmacy') };
  if (pharmacy.pharmacyName) pharmacyParty['kmehr:name'] = pharmacy.pharmacyName;
  return {
    'kmehr:hcparty': [
      pharmacyParty,
      pharmacistParty,
      {
        'kmehr:id': id('LOCAL', application.softwareId, ENDUSER_SOFTWARE_SL),
        'kmehr:cd': cd('application'),
        'kmehr:name': `${application.name} ${application.version}`,
      },
    ],
  };
}

function requestTree(header: RequestHeader, pharmacy: PharmacyIdentity, application: ApplicationParty, extra: XmlTree = {}): XmlTree {
  const { date, time } = localDateTime(header.now);
  return {
    'core:id': { '@_S': 'ID-KMEHR', '@_SV': ID_SV, '#text': header.requestId },
    'core:author': authorTree(pharmacy, application),
    'core:date': date,
    'core:time': time,
    ...extra,
  };
}

const rootAttributes = {
  '@_xmlns:protocol': HUB_NS.protocol,
  '@_xmlns:core': HUB_NS.core,
  '@_xmlns:kmehr': HUB_NS.kmehr,
};

function patientTree(insz: string): XmlTree {
  return { 'core:id': { '@_S': 'INSS', '@_SV': ID_SV, '#text': insz } };
}

export interface ListPage {
  /** paginationinfo/index of the first record wanted. */
  index: number;
}

export function getTransactionListBody(
  header: RequestHeader,
  pharmacy: PharmacyIdentity,
  application: ApplicationParty,
  patientInsz: string,
  page?: ListPage,
): XmlTree {
  const pagination = page ? { 'core:paginationinfo': { 'core:index': String(page.index) } } : {};
  return {
    'protocol:GetTransactionListRequest': {
      ...rootAttributes,
      'core:request': requestTree(header, pharmacy, application, pagination),
      'core:select': {
        'core:patient': patientTree(patientInsz),
        'core:transaction': { 'core:cd': { '@_S': 'CD-TRANSACTION', '@_SV': CD_TRANSACTION_SV, '#text': TRANSACTION_VACCINATION } },
      },
    },
  };
}

/** Schemes allowed for a transaction id (ID-KMEHR type of the 1.26 schema the hub services import). */
const TRANSACTION_ID_SCHEMES = new Set(['LOCAL', 'ID-KMEHR']);

/** The id to ask GetTransaction for: the hub's LOCAL id when listed, else the ID-KMEHR. */
export function transactionIdToRequest(ids: readonly KmehrId[]): KmehrId | undefined {
  return ids.find((i) => i.s === 'LOCAL' && i.sl) ?? ids.find((i) => i.s === 'ID-KMEHR') ?? ids.find((i) => TRANSACTION_ID_SCHEMES.has(i.s));
}

export function getTransactionBody(
  header: RequestHeader,
  pharmacy: PharmacyIdentity,
  application: ApplicationParty,
  patientInsz: string,
  transactionId: KmehrId,
): XmlTree {
  return {
    'protocol:GetTransactionRequest': {
      ...rootAttributes,
      'core:request': requestTree(header, pharmacy, application),
      'core:select': {
        'core:patient': patientTree(patientInsz),
        'core:transaction': {
          'core:id': { '@_S': transactionId.s, ...(transactionId.sl ? { '@_SL': transactionId.sl } : {}), '@_SV': ID_SV, '#text': transactionId.value },
        },
      },
    },
  };
}
