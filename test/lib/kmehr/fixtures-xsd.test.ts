/**
 * Our hand-made fixtures are realistic: the KMEHR message validates against
 * KMEHR 1.43, and every hub answer's payload against hub services 3.5 (the
 * schemas are in the public fixtures; validation is offline, xmllint-wasm).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { extractElementXml } from '../../../lib/xml/extract.ts';
import { PUBLIC_FIXTURES, readOwn } from './fixtures.ts';

const file = (path: string) => ({ fileName: path, contents: readFileSync(join(PUBLIC_FIXTURES, path), 'utf8') });
const EXTERNAL = ['external/XSD/xmldsig-core-schema.xsd', 'external/XSD/xenc-schema.xsd'];

async function validateKmehr143(xml: string) {
  return validateXML({
    xml: [{ fileName: 'message.xml', contents: xml }],
    schema: [file('xsd/kmehr-1.43/kmehr_elements-1_43.xsd')],
    preload: [...['kmehr-1_43.xsd', 'cd-1_43.xsd', 'id-1_43.xsd', 'dt-1_43.xsd'].map((f) => file(`xsd/kmehr-1.43/${f}`)), ...EXTERNAL.map(file)],
  });
}

async function validateHubServices(xml: string) {
  return validateXML({
    xml: [{ fileName: 'answer.xml', contents: xml }],
    schema: [file('xsd/hubservices-3.5/hubservices_protocol-3_5.xsd')],
    preload: [
      file('xsd/hubservices-3.5/hubservices_core-3_5.xsd'),
      ...['kmehr-1_26.xsd', 'cd-1_26.xsd', 'id-1_26.xsd', 'dt-1_26.xsd'].map((f) => file(`ehealth-kmehr/XSD/${f}`)),
      ...EXTERNAL.map(file),
    ],
  });
}

describe('hand-made fixtures against the official schemas', () => {
  it('pharmacy-vaccinations.xml validates against KMEHR 1.43', async () => {
    const result = await validateKmehr143(readOwn('pharmacy-vaccinations.xml'));
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('the validator does reject a broken message (the check can fail)', async () => {
    const broken = readOwn('pharmacy-vaccinations.xml').replace('<batch>AB1234</batch>', '').replace('<quantity>', '<batch>AB1234</batch><quantity>');
    expect((await validateKmehr143(broken)).valid).toBe(false);
  });

  it.each([
    ['get-transaction-list-response.xml', 'GetTransactionListResponse'],
    ['get-transaction-list-no-consent.xml', 'GetTransactionListResponse'],
    ['get-transaction-list-no-data.xml', 'GetTransactionListResponse'],
    ['get-transaction-list-several-errors.xml', 'GetTransactionListResponse'],
    ['get-transaction-list-unknown-error.xml', 'GetTransactionListResponse'],
    ['get-transaction-response.xml', 'GetTransactionResponse'],
  ])('%s: its %s validates against hub services 3.5', async (name, element) => {
    const payload = extractElementXml(readOwn(name), element, { maxBytes: 4_000_000 });
    if (!payload.ok) throw new Error(payload.error.reason);
    const result = await validateHubServices(payload.value);
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
    expect(result.valid).toBe(true);
  });
});
