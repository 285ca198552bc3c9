/**
 * The generic fallback for pages no adapter knows: one checksum-valid INSZ in
 * the page's inputs or text is the patient; the badge goes after a "Vaccicard"
 * word when there is one and floats otherwise; the panel floats on the right.
 * Two different valid numbers on one page are not guessed between: the page
 * reads as not recognised.
 */
import { parseInsz } from '../identifiers/insz.ts';
import { cleanText, safeQueryAll } from './read-field.ts';
import type { PageReading } from './reading.ts';
import { SELECTORS } from './selectors.ts';

export const GENERIC_ADAPTER_ID = 'generic';

/** Number-shaped runs: 11 digits, optionally grouped `YY.MM.DD-SSS.CC` with dots, dashes or spaces. */
const INSZ_SHAPED = /(?<![\d.-])(\d{2}[.\s]?\d{2}[.\s]?\d{2}[-.\s\u2010-\u2015]?\d{3}[.\s]?\d{2})(?![\d])/g;

function textNodes(root: Node, skip: string): Text[] {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const out: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent && parent.closest(skip)) continue;
    out.push(node as Text);
  }
  return out;
}

/** Every distinct valid INSZ in the page's INSZ-like inputs and visible text. */
export function findInszCandidates(doc: Document, today: Date = new Date()): string[] {
  const found = new Set<string>();
  const consider = (text: string) => {
    const r = parseInsz(text, today);
    if (r.ok) found.add(r.value.insz);
  };
  for (const input of safeQueryAll(doc, SELECTORS.generic.inszInputs)) {
    const value = (input as HTMLInputElement).value ?? input.getAttribute('value') ?? '';
    if (value.trim()) consider(value.trim());
  }
  if (doc.body) {
    for (const node of textNodes(doc.body, SELECTORS.generic.textSkip)) {
      for (const m of (node.data ?? '').matchAll(INSZ_SHAPED)) consider(m[1]!);
    }
  }
  return [...found];
}

/** The innermost element whose own text is the word "Vaccicard" (a header label, a link...). */
export function findVaccicardWord(doc: Document): Element | undefined {
  if (!doc.body) return undefined;
  for (const node of textNodes(doc.body, SELECTORS.generic.textSkip)) {
    if (cleanText(node.data) === 'Vaccicard' && node.parentElement) return node.parentElement;
  }
  return undefined;
}

export function readGeneric(doc: Document, today: Date = new Date()): PageReading {
  const adapterId = GENERIC_ADAPTER_ID;
  const candidates = findInszCandidates(doc, today);
  if (candidates.length === 0) return { kind: 'nothing', adapterId };
  const word = findVaccicardWord(doc);
  const anchors = word ? { badgeAnchor: word } : {};
  if (candidates.length > 1) return { kind: 'not-recognised', adapterId, missing: ['single-insz'], ...anchors };
  return { kind: 'patient', adapterId, insz: candidates[0]!, entryPath: 'unknown', own: [], ...anchors };
}
