/**
 * `response/paginationinfo` of a GetTransactionList answer (ResponseListType
 * in hubservices_core-3_5.xsd): page size and total record count. Absent
 * when the hub answers in one page.
 */
import { parseXml } from '../../../lib/xml/parse.ts';
import { firstChild, pathFirst, textOf, type XmlElement } from '../../../lib/xml/tree.ts';
import { soapContent } from '../../../lib/kmehr/soap.ts';

export interface PaginationInfo {
  pageSize: number;
  totalRecordCount: number;
}

export function readPagination(soapXml: string, maxBytes: number): PaginationInfo | undefined {
  const parsed = parseXml(soapXml, { maxBytes });
  if (!parsed.ok) return undefined;
  const content = soapContent(parsed.value);
  if (!content.ok || content.value.kind !== 'payload') return undefined;
  return paginationOf(content.value.element);
}

/** The same, from the answer's payload element already read (TransactionListResult.response). */
export function paginationOf(payload: XmlElement): PaginationInfo | undefined {
  const info = pathFirst(payload, 'response', 'paginationinfo');
  if (!info) return undefined;
  const pageSize = Number(textOf(firstChild(info, 'pagesize')));
  const totalRecordCount = Number(textOf(firstChild(info, 'totalrecordcount')));
  if (!Number.isInteger(pageSize) || !Number.isInteger(totalRecordCount) || pageSize < 0 || totalRecordCount < 0) return undefined;
  return { pageSize, totalRecordCount };
}
