/**
 * What the simulated hubs need from one KMEHR file: the transaction's ids,
 * type, date, time and author (for the GetTransactionList summary), the
 * patient it names, and the message re-rooted as the GetTransactionResponse's
 * `core:kmehrmessage` (hubservices_core-3_5.xsd declares that element in the
 * core namespace; its content stays in the KMEHR namespace, byte for byte).
 */
import { parseXml } from '../../../lib/xml/parse.ts';
import { scanTags } from '../../../lib/xml/scan.ts';
import { attr, childrenNamed, firstChild, textOf, type XmlElement } from '../../../lib/xml/tree.ts';
import { HUB_NS } from '../hub/constants.ts';

export interface CodedValue {
  s: string;
  sl?: string;
  sv: string;
  value: string;
}

export interface PartyInfo {
  ids: CodedValue[];
  cds: CodedValue[];
  name?: string;
  firstname?: string;
  familyname?: string;
}

export interface KmehrFileInfo {
  /** ID-PATIENT or INSS of the folder's patient. */
  patientInsz?: string;
  ids: CodedValue[];
  /** CD-TRANSACTION values. */
  types: string[];
  date: string;
  time: string;
  author: PartyInfo[];
  /** The folder's patient, for the list's kmehrheader (personType needs names and sex). */
  patient: { firstname: string; familyname: string; sex: string };
  /** The message as the `kmehrmessage` child of a GetTransactionResponse. */
  embeddedXml: string;
}

export type DescribeResult = { ok: true; info: KmehrFileInfo } | { ok: false; problem: string };

function coded(el: XmlElement): CodedValue | undefined {
  const s = attr(el, 'S')?.trim();
  const value = textOf(el);
  if (!s || value === undefined) return undefined;
  const out: CodedValue = { s, sv: attr(el, 'SV')?.trim() || '1.0', value };
  const sl = attr(el, 'SL')?.trim();
  if (sl) out.sl = sl;
  return out;
}

function party(el: XmlElement): PartyInfo {
  const p: PartyInfo = {
    ids: childrenNamed(el, 'id').map(coded).filter((c): c is CodedValue => c !== undefined),
    cds: childrenNamed(el, 'cd').map(coded).filter((c): c is CodedValue => c !== undefined),
  };
  const name = textOf(firstChild(el, 'name'));
  const first = textOf(firstChild(el, 'firstname'));
  const family = textOf(firstChild(el, 'familyname'));
  if (name) p.name = name;
  if (first && family) {
    p.firstname = first;
    p.familyname = family;
  }
  return p;
}

/**
 * Renames the root element to `core:kmehrmessage` (declaring the core
 * prefix, keeping every other attribute and namespace declaration) and drops
 * the XML declaration and anything outside the root.
 */
export function embedAsCoreKmehrMessage(xml: string): string | undefined {
  let rootStart: { start: number; end: number; qname: string; selfClosing: boolean } | undefined;
  let rootEnd: { start: number; end: number } | undefined;
  const scanned = scanTags(xml, (ev) => {
    if (ev.depth !== 1) return true;
    if (ev.kind === 'start') rootStart = { start: ev.start, end: ev.end, qname: ev.qname, selfClosing: ev.selfClosing };
    else rootEnd = { start: ev.start, end: ev.end };
    return true;
  });
  if (!scanned.ok || !rootStart || rootStart.selfClosing || !rootEnd) return undefined;
  const startTag = xml.slice(rootStart.start, rootStart.end);
  const renamed = `<core:kmehrmessage xmlns:core="${HUB_NS.core}"${startTag.slice(1 + rootStart.qname.length)}`;
  return renamed + xml.slice(rootStart.end, rootEnd.start) + '</core:kmehrmessage>';
}

export function describeKmehrFile(xml: string): DescribeResult {
  const parsed = parseXml(xml);
  if (!parsed.ok) return { ok: false, problem: parsed.error.reason };
  const root = parsed.value;
  if (root.name !== 'kmehrmessage') return { ok: false, problem: `the root element is <${root.name.slice(0, 40)}>, not <kmehrmessage>` };
  const folders = childrenNamed(root, 'folder');
  if (folders.length !== 1) return { ok: false, problem: 'a file must hold exactly one folder' };
  const folder = folders[0]!;
  const transactions = childrenNamed(folder, 'transaction');
  if (transactions.length !== 1) return { ok: false, problem: 'a file must hold exactly one transaction (one file per transaction)' };
  const tx = transactions[0]!;
  const ids = childrenNamed(tx, 'id').map(coded).filter((c): c is CodedValue => c !== undefined);
  if (ids.length === 0) return { ok: false, problem: 'the transaction has no id' };
  const types = childrenNamed(tx, 'cd')
    .filter((c) => attr(c, 'S') === 'CD-TRANSACTION')
    .map((c) => textOf(c))
    .filter((v): v is string => v !== undefined);
  if (types.length === 0) return { ok: false, problem: 'the transaction has no CD-TRANSACTION' };
  const date = textOf(firstChild(tx, 'date'));
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return { ok: false, problem: 'the transaction has no valid date' };
  const time = textOf(firstChild(tx, 'time'));
  const patientElement = firstChild(folder, 'patient');
  const patientIds = childrenNamed(patientElement, 'id');
  const patientId = patientIds.find((i) => attr(i, 'S') === 'ID-PATIENT') ?? patientIds.find((i) => attr(i, 'S') === 'INSS');
  const embeddedXml = embedAsCoreKmehrMessage(xml);
  if (!embeddedXml) return { ok: false, problem: 'the message could not be re-rooted' };
  const info: KmehrFileInfo = {
    ids,
    types,
    date,
    time: time && /^\d{2}:\d{2}:\d{2}/.test(time) ? time.slice(0, 8) : '00:00:00',
    author: childrenNamed(firstChild(tx, 'author'), 'hcparty').map(party),
    patient: {
      firstname: textOf(firstChild(patientElement, 'firstname')) ?? 'Unknown',
      familyname: textOf(firstChild(patientElement, 'familyname')) ?? 'Unknown',
      sex: textOf(firstChild(firstChild(patientElement, 'sex'), 'cd')) ?? 'unknown',
    },
    embeddedXml,
  };
  const insz = textOf(patientId)?.replace(/[\s.\-]/g, '');
  if (insz) info.patientInsz = insz;
  return { ok: true, info };
}
