/**
 * Every message the builder produces validates against the official KMEHR
 * 1.43 schema (kmehr_elements-1_43.xsd, xmllint-wasm, no network): the
 * hand-picked cases and a fixed-seed sample of generated registrations
 * (flu, covid, other; every optional field present or absent; hostile text).
 * All documents go through one xmllint run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildVaccinationKmehr } from '../../../lib/kmehr/build.ts';
import { validateKmehr143, type NamedXml } from '../../helpers/xsd.ts';
import { variantArb } from '../registration/factory.ts';
import { BUILD_CASES } from './build-cases.ts';

const SEED = 20_261_015;
const GENERATED = 500;

describe('builder output against the KMEHR 1.43 XSD', () => {
  it('the validator can fail: a message with batch before quantity is refused', async () => {
    const xml = buildVaccinationKmehr(BUILD_CASES[2]!.input, BUILD_CASES[2]!.options);
    const swapped = xml.replace(/(<quantity>[\s\S]*?<\/quantity>)(\s*)(<batch>[^<]*<\/batch>)/, '$3$2$1');
    expect(swapped).not.toBe(xml);
    // Last of three: every document of a batch is checked, and errors land on the right one.
    const report = await validateKmehr143([
      { name: 'intact-1', xml },
      { name: 'intact-2', xml },
      { name: 'swapped', xml: swapped },
    ]);
    expect(report.valid).toBe(false);
    expect(Object.keys(report.errors)).toEqual(['swapped']);
  });

  it(`the ${BUILD_CASES.length} table cases and ${GENERATED} generated registrations all validate`, async () => {
    const generated = fc.sample(variantArb(), { numRuns: GENERATED, seed: SEED });
    const documents: NamedXml[] = [
      ...BUILD_CASES.map((c) => ({ name: c.name, xml: buildVaccinationKmehr(c.input, c.options) })),
      ...generated.map((v, i) => ({ name: `generated-${i}`, xml: buildVaccinationKmehr(v.input, v.options) })),
    ];
    // Coverage of the sample: each disease, target and optional field, both ways.
    const has = (re: RegExp) => documents.filter((d) => re.test(d.xml)).length;
    expect(has(/>seasonalinfluenza</)).toBeGreaterThan(10);
    expect(has(/>covid19</)).toBeGreaterThan(10);
    expect(documents.length - has(/CD-VACCINEINDICATION/)).toBeGreaterThan(10);
    for (const target of ['>RSW<', '>RSB<', '>VAZG<']) expect(has(new RegExp(target))).toBeGreaterThan(10);
    expect(has(/<batch>/)).toBeGreaterThan(10);
    expect(documents.length - has(/<batch>/)).toBeGreaterThan(10);
    expect(has(/>adr</)).toBeGreaterThan(10);
    expect(has(/<familyname\/>/)).toBeGreaterThan(10);
    expect(has(/&amp;/)).toBeGreaterThan(10);
    expect(has(/&lt;/)).toBeGreaterThan(10);
    expect(has(/&quot;|"[^"=]*"[^=]/)).toBeGreaterThan(0);

    const started = performance.now();
    const report = await validateKmehr143(documents);
    const elapsed = performance.now() - started;
    console.info(`KMEHR 1.43 XSD: ${documents.length} messages validated in ${Math.round(elapsed)} ms`);
    expect(report.errors).toEqual({});
    expect(report.valid).toBe(true);
  });
});
