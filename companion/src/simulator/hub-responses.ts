/**
 * SOAP answers of the simulated hubs, built with fast-xml-parser's builder
 * (every value escaped). The request element is echoed in `response/request`
 * and a KMEHR message is placed verbatim in GetTransactionResponse: both are
 * spliced in as strings.
 */
import { randomBytes } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import type { HubId } from '../../../lib/vaccination.ts';
import { acknowledgeCodeFor } from './ack-codes.ts';
import type { HubErrorCode } from '../../../lib/companion/contract.ts';
import { HUB_NAMES, HUB_NS, HUB_PARTY_NUMBERS } from '../hub/constants.ts';
import { NS } from '../wss/namespaces.ts';
import type { CodedValue, PartyInfo } from './kmehr-file.ts';
import type { SimulatedTransaction } from './patients.ts';
import type { PatientBehaviour } from './patient-behaviour.ts';

type Tree = Record<string, unknown>;

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true, processEntities: true });

/** Builds `tree` and replaces each `splices` key (used as an empty element name) with its raw XML. */
export function buildWithSplices(tree: Tree, splices: Record<string, string>): string {
  let xml = builder.build(tree) as string;
  for (const [marker, raw] of Object.entries(splices)) {
    const placeholder = `<${marker}/>`;
    const at = xml.indexOf(placeholder);
    if (at < 0) throw new Error('splice marker missing');
    xml = xml.slice(0, at) + raw + xml.slice(at + placeholder.length);
  }
  return xml;
}

export const marker = () => `splice_${randomBytes(6).toString('hex')}`;

export function envelope(body: Tree): Tree {
  return { 'soapenv:Envelope': { '@_xmlns:soapenv': NS.soap11, 'soapenv:Body': body } };
}

const pad = (n: number) => String(n).padStart(2, '0');
function dateTime(now: Date) {
  return {
    date: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`,
    time: `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`,
  };
}

const coded = (c: CodedValue): Tree => ({ '@_S': c.s, ...(c.sl ? { '@_SL': c.sl } : {}), '@_SV': c.sv, '#text': c.value });

function hubParty(hub: HubId): Tree {
  return {
    'kmehr:id': { '@_S': 'ID-HCPARTY', '@_SV': '1.0', '#text': HUB_PARTY_NUMBERS[hub] },
    'kmehr:cd': { '@_S': 'CD-HCPARTY', '@_SV': '1.1', '#text': 'hub' },
    'kmehr:name': HUB_NAMES[hub],
  };
}

/** An hcparty of the 1.26 schema: ids and cds of the schemes it knows, then a name. */
const ID_HCPARTY_SCHEMES = new Set(['ID-HCPARTY', 'INSS', 'LOCAL', 'ID-ENCRYPTION-APPLICATION', 'ID-ENCRYPTION-ACTOR', 'ID-ENCRYPTION-KEY', 'ID-INSURANCE', 'ID-CBE', 'ID-EHP']);
function summaryParty(party: PartyInfo): Tree | undefined {
  const cds = party.cds.filter((c) => c.s === 'CD-HCPARTY');
  if (cds.length === 0) return undefined;
  const tree: Tree = { 'kmehr:id': party.ids.filter((i) => ID_HCPARTY_SCHEMES.has(i.s)).map(coded), 'kmehr:cd': cds.map(coded) };
  if (party.name) tree['kmehr:name'] = party.name;
  else if (party.firstname && party.familyname) {
    tree['kmehr:firstname'] = party.firstname;
    tree['kmehr:familyname'] = party.familyname;
  }
  return tree;
}

export function responseTree(hub: HubId, now: Date, requestMarker: string, extra: Tree = {}): Tree {
  const { date, time } = dateTime(now);
  return {
    'core:id': { '@_S': 'ID-KMEHR', '@_SV': '1.0', '#text': `${HUB_PARTY_NUMBERS[hub]}.${now.getTime()}` },
    'core:author': { 'kmehr:hcparty': hubParty(hub) },
    'core:date': date,
    'core:time': time,
    [requestMarker]: '',
    ...extra,
  };
}

export interface AcknowledgeErrorSpec {
  code: string;
  description: string;
}

export function acknowledgeTree(errors: readonly AcknowledgeErrorSpec[]): Tree {
  return {
    'core:iscomplete': 'true',
    'core:error': errors.map((e) => ({
      'kmehr:cd': { '@_S': 'CD-ERROR', '@_SV': '1.0', '#text': e.code },
      'kmehr:description': { '@_L': 'en', '#text': e.description },
    })),
  };
}

export const ROOT_NS = { '@_xmlns:protocol': HUB_NS.protocol, '@_xmlns:core': HUB_NS.core, '@_xmlns:kmehr': HUB_NS.kmehr };

const BEHAVIOUR_OUTCOME: Partial<Record<PatientBehaviour, { outcome: HubErrorCode; description: string }>> = {
  'no-consent': { outcome: 'no-consent', description: 'The patient has not given consent for the exchange of health data.' },
  'no-relation': { outcome: 'no-relation', description: 'There is no therapeutic relation between the care provider and the patient.' },
  excluded: { outcome: 'excluded', description: 'The patient has excluded this care provider from access to the data.' },
  unknown: { outcome: 'patient-unknown', description: 'The patient is unknown to the hub.' },
};

export function acknowledgeErrorFor(behaviour: PatientBehaviour, hub: HubId): AcknowledgeErrorSpec | undefined {
  const spec = BEHAVIOUR_OUTCOME[behaviour];
  return spec ? { code: acknowledgeCodeFor(spec.outcome, hub), description: spec.description } : undefined;
}

export function noDataError(hub: HubId): AcknowledgeErrorSpec {
  return { code: acknowledgeCodeFor('no-data', hub), description: 'No data found for this request.' };
}

export interface ListAnswer {
  hub: HubId;
  now: Date;
  requestXml: string;
  patientInsz: string;
  transactions: readonly SimulatedTransaction[];
  errors: readonly AcknowledgeErrorSpec[];
  pagination?: { pageSize: number; totalRecordCount: number };
}

export function getTransactionListResponse(answer: ListAnswer): string {
  const requestMarker = marker();
  const extra: Tree = answer.pagination
    ? { 'core:paginationinfo': { 'core:pagesize': String(answer.pagination.pageSize), 'core:totalrecordcount': String(answer.pagination.totalRecordCount) } }
    : {};
  const payload: Tree = {
    ...ROOT_NS,
    'core:response': responseTree(answer.hub, answer.now, requestMarker, extra),
    'core:acknowledge': acknowledgeTree(answer.errors),
  };
  const first = answer.transactions[0];
  if (first) {
    payload['core:kmehrheader'] = {
      'core:folder': {
        'core:patient': {
          'kmehr:id': { '@_S': 'INSS', '@_SV': '1.0', '#text': answer.patientInsz },
          'kmehr:firstname': first.patient.firstname,
          'kmehr:familyname': first.patient.familyname,
          'kmehr:sex': { 'kmehr:cd': { '@_S': 'CD-SEX', '@_SV': '1.1', '#text': first.patient.sex } },
        },
        'core:transaction': answer.transactions.map((t) => {
          const parties = t.author.map(summaryParty).filter((p): p is Tree => p !== undefined);
          return {
            'core:id': t.ids.filter((i) => ['ID-KMEHR', 'LOCAL'].includes(i.s)).map(coded),
            'core:cd': t.types.map((value) => ({ '@_S': 'CD-TRANSACTION', '@_SV': '1.0', '#text': value })),
            'core:date': t.date,
            'core:time': t.time,
            'core:author': { 'kmehr:hcparty': parties.length > 0 ? parties : [hubParty(answer.hub)] },
            'core:iscomplete': 'true',
            'core:isvalidated': 'true',
            'core:recorddatetime': `${t.date}T${t.time}`,
          };
        }),
      },
    };
  }
  return buildWithSplices(envelope({ 'protocol:GetTransactionListResponse': payload }), { [requestMarker]: answer.requestXml });
}

export interface TransactionAnswer {
  hub: HubId;
  now: Date;
  requestXml: string;
  transaction?: SimulatedTransaction;
  errors: readonly AcknowledgeErrorSpec[];
}

export function getTransactionResponse(answer: TransactionAnswer): string {
  const requestMarker = marker();
  const messageMarker = marker();
  const payload: Tree = {
    ...ROOT_NS,
    'core:response': responseTree(answer.hub, answer.now, requestMarker),
    'core:acknowledge': acknowledgeTree(answer.errors),
  };
  const splices: Record<string, string> = { [requestMarker]: answer.requestXml };
  if (answer.transaction) {
    payload[messageMarker] = '';
    splices[messageMarker] = answer.transaction.embeddedXml;
  }
  return buildWithSplices(envelope({ 'protocol:GetTransactionResponse': payload }), splices);
}

/** A SOAP 1.1 Fault; `wsse` codes are WS-Security faults, the others soapenv Client/Server. */
export function soapFault(code: { ns: 'wsse'; local: string } | { ns: 'soapenv'; local: 'Client' | 'Server' }, message: string): string {
  const tree: Tree = {
    'soapenv:Envelope': {
      '@_xmlns:soapenv': NS.soap11,
      ...(code.ns === 'wsse' ? { '@_xmlns:wsse': NS.wsse } : {}),
      'soapenv:Body': { 'soapenv:Fault': { faultcode: `${code.ns}:${code.local}`, faultstring: message } },
    },
  };
  return builder.build(tree) as string;
}
