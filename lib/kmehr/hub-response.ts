/**
 * Hub services v3 answers (hubservices-3.5 XSD):
 * - GetTransactionListResponse: response, acknowledge, kmehrheader/folder/
 *   transaction summaries (ids, CD-TRANSACTION, date, ...);
 * - GetTransactionResponse: response, acknowledge, kmehrmessage.
 * Elements of the hub namespaces (protocol v3, core v3) and of KMEHR are read
 * by local name, so any prefixes work. A SOAP Fault is a valid answer with an
 * error outcome; an answer that is not what was asked for is a typed error.
 */
import type { Catalog } from '../vaccines/catalog.ts';
import type { HubId, IsoDate, KmehrId } from '../vaccination.ts';
import { extractCheckedElementXml, extractElementXml } from '../xml/extract.ts';
import { parseXmlWithText, type XmlLimits } from '../xml/parse.ts';
import { quotableName } from '../xml/reason-text.ts';
import { xmlFail, xmlOk, type XmlResult } from '../xml/result.ts';
import { attr, childrenNamed, firstChild, textOf, type XmlElement } from '../xml/tree.ts';
import { CD } from './codes.ts';
import { parseKmehrDate } from './date.ts';
import { codesOf, readIds } from './hcparty.ts';
import { outcomeFromAcknowledge, outcomeFromSoapFault, type Acknowledge, type AcknowledgeError, type HubOutcome } from './hub-errors.ts';
import { parseKmehrElement, type KmehrParseResult } from './parse.ts';
import { soapContent } from './soap.ts';

/** A SOAP answer may hold a whole KMEHR message plus the envelope: 4 MB. */
export const DEFAULT_SOAP_MAX_BYTES = 4_000_000;
/** The extracted kmehrmessage must fit the companion contract (KmehrTransaction.kmehr). */
export const DEFAULT_KMEHR_MAX_CHARS = 2_000_000;

export interface HubResponseOptions {
  hub?: HubId;
  /** Byte cap of the SOAP text (default 4 MB). */
  maxBytes?: number;
  limits?: Partial<XmlLimits>;
  catalog?: Catalog;
}

export interface HubTransactionSummary {
  /** Every id of the transaction, as the hub gave them: pass them back in GetTransaction. */
  ids: KmehrId[];
  /** CD-TRANSACTION values (`vaccination`, ...). */
  types: string[];
  date?: IsoDate;
}

export interface TransactionListResult {
  outcome: HubOutcome;
  acknowledge: Acknowledge;
  transactions: HubTransactionSummary[];
  /** The GetTransactionListResponse element as read (absent for a SOAP Fault): what else the caller reads in it (pagination) without parsing the answer again. */
  response?: XmlElement;
}

export interface TransactionResult {
  outcome: HubOutcome;
  acknowledge: Acknowledge;
  /** The kmehrmessage as standalone XML (see extractKmehrMessageXml), when the answer has one. */
  kmehrXml?: string;
  /** The records read from it. */
  kmehr?: KmehrParseResult;
}

function limitsOf(opts: HubResponseOptions): Partial<XmlLimits> {
  return { ...opts.limits, maxBytes: opts.maxBytes ?? opts.limits?.maxBytes ?? DEFAULT_SOAP_MAX_BYTES };
}

export function readAcknowledge(payload: XmlElement): XmlResult<Acknowledge> {
  const ack = firstChild(payload, 'acknowledge');
  if (!ack) return xmlFail('invalid-content', 'the hub answer has no acknowledge');
  const complete = textOf(firstChild(ack, 'iscomplete'));
  if (complete !== 'true' && complete !== 'false' && complete !== '1' && complete !== '0') {
    return xmlFail('invalid-content', 'the hub answer has no valid acknowledge/iscomplete');
  }
  const errors: AcknowledgeError[] = childrenNamed(ack, 'error').map((el) => {
    const cds = childrenNamed(el, 'cd');
    const cd = cds.find((c) => attr(c, 'S') === CD.error) ?? cds[0];
    const error: AcknowledgeError = {};
    const code = textOf(cd);
    if (code !== undefined) error.code = code;
    const s = attr(cd, 'S');
    if (s !== undefined) error.codeSystem = attr(cd, 'SL') ? `${s}/${attr(cd, 'SL')}` : s;
    const description = textOf(firstChild(el, 'description'));
    if (description !== undefined) error.description = description;
    const url = textOf(firstChild(el, 'url'));
    if (url !== undefined) error.url = url;
    return error;
  });
  return xmlOk({ complete: complete === 'true' || complete === '1', errors });
}

type Expected = 'GetTransactionListResponse' | 'GetTransactionResponse';

function payloadOf(
  soapXml: string,
  expected: Expected,
  opts: HubResponseOptions,
): XmlResult<{ kind: 'fault'; outcome: HubOutcome } | { kind: 'payload'; element: XmlElement; acknowledge: Acknowledge; outcome: HubOutcome; checkedText: string }> {
  const parsed = parseXmlWithText(soapXml, limitsOf(opts));
  if (!parsed.ok) return parsed;
  const content = soapContent(parsed.value.root);
  if (!content.ok) return content;
  if (content.value.kind === 'fault') return xmlOk({ kind: 'fault', outcome: outcomeFromSoapFault(content.value.fault) });
  const element = content.value.element;
  if (element.name !== expected) {
    const shown = quotableName(element.name);
    return xmlFail('not-kmehr', `expected a ${expected}, got ${shown !== undefined ? `<${shown}>` : 'another element'}`);
  }
  const acknowledge = readAcknowledge(element);
  if (!acknowledge.ok) return acknowledge;
  return xmlOk({ kind: 'payload', element, acknowledge: acknowledge.value, outcome: outcomeFromAcknowledge(acknowledge.value, opts.hub), checkedText: parsed.value.text });
}

const NO_ACK: Acknowledge = Object.freeze({ complete: false, errors: [] });

/** Reads a GetTransactionList answer. Never throws. */
export function parseGetTransactionListResponse(soapXml: string, opts: HubResponseOptions = {}): XmlResult<TransactionListResult> {
  try {
    const got = payloadOf(soapXml, 'GetTransactionListResponse', opts);
    if (!got.ok) return got;
    if (got.value.kind === 'fault') return xmlOk({ outcome: got.value.outcome, acknowledge: { ...NO_ACK, errors: [] }, transactions: [] });
    const { element, acknowledge, outcome } = got.value;
    const transactions: HubTransactionSummary[] = [];
    for (const folder of childrenNamed(firstChild(element, 'kmehrheader'), 'folder')) {
      for (const tx of childrenNamed(folder, 'transaction')) {
        const ids = readIds(tx);
        if (ids.length === 0) return xmlFail('invalid-content', 'a listed transaction has no id');
        const summary: HubTransactionSummary = { ids, types: codesOf(tx, CD.transaction) };
        const date = parseKmehrDate(textOf(firstChild(tx, 'date')));
        if (date.ok) summary.date = date.date;
        transactions.push(summary);
      }
    }
    return xmlOk({ outcome, acknowledge, transactions, response: element });
  } catch {
    return xmlFail('invalid-content', 'the GetTransactionList answer could not be read');
  }
}

/** Reads a GetTransaction answer, its kmehrmessage as standalone XML, and the records in it. Never throws. */
export function parseGetTransactionResponse(soapXml: string, opts: HubResponseOptions = {}): XmlResult<TransactionResult> {
  try {
    const got = payloadOf(soapXml, 'GetTransactionResponse', opts);
    if (!got.ok) return got;
    if (got.value.kind === 'fault') return xmlOk({ outcome: got.value.outcome, acknowledge: { ...NO_ACK, errors: [] } });
    const { element, acknowledge, outcome, checkedText } = got.value;
    const messages = childrenNamed(element, 'kmehrmessage');
    const result: TransactionResult = { outcome, acknowledge };
    if (messages.length > 1) return xmlFail('invalid-content', 'the GetTransaction answer holds more than one kmehrmessage');
    const message = messages[0];
    if (!message) return xmlOk(result);
    const kmehr = parseKmehrElement(message, { hub: opts.hub, catalog: opts.catalog });
    if (!kmehr.ok) return kmehr;
    // The answer passed every check just above (same text, same limits): cut the message out without checking it again.
    const text = kmehrMessageOf(extractCheckedElementXml(checkedText, 'kmehrmessage'), DEFAULT_KMEHR_MAX_CHARS);
    if (!text.ok) return text;
    result.kmehr = kmehr.value;
    result.kmehrXml = text.value;
    return xmlOk(result);
  } catch {
    return xmlFail('invalid-content', 'the GetTransaction answer could not be read');
  }
}

export interface ExtractOptions {
  /** Byte cap of the SOAP text (default 4 MB). */
  maxBytes?: number;
  /** Cap of the extracted message in characters (default 2 000 000, the companion contract's limit). */
  maxKmehrChars?: number;
  limits?: Partial<XmlLimits>;
}

/**
 * The `<kmehrmessage ...>...</kmehrmessage>` text of a SOAP answer, verbatim,
 * with the namespace declarations it inherits from its ancestors (the default
 * namespace and prefixes declared on the envelope or response element) copied
 * onto its start tag, so it parses on its own. The SOAP text goes through the
 * same hardened checks as everything else first. Never throws.
 */
export function extractKmehrMessageXml(soapXml: string, opts: ExtractOptions = {}): XmlResult<string> {
  const maxBytes = opts.maxBytes ?? opts.limits?.maxBytes ?? DEFAULT_SOAP_MAX_BYTES;
  return kmehrMessageOf(extractElementXml(soapXml, 'kmehrmessage', { ...opts.limits, maxBytes }), opts.maxKmehrChars ?? DEFAULT_KMEHR_MAX_CHARS);
}

function kmehrMessageOf(extracted: XmlResult<string>, maxChars: number): XmlResult<string> {
  if (!extracted.ok) return extracted;
  if (extracted.value.length > maxChars) {
    return xmlFail('too-large', `the kmehrmessage is larger than the ${maxChars}-character limit`);
  }
  return extracted;
}
