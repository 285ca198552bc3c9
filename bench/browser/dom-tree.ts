/**
 * BENCH ONLY (runs in Chromium, never bundled into the extension): the
 * browser's own XML parser as the baseline of the parsing benchmark.
 * `DOMParser` builds the DOM; it is converted to our element tree (local
 * names, attributes by local name, direct text and CDATA) so that the very
 * same KMEHR extraction (`parseKmehrElement`) runs on it.
 */
import type { XmlElement } from '../../lib/xml/tree.ts';

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;

function convert(el: Element): XmlElement {
  const attrs = new Map<string, string>();
  for (const a of Array.from(el.attributes)) {
    if (a.name === 'xmlns' || a.prefix === 'xmlns') continue;
    attrs.set(a.localName, a.value);
  }
  const children: XmlElement[] = [];
  let text = '';
  for (let node = el.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === ELEMENT) children.push(convert(node as Element));
    else if (node.nodeType === TEXT || node.nodeType === CDATA) text += node.nodeValue ?? '';
  }
  return { name: el.localName, attrs, children, text };
}

export type DomParseResult = { ok: true; root: XmlElement } | { ok: false; reason: string };

export function parseWithDomParser(xml: string): DomParseResult {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const root = doc.documentElement;
  if (!root || root.getElementsByTagName('parsererror').length > 0) return { ok: false, reason: 'parsererror' };
  return { ok: true, root: convert(root) };
}
