/**
 * 5. KMEHR parsing in Chromium: our parser against the browser's DOMParser
 * with the same extraction, and against JSON.parse of the equivalent JSON,
 * all three in the same page and the same rounds (see browser/parse-entry.ts).
 */
import path from 'node:path';
import { browserBundle } from '../lib/browser-bundle.ts';
import { openBenchPage } from '../lib/plain-chromium.ts';
import type { ResultRow, Suite } from '../lib/results.ts';
import { summarise } from '../lib/stats.ts';
import { equivalentJson, vaccinationsMessageXml } from '../fixtures/kmehr-message.ts';
import type { RoundsResult } from '../browser/parse-entry.ts';

const SIZES = [1, 100, 1000] as const;

type ParseApi = typeof import('../browser/parse-entry.ts');

const kb = (chars: number) => `${(chars / 1024).toFixed(chars < 10_240 ? 1 : 0)} KB`;

export const parseSuite: Suite = async (ctx) => {
  ctx.log('parse: bundling the parser for Chromium');
  const bundle = await browserBundle(path.join(ctx.root, 'bench/browser/parse-entry.ts'), '__benchParse');
  const bench = await openBenchPage([bundle]);
  const rows: ResultRow[] = [];
  const notes: string[] = [];
  try {
    for (const size of SIZES) {
      const xml = vaccinationsMessageXml(size);
      const json = equivalentJson(xml);
      const check = await bench.page.evaluate(([x]) => (globalThis as unknown as { __benchParse: ParseApi }).__benchParse.check(x), [xml] as const);
      if (check.records !== size || !check.same) {
        throw new Error(`parse bench: ${size} vaccinations gave ${check.records} records; same result both ways: ${check.same}`);
      }
      const rounds = ctx.quick ? 5 : size >= 1000 ? 15 : 25;
      ctx.log(`parse: ${size} vaccination(s), ${kb(xml.length)}, ${rounds} rounds`);
      const result: RoundsResult = await bench.page.evaluate(
        ([x, j, r]) => (globalThis as unknown as { __benchParse: ParseApi }).__benchParse.measure(x, j, r, 3, 20),
        [xml, json, rounds] as const,
      );
      const ours = summarise(result.samples.ours);
      const dom = summarise(result.samples.dom);
      const floor = summarise(result.samples.json);
      const what = `${size.toLocaleString('en')} vaccination${size > 1 ? 's' : ''} (${kb(xml.length)} XML)`;
      const batch = (m: keyof RoundsResult['batch']) => (result.batch[m] > 1 ? { batch: `${result.batch[m]} parses per sample` } : undefined);
      rows.push(
        { id: `parse.${size}.ours`, label: `${what}: ours (parseKmehrMessage)`, unit: 'ms', summary: ours, ...(batch('ours') && { extra: batch('ours') }) },
        { id: `parse.${size}.dom`, label: `${what}: DOMParser + same extraction`, unit: 'ms', summary: dom, ...(batch('dom') && { extra: batch('dom') }) },
        { id: `parse.${size}.json`, label: `${what}: JSON.parse of the equivalent JSON (${kb(json.length)})`, unit: 'ms', summary: floor, ...(batch('json') && { extra: batch('json') }) },
      );
      const ratioRow: ResultRow = {
        id: `parse.${size}.ratio`,
        label: `${what}: ours ÷ DOMParser (medians)`,
        unit: 'x',
        value: ours.median / dom.median,
        extra: { 'ours ÷ JSON.parse': `${(ours.median / floor.median).toFixed(1)}×`, 'DOMParser ÷ JSON.parse': `${(dom.median / floor.median).toFixed(1)}×` },
      };
      if (size === 1000) ratioRow.target = { text: '≤ 1 (no slower than DOMParser)', met: ours.median <= dom.median };
      rows.push(ratioRow);
    }
    notes.push(
      'One KMEHR message per size: one folder, N vaccination transactions with one vaccine item each, indented like the simulator\'s messages (fixed inputs: bench/fixtures).',
      '"ours" is parseKmehrMessage from lib/kmehr: every hardening check (size, DOCTYPE refusal, well-formedness, depth and element limits, entity decoding), fast-xml-parser, the extraction and zod validation of every record.',
      '"DOMParser" is Chromium\'s XML parser, the DOM converted to our element tree, then the same extraction (parseKmehrElement) — without our hardening checks. Both give identical records and warnings (checked before timing).',
      'The JSON floor is JSON.parse of the same document as JSON (elements with names, attributes, text and children) and nothing else.',
      'Measured inside one page of headless Chromium (performance.now), 3 warm-up runs each, then rounds in rotating order; fast operations are repeated within a sample until it lasts ≥ 20 ms.',
    );
  } finally {
    await bench.close();
  }
  return { id: 'parse', title: '5. KMEHR parsing in Chromium', rows, notes };
};
