/**
 * XSD validation with xmllint-wasm (libxml2, no network): the hub-services
 * 3.5 schema (with the KMEHR 1.26 schemas it imports) and the KMEHR 1.43
 * schema. Every imported file is preloaded under the same relative paths as
 * in /work/shared/fixtures/public-kmehr, so schemaLocation imports resolve.
 * Several documents are validated in one xmllint run (one worker start).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';

export const FIXTURES_DIR = process.env.KMEHR_FIXTURES_DIR ?? '/work/shared/fixtures/public-kmehr';

const HUB_SCHEMA = 'xsd/hubservices-3.5/hubservices_protocol-3_5.xsd';
const HUB_IMPORTS = [
  'xsd/hubservices-3.5/hubservices_core-3_5.xsd',
  'ehealth-kmehr/XSD/id-1_26.xsd',
  'ehealth-kmehr/XSD/cd-1_26.xsd',
  'ehealth-kmehr/XSD/dt-1_26.xsd',
  'ehealth-kmehr/XSD/kmehr-1_26.xsd',
  'external/XSD/xmldsig-core-schema.xsd',
  'external/XSD/xenc-schema.xsd',
];
const KMEHR_SCHEMA = 'xsd/kmehr-1.43/kmehr_elements-1_43.xsd';
const KMEHR_IMPORTS = [
  'xsd/kmehr-1.43/kmehr-1_43.xsd',
  'xsd/kmehr-1.43/cd-1_43.xsd',
  'xsd/kmehr-1.43/dt-1_43.xsd',
  'xsd/kmehr-1.43/id-1_43.xsd',
  'external/XSD/xmldsig-core-schema.xsd',
  'external/XSD/xenc-schema.xsd',
];

const cache = new Map<string, XMLFileInfo>();
function schemaFile(relative: string): XMLFileInfo {
  let file = cache.get(relative);
  if (!file) {
    // Bytes, not text: kmehr-1_26.xsd is ISO-8859-1.
    file = { fileName: relative, contents: new Uint8Array(readFileSync(path.join(FIXTURES_DIR, relative))) };
    cache.set(relative, file);
  }
  return file;
}

export interface XsdReport {
  valid: boolean;
  /** Error messages per document name. */
  errors: Record<string, string[]>;
}

export interface NamedXml {
  name: string;
  xml: string;
}

async function validate(schema: string, imports: string[], documents: readonly NamedXml[]): Promise<XsdReport> {
  if (documents.length === 0) return { valid: true, errors: {} };
  const xml = documents.map((d, i) => ({ fileName: `doc/${i}-${d.name.replace(/[^A-Za-z0-9_.-]/g, '_')}.xml`, contents: d.xml }));
  const result = await validateXML({
    xml,
    schema: [schemaFile(schema)],
    preload: imports.map(schemaFile),
    maxMemoryPages: 4096,
  });
  const errors: Record<string, string[]> = {};
  for (const e of result.errors) {
    const index = e.loc ? xml.findIndex((f) => f.fileName === e.loc!.fileName) : -1;
    const name = index >= 0 ? documents[index]!.name : '(unknown)';
    (errors[name] ??= []).push(e.message);
  }
  return { valid: result.valid, errors };
}

/** Validates hub-services request bodies (the protocol element, without the SOAP envelope). */
export function validateHubServices(documents: readonly NamedXml[]): Promise<XsdReport> {
  return validate(HUB_SCHEMA, HUB_IMPORTS, documents);
}

/** Validates standalone KMEHR 1.43 messages. */
export function validateKmehr143(documents: readonly NamedXml[]): Promise<XsdReport> {
  return validate(KMEHR_SCHEMA, KMEHR_IMPORTS, documents);
}
