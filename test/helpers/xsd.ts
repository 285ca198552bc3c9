/**
 * XSD validation for tests of both projects (extension and companion), with
 * xmllint-wasm (libxml2 compiled to WebAssembly: no network, no system
 * xmllint): standalone KMEHR 1.43 messages, and hub-services 3.5 payloads
 * (which import KMEHR 1.26). Every imported schema file is preloaded under the
 * same relative path as in the fixtures folder, so `schemaLocation` imports
 * resolve. Many documents are validated in one xmllint run (one worker
 * start); each error is reported under its document's name.
 *
 * Schemas come from the repository's copy of the public fixtures
 * (test/fixtures/kmehr/public-kmehr); KMEHR_FIXTURES_DIR overrides it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';

// A string path, not `new URL(...)`: under happy-dom the global URL is not Node's.
export const FIXTURES_DIR =
  process.env.KMEHR_FIXTURES_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '../fixtures/kmehr/public-kmehr');

const EXTERNAL = ['external/XSD/xmldsig-core-schema.xsd', 'external/XSD/xenc-schema.xsd'];

const KMEHR_143 = {
  schema: 'xsd/kmehr-1.43/kmehr_elements-1_43.xsd',
  imports: [
    ...['kmehr-1_43.xsd', 'cd-1_43.xsd', 'dt-1_43.xsd', 'id-1_43.xsd'].map((f) => `xsd/kmehr-1.43/${f}`),
    ...EXTERNAL,
  ],
};

const HUB_SERVICES_35 = {
  schema: 'xsd/hubservices-3.5/hubservices_protocol-3_5.xsd',
  imports: [
    'xsd/hubservices-3.5/hubservices_core-3_5.xsd',
    ...['id-1_26.xsd', 'cd-1_26.xsd', 'dt-1_26.xsd', 'kmehr-1_26.xsd'].map((f) => `ehealth-kmehr/XSD/${f}`),
    ...EXTERNAL,
  ],
};

const cache = new Map<string, XMLFileInfo>();
function schemaFile(relative: string): XMLFileInfo {
  let file = cache.get(relative);
  if (!file) {
    // Bytes, not text: kmehr-1_26.xsd is ISO-8859-1.
    file = { fileName: relative, contents: new Uint8Array(readFileSync(join(FIXTURES_DIR, relative))) };
    cache.set(relative, file);
  }
  return file;
}

export interface NamedXml {
  name: string;
  xml: string;
}

export interface XsdReport {
  /** True when every document is valid. */
  valid: boolean;
  /** Error messages per document name (absent = valid). */
  errors: Record<string, string[]>;
}

async function validate(
  set: { schema: string; imports: readonly string[] },
  documents: readonly NamedXml[],
): Promise<XsdReport> {
  if (documents.length === 0) return { valid: true, errors: {} };
  const files = documents.map((d, i) => ({
    fileName: `doc/${i}-${d.name.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 80)}.xml`,
    contents: d.xml,
  }));
  const result = await validateXML({
    xml: files,
    schema: [schemaFile(set.schema)],
    preload: set.imports.map(schemaFile),
    maxMemoryPages: 4096,
  });
  const errors: Record<string, string[]> = {};
  for (const e of result.errors) {
    // Errors carry the file's location; the closing "<file> fails to validate" line only names it.
    const index = files.findIndex((f) => f.fileName === e.loc?.fileName || e.message.startsWith(`${f.fileName} `));
    const name = index >= 0 ? documents[index]!.name : '(schema or unknown document)';
    (errors[name] ??= []).push(e.message);
  }
  return { valid: result.valid, errors };
}

/** Validates standalone KMEHR 1.43 messages (`kmehr_elements-1_43.xsd`). */
export function validateKmehr143(documents: readonly NamedXml[]): Promise<XsdReport> {
  return validate(KMEHR_143, documents);
}

/** Validates hub-services 3.5 payloads (the protocol element, without a SOAP envelope). */
export function validateHubServices(documents: readonly NamedXml[]): Promise<XsdReport> {
  return validate(HUB_SERVICES_35, documents);
}
