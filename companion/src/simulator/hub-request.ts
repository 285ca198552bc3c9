/**
 * Reads a GetTransactionList / GetTransaction request the way the simulated
 * hub needs it: which operation, which patient, which transaction, which
 * page, and who the author says they are.
 */
import { attributeNS, childElements, elementChildren, firstChild, textOf } from '../wss/dom.ts';
import { HUB_NS, type HubOperation } from '../hub/constants.ts';
import type { CodedValue } from './kmehr-file.ts';

export interface RequestAuthor {
  /** ID-HCPARTY of every orgpharmacy hcparty. */
  pharmacyNumbers: string[];
  /** INSS of every perspharmacist hcparty. */
  pharmacistInss: string[];
}

export interface HubRequest {
  operation: HubOperation;
  payload: Element;
  request: Element;
  patientInsz: string;
  /** select/transaction/cd values (GetTransactionList). */
  transactionTypes: string[];
  /** select/transaction/id (GetTransaction). */
  transactionId?: CodedValue;
  /** request/paginationinfo/index. */
  pageIndex?: number;
  author: RequestAuthor;
}

export type ReadRequestResult = { ok: true; request: HubRequest } | { ok: false; message: string };

const OPERATIONS: Readonly<Record<string, HubOperation>> = {
  GetTransactionListRequest: 'GetTransactionList',
  GetTransactionRequest: 'GetTransaction',
};

export function readAuthor(request: Element): RequestAuthor {
  const author: RequestAuthor = { pharmacyNumbers: [], pharmacistInss: [] };
  const authorElement = firstChild(request, HUB_NS.core, 'author');
  if (!authorElement) return author;
  for (const party of childElements(authorElement, HUB_NS.kmehr, 'hcparty')) {
    const kids = elementChildren(party);
    const cds = kids.filter((k) => k.localName === 'cd' && attributeNS(k, null, 'S') === 'CD-HCPARTY').map((k) => textOf(k)?.trim());
    const idOf = (scheme: string) =>
      kids.filter((k) => k.localName === 'id' && attributeNS(k, null, 'S') === scheme).map((k) => textOf(k)?.trim() ?? '');
    if (cds.includes('orgpharmacy')) author.pharmacyNumbers.push(...idOf('ID-HCPARTY'));
    if (cds.includes('perspharmacist')) author.pharmacistInss.push(...idOf('INSS'));
  }
  return author;
}

export function readHubRequest(body: Element): ReadRequestResult {
  const payloads = elementChildren(body);
  if (payloads.length !== 1) return { ok: false, message: 'the Body must hold exactly one request element' };
  const payload = payloads[0]!;
  const operation = payload.namespaceURI === HUB_NS.protocol ? OPERATIONS[payload.localName ?? ''] : undefined;
  if (!operation) return { ok: false, message: 'unsupported operation' };
  const request = firstChild(payload, HUB_NS.core, 'request');
  const select = firstChild(payload, HUB_NS.core, 'select');
  if (!request || !select) return { ok: false, message: 'request and select are required' };
  const patient = firstChild(select, HUB_NS.core, 'patient');
  const inss = patient ? childElements(patient, HUB_NS.core, 'id').find((i) => attributeNS(i, null, 'S') === 'INSS') : undefined;
  const patientInsz = textOf(inss)?.trim() ?? '';
  if (!/^\d{11}$/.test(patientInsz)) return { ok: false, message: 'select/patient needs an INSS' };
  const transaction = firstChild(select, HUB_NS.core, 'transaction');
  const result: HubRequest = {
    operation,
    payload,
    request,
    patientInsz,
    transactionTypes: transaction
      ? childElements(transaction, HUB_NS.core, 'cd')
          .filter((c) => attributeNS(c, null, 'S') === 'CD-TRANSACTION')
          .map((c) => textOf(c)?.trim() ?? '')
      : [],
    author: readAuthor(request),
  };
  if (operation === 'GetTransaction') {
    const id = transaction ? firstChild(transaction, HUB_NS.core, 'id') : undefined;
    const s = id ? attributeNS(id, null, 'S') : undefined;
    const value = textOf(id)?.trim();
    if (!id || !s || !value) return { ok: false, message: 'select/transaction/id is required' };
    result.transactionId = { s, sv: attributeNS(id, null, 'SV') ?? '1.0', value };
    const sl = attributeNS(id, null, 'SL');
    if (sl) result.transactionId.sl = sl;
  }
  const pagination = firstChild(request, HUB_NS.core, 'paginationinfo');
  if (pagination) {
    const index = Number(textOf(firstChild(pagination, HUB_NS.core, 'index'))?.trim());
    if (!Number.isInteger(index) || index < 0) return { ok: false, message: 'paginationinfo/index must be a non-negative integer' };
    result.pageIndex = index;
  }
  return { ok: true, request: result };
}
