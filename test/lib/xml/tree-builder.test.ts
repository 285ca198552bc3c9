/**
 * The one-pass tree builder reads every document exactly as the former path
 * did: fast-xml-parser's XMLParser (preserveOrder, our options) and the
 * conversion to our tree, kept here as the reference. Compared on every XML
 * fixture we have and on generated documents (names with prefixes and
 * namespace declarations, names an Object carries, entities good and bad,
 * CDATA, comments, processing instructions, CRLF, self-closing forms), for
 * every document checkXml accepts.
 */
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { decodeXmlText } from '../../../lib/xml/entities.ts';
import { checkXml, DEFAULT_XML_LIMITS, parseXml } from '../../../lib/xml/parse.ts';
import type { XmlElement } from '../../../lib/xml/tree.ts';
import { OWN_FIXTURES, listFiles } from '../kmehr/fixtures.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// ------------------------------------------------------------------ the former path (reference)

const UNSAFE_NAMES: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__', 'constructor', 'prototype']);
const UNSAFE_MARK = '#unsafe#';
const safeName = (name: string) => (UNSAFE_NAMES.has(name) ? UNSAFE_MARK + name : name);
const originalName = (key: string) => (key.startsWith(UNSAFE_MARK) ? key.slice(UNSAFE_MARK.length) : key);

const referenceParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  trimValues: false,
  cdataPropName: '#cdata',
  commentPropName: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  allowBooleanAttributes: false,
  maxNestedTags: DEFAULT_XML_LIMITS.maxDepth + 1,
  transformTagName: safeName,
  transformAttributeName: safeName,
});

type Raw = Record<string, unknown>;
const isRaw = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const elementKey = (node: unknown) => (isRaw(node) ? Object.keys(node).find((k) => k !== ':@' && k !== '#text' && k !== '#cdata') : undefined);

class RefError extends Error {}
function decodeOrThrow(raw: unknown): string {
  const d = decodeXmlText(typeof raw === 'string' ? raw : '');
  if (!d.ok) throw new RefError(d.reason);
  return d.value;
}

function convert(node: Raw): XmlElement {
  const key = elementKey(node)!;
  const attrs = new Map<string, string>();
  if (isRaw(node[':@'])) for (const [k, v] of Object.entries(node[':@'])) attrs.set(originalName(k), decodeOrThrow(v));
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[key] as unknown[]) ?? []) {
    if (!isRaw(child)) continue;
    if (Object.hasOwn(child, '#text')) text += decodeOrThrow(child['#text']);
    else if (Object.hasOwn(child, '#cdata')) {
      for (const p of child['#cdata'] as unknown[]) if (isRaw(p) && typeof p['#text'] === 'string') text += p['#text'];
    } else if (elementKey(child) !== undefined) children.push(convert(child));
  }
  return { name: originalName(key), attrs, children, text };
}

type Outcome = { ok: true; tree: unknown } | { ok: false; reason: string };

/** A tree as plain data, attributes in their order. */
function plain(el: XmlElement): unknown {
  return { name: el.name, attrs: [...el.attrs], text: el.text, children: el.children.map(plain) };
}

function reference(checkedText: string): Outcome {
  let raw: unknown;
  try {
    raw = referenceParser.parse(checkedText);
  } catch {
    return { ok: false, reason: 'the XML parser rejected the document' };
  }
  const root = (raw as unknown[]).find((n) => elementKey(n) !== undefined);
  if (!isRaw(root)) return { ok: false, reason: 'not well-formed XML: no root element' };
  try {
    return { ok: true, tree: plain(convert(root)) };
  } catch (e) {
    return { ok: false, reason: e instanceof RefError ? `not well-formed XML: ${e.message}` : 'the document could not be parsed' };
  }
}

function current(xml: string): Outcome {
  const r = parseXml(xml);
  return r.ok ? { ok: true, tree: plain(r.value) } : { ok: false, reason: r.error.reason };
}

/** Compares both on `xml` when checkXml accepts it; says whether it did. */
function agree(xml: string): boolean {
  const checked = checkXml(xml);
  if (!checked.ok) return false;
  expect(current(xml)).toEqual(reference(checked.value));
  return true;
}

// ------------------------------------------------------------------ generated documents

const localNames = fc.constantFrom('a', 'item', 'cd', 'id', 'x-y', 'n.1', '__proto__', 'constructor', 'toString', 'prototype', 'hasOwnProperty', 'valueOf', 'S', 'SL');
const prefixes = fc.constantFrom('', '', 'ns2:', 'kmehr:', 'xml:', 'a:b:');
const qname = fc.tuple(prefixes, localNames).map(([p, n]) => `${p}${n}`);
const textPieces = fc.constantFrom('v', ' ', '\n', '\r\n', '\r', '\t', '  x  ', '&amp;', '&lt;', '&#65;', '&#x1F600;', '&nbsp;', '&#0;', 'caf\u00e9', '0061358', '&apos;&quot;', ']]', '>');
const text = fc.array(textPieces, { maxLength: 4 }).map((p) => p.join(''));
const attrValue = fc.array(fc.constantFrom('1', 'a b', '&amp;', '&quot;', '&#9;', '\t', '\r\n', '/', '>', "'", '&bad;'), { maxLength: 3 }).map((p) => p.join(''));
const attribute = fc
  .tuple(fc.constantFrom('', '', 'xmlns', 'xmlns:ns2', 'ns2:', 'xml:', 'a:b:'), localNames, attrValue, fc.constantFrom('"', "'"), fc.constantFrom(' ', '\n', '\t', ' \n '))
  .map(([p, n, v, q, sp]) => {
    const name = p === 'xmlns' ? 'xmlns' : p === 'xmlns:ns2' ? 'xmlns:ns2' : `${p}${n}`;
    const value = q === '"' ? v.replace(/"/g, "'") : v.replace(/'/g, '"');
    return `${sp}${name}=${q}${value}${q}`;
  });

const element: fc.Memo<string> = fc.memo((depth) =>
  fc
    .tuple(
      qname,
      fc.array(attribute, { maxLength: 3 }),
      fc.constantFrom('/>', ' />', '\n/>', '>'),
      fc.array(depth > 1 ? fc.oneof(text, element(depth - 1), misc) : fc.oneof(text, misc), { maxLength: 4 }),
    )
    .map(([name, attrs, close, content]) => (close === '>' ? `<${name}${attrs.join('')}>${content.join('')}</${name}>` : `<${name}${attrs.join('')}${close}`)),
);
const misc = fc.constantFrom('<!-- c -->', '<!--<b>x</b>-->', '<?pi a="1?>"?>', '<![CDATA[<b>&amp;</b>]]>', '<![CDATA[]]>', '&amp;<!-- c -->&lt;');
const documentArb = fc
  .tuple(fc.constantFrom('', '<?xml version="1.0" encoding="UTF-8"?>\n', '\uFEFF', '<!-- lead -->'), element(4), fc.constantFrom('', '\n', '<!-- tail -->'))
  .map(([head, root, tail]) => `${head}${root}${tail}`);

// ------------------------------------------------------------------ the comparisons

describe('tree builder: the same tree as the former fast-xml-parser path', () => {
  it('on every XML fixture (own and public KMEHR, SOAP answers)', () => {
    let compared = 0;
    for (const file of listFiles(OWN_FIXTURES).filter((f) => f.endsWith('.xml'))) {
      if (agree(readFileSync(join(OWN_FIXTURES, file), 'utf8'))) compared++;
    }
    expect(compared).toBeGreaterThan(10);
  });

  it.each([
    ['prefixes and declarations', '<ns2:m xmlns:ns2="urn:k" xmlns="urn:k"><item ns2:S="X" xml:lang="fr" a:b:c="3">v</item></ns2:m>'],
    ['a later duplicate after prefix removal', '<m xmlns:p="u" xmlns:q="v"><i p:x="1" q:x="2" y="3"/></m>'],
    ['CRLF and CR in text and attributes', '<m a="1\r\n2\r3">x\r\ny\rz</m>'],
    ['text around comments, PIs and CDATA', '<m>a<!--c-->b<?p?>c<![CDATA[&lt;]]>d<n/>e</m>'],
    ['an entity next to a comment', '<m>a&amp;<!--x-->&lt;b</m>'],
    ['whitespace-only text and self-closing forms', '<m>\n  <a/>\n  <b />\n  <c x="1"/>\n  <d x="1" />\n  <ns:e/>\n</m>'],
    ['quoted ">" and "/" in attributes', '<m a="x>y" b=\'/\' c="a/"/>'],
    ['names an Object carries', '<__proto__ constructor="c"><toString __proto__="p"/><hasOwnProperty/></__proto__>'],
    ['undefined entity in an attribute', '<m a="&nbsp;"/>'],
    ['undefined entity in text', '<m>ok<n>&nbsp;</n></m>'],
    ['two bad entities: the first in document order', '<m a="&#0;"><n>&bad;</n></m>'],
  ])('on %s', (_label, xml) => {
    expect(agree(xml)).toBe(true);
  });

  it('an entity split by a comment never reaches the builder (the checks refuse it)', () => {
    expect(checkXml('<m>&am<!--x-->p;</m>').ok).toBe(false);
  });

  it('on generated documents (property)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(documentArb, (xml) => {
        if (agree(xml)) accepted++;
      }),
      { numRuns: 3000 },
    );
    // Most generated documents pass the checks, so the comparison is not vacuous.
    expect(accepted).toBeGreaterThan(1000);
  });

  it('on junk that happens to pass the checks (property)', () => {
    const pieces = fc.constantFrom('<a>', '</a>', '<b x="1">', '</b>', '<c/>', '&amp;', '&', '<!--', '-->', '<![CDATA[', ']]>', '<?x?>', '"', "'", '=', 'text', '\r\n', '<', '>', '/', '<ns:a xmlns:ns="u">', '</ns:a>', '<__proto__>', '</__proto__>');
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 30 }), (parts) => {
        agree(`<r>${parts.join('')}</r>`);
      }),
      { numRuns: 3000 },
    );
  });
});
