/**
 * BENCH ONLY: bundled into an IIFE and run in headless Chromium by
 * bench/suites/parse.ts. The three ways of reading the same vaccinations,
 * measured in the same page, interleaved round by round:
 * - ours: `parseKmehrMessage` (hardened checks, fast-xml-parser, extraction, zod);
 * - dom: `DOMParser` + conversion to our tree + the same extraction (`parseKmehrElement`);
 * - json: `JSON.parse` of the equivalent JSON (the floor).
 */
import { parseKmehrElement, parseKmehrMessage } from '../../lib/kmehr/parse.ts';
import { parseWithDomParser } from './dom-tree.ts';
import { calibrateBatch, sampleOnce } from './timing.ts';

export type Method = 'ours' | 'dom' | 'json';

function recordsByOurs(xml: string) {
  const r = parseKmehrMessage(xml);
  if (!r.ok) throw new Error(`ours: ${r.error.reason}`);
  return r.value;
}

function recordsByDom(xml: string) {
  const tree = parseWithDomParser(xml);
  if (!tree.ok) throw new Error(`DOMParser: ${tree.reason}`);
  const r = parseKmehrElement(tree.root);
  if (!r.ok) throw new Error(`dom extraction: ${r.error.reason}`);
  return r.value;
}

/** Both readings give the same records and warnings (else the comparison would be meaningless). */
export function check(xml: string): { records: number; same: boolean } {
  const a = recordsByOurs(xml);
  const b = recordsByDom(xml);
  return { records: a.records.length, same: JSON.stringify(a) === JSON.stringify(b) };
}

export interface RoundsResult {
  samples: Record<Method, number[]>;
  batch: Record<Method, number>;
}

/** `warmup` untimed runs of each, then `rounds` rounds in which each method gives one sample. */
export function measure(xml: string, json: string, rounds: number, warmup: number, minSampleMs: number): RoundsResult {
  let sink = 0;
  const runs: Record<Method, () => void> = {
    ours: () => {
      sink += recordsByOurs(xml).records.length;
    },
    dom: () => {
      sink += recordsByDom(xml).records.length;
    },
    json: () => {
      sink += (JSON.parse(json) as { children?: unknown[] }).children?.length ?? 0;
    },
  };
  const methods = Object.keys(runs) as Method[];
  for (let i = 0; i < warmup; i++) for (const m of methods) runs[m]();
  const batch = Object.fromEntries(methods.map((m) => [m, calibrateBatch(runs[m], minSampleMs)])) as Record<Method, number>;
  const samples: Record<Method, number[]> = { ours: [], dom: [], json: [] };
  for (let r = 0; r < rounds; r++) {
    // Rotate the order each round so no method always runs right after another one's garbage.
    for (let k = 0; k < methods.length; k++) {
      const m = methods[(r + k) % methods.length]!;
      samples[m].push(sampleOnce(runs[m], batch[m]));
    }
  }
  if (sink < 0) throw new Error('unreachable');
  return { samples, batch };
}
