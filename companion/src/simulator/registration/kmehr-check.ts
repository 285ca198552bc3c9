/**
 * What a simulated upstream checks in a KMEHR message it is asked to store:
 * it validates against the KMEHR 1.43 XSD (xmllint-wasm, libxml2 in
 * WebAssembly: no network, no system xmllint), holds one patient and one
 * `vaccination` transaction, names the patient the request is about, is
 * authored by the calling pharmacy, and follows the covid-19 rules of
 * Vaccinnet (domain.md): a lot number, and no adverse events.
 *
 * Schemas come from the repository's copy of the public fixtures
 * (test/fixtures/kmehr/public-kmehr); KMEHR_FIXTURES_DIR overrides it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';
import { REGISTRATION_ID_SL } from '../../../../lib/kmehr/build.ts';
import { readIds } from '../../../../lib/kmehr/hcparty.ts';
import { parseKmehrElement } from '../../../../lib/kmehr/parse.ts';
import { parseXml } from '../../../../lib/xml/parse.ts';
import { attr, childrenNamed, firstChild, textOf, type XmlElement } from '../../../../lib/xml/tree.ts';
import { REPOSITORY_ROOT } from '../../repository-root.ts';

const FIXTURES_DIR = process.env.KMEHR_FIXTURES_DIR ?? path.join(REPOSITORY_ROOT, 'test/fixtures/kmehr/public-kmehr');

const SCHEMA = 'xsd/kmehr-1.43/kmehr_elements-1_43.xsd';
const IMPORTS = [
  ...['kmehr-1_43.xsd', 'cd-1_43.xsd', 'dt-1_43.xsd', 'id-1_43.xsd'].map((f) => `xsd/kmehr-1.43/${f}`),
  'external/XSD/xmldsig-core-schema.xsd',
  'external/XSD/xenc-schema.xsd',
];

let schemaFiles: { schema: XMLFileInfo; preload: XMLFileInfo[] } | undefined;
function schemas() {
  const load = (relative: string): XMLFileInfo => ({ fileName: relative, contents: new Uint8Array(readFileSync(path.join(FIXTURES_DIR, relative))) });
  schemaFiles ??= { schema: load(SCHEMA), preload: IMPORTS.map(load) };
  return schemaFiles;
}

export interface ReceivedKmehr {
  insz: string;
  /** The header's ID-KMEHR. */
  kmehrId: string;
  /** LOCAL id with SL vaccicard-overlay-registration, when present. */
  registrationId?: string;
  /** ID-HCPARTY of each orgpharmacy in the transaction author. */
  authorPharmacies: string[];
}

export type KmehrCheckResult = { ok: true; value: ReceivedKmehr } | { ok: false; reason: string };

const fail = (reason: string): KmehrCheckResult => ({ ok: false, reason });

function cdValue(el: XmlElement, system: string): string[] {
  return childrenNamed(el, 'cd')
    .filter((c) => attr(c, 'S') === system)
    .map((c) => textOf(c) ?? '');
}

/** Validates against the KMEHR 1.43 XSD; the first few errors, without the document's text. */
export async function validateKmehrXsd(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const { schema, preload } = schemas();
  const result = await validateXML({ xml: [{ fileName: 'received.xml', contents: xml }], schema: [schema], preload, maxMemoryPages: 4096 });
  return { valid: result.valid, errors: result.errors.slice(0, 3).map((e) => e.message.replace(/^received\.xml:\d+: /, '').slice(0, 200)) };
}

export async function checkReceivedKmehr(xml: string, expected: { insz?: string; pharmacyNumber?: string } = {}): Promise<KmehrCheckResult> {
  const xsd = await validateKmehrXsd(xml);
  if (!xsd.valid) return fail(`the KMEHR message does not validate against the KMEHR 1.43 schema: ${xsd.errors.join('; ') || 'invalid'}`);

  const parsed = parseXml(xml);
  if (!parsed.ok) return fail(`the KMEHR message cannot be read: ${parsed.error.reason}`);
  const root = parsed.value;
  const kmehrId = readIds(firstChild(root, 'header')).find((i) => i.s === 'ID-KMEHR')?.value;
  if (!kmehrId) return fail('the message header has no ID-KMEHR');
  const folders = childrenNamed(root, 'folder');
  if (folders.length !== 1) return fail('a registration message holds exactly one folder (one patient)');
  const folder = folders[0]!;
  const insz = readIds(firstChild(folder, 'patient')).find((i) => i.s === 'ID-PATIENT')?.value;
  if (!insz || !/^\d{11}$/.test(insz)) return fail('the patient has no ID-PATIENT');
  if (expected.insz !== undefined && insz !== expected.insz) return fail('the message is about another patient than the request');
  const transactions = childrenNamed(folder, 'transaction');
  if (transactions.length !== 1) return fail('a registration message holds exactly one transaction');
  const tx = transactions[0]!;
  if (!cdValue(tx, 'CD-TRANSACTION').includes('vaccination')) return fail('the transaction is not a vaccination');
  const authorPharmacies = childrenNamed(firstChild(tx, 'author'), 'hcparty')
    .filter((p) => cdValue(p, 'CD-HCPARTY').includes('orgpharmacy'))
    .flatMap((p) => readIds(p).filter((i) => i.s === 'ID-HCPARTY').map((i) => i.value));
  if (expected.pharmacyNumber !== undefined && !authorPharmacies.includes(expected.pharmacyNumber)) {
    return fail('the transaction is not authored by the calling pharmacy');
  }

  const read = parseKmehrElement(root);
  if (!read.ok) return fail(`the vaccination cannot be read: ${read.error.reason}`);
  if (read.value.records.length === 0) return fail('the transaction holds no vaccine item');
  const covid = read.value.records.filter((r) => r.disease === 'covid');
  if (covid.some((r) => r.lot === undefined || r.lot.trim() === '')) return fail('a covid-19 vaccination must carry its lot number (batch)');
  const adverseEvents = childrenNamed(tx, 'item').some((item) => cdValue(item, 'CD-ITEM').includes('adr'));
  if (covid.length > 0 && adverseEvents) return fail('adverse events may not be sent with a covid-19 vaccination');

  const registrationId = readIds(tx).find((i) => i.s === 'LOCAL' && i.sl === REGISTRATION_ID_SL)?.value;
  return { ok: true, value: { insz, kmehrId, authorPharmacies, ...(registrationId !== undefined && { registrationId }) } };
}
