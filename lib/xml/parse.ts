/**
 * Hardened XML parsing shared by KMEHR and SOAP.
 *
 * Order of checks (each one a typed error, none of them throws):
 * 1. a string, not empty, at most `maxBytes` UTF-8 bytes;
 * 2. a leading UTF-8 byte order mark is dropped;
 * 3. any `<!DOCTYPE` or `<!ENTITY` (any case, anywhere) is refused, so no
 *    entity can be declared, expanded or fetched (billion laughs, XXE);
 * 4. characters XML 1.0 does not allow (NUL and other C0 controls, unpaired
 *    surrogates, U+FFFE, U+FFFF) are refused, as they are when written as
 *    character references;
 * 5. well-formedness by fast-xml-parser's XMLValidator (line and column; the
 *    parts of its message that quote the document are masked unless they are
 *    digit-free names, see reason-text.ts);
 * 6. structure by our own scanner: one root element, no text outside it,
 *    at most `maxDepth` levels and `maxElements` elements;
 * 7. the element tree built in one pass by tree-builder.ts: values kept as
 *    strings (identifiers keep their leading zeros), namespace prefixes
 *    removed, comments, processing instructions and the declaration left out
 *    (it reads documents as fast-xml-parser's XMLParser with our former
 *    options did, without its intermediate object tree);
 * 8. entity references decoded by `decodeXmlText`: the five XML entities and
 *    numeric character references only.
 * The tree uses Maps and arrays (see tree.ts): no element or attribute name
 * ever becomes an object key, so `__proto__` and friends cannot pollute.
 */
import { XMLValidator } from 'fast-xml-parser';
import { maskQuotedText } from './reason-text.ts';
import { xmlFail, xmlOk, type XmlResult } from './result.ts';
import { scanTags } from './scan.ts';
import type { XmlElement } from './tree.ts';
import { buildTree, TreeBuildError } from './tree-builder.ts';

export interface XmlLimits {
  /** Maximum input size in UTF-8 bytes. */
  maxBytes: number;
  /** Maximum element nesting (the root is depth 1). */
  maxDepth: number;
  /** Maximum number of elements. */
  maxElements: number;
}

/** One KMEHR message: 2 MB, 64 levels, 100 000 elements. */
export const DEFAULT_XML_LIMITS: Readonly<XmlLimits> = Object.freeze({
  maxBytes: 2_000_000,
  maxDepth: 64,
  maxElements: 100_000,
});

/** UTF-8 length of a JS string without allocating an encoded copy. */
export function utf8ByteLength(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

const DECLARATION = /<!\s*(DOCTYPE|ENTITY)/i;
/** Any code point outside XML 1.0's Char production (with `u`, an unpaired surrogate is one code point). */
const FORBIDDEN_CHARACTER = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/**
 * Steps 1 to 6: returns the text (without BOM) when it is safe to hand to a
 * parser, else the typed error. Never throws.
 */
export function checkXml(input: unknown, limits: Partial<XmlLimits> = {}): XmlResult<string> {
  try {
    return checkXmlUnsafe(input, limits);
  } catch {
    return xmlFail('malformed', 'the document could not be checked');
  }
}

function checkXmlUnsafe(input: unknown, limits: Partial<XmlLimits>): XmlResult<string> {
  const lim = { ...DEFAULT_XML_LIMITS, ...limits };
  if (typeof input !== 'string') return xmlFail('empty', 'the input is not text');
  // Fast path first: every UTF-16 unit is at least one UTF-8 byte.
  if (input.length > lim.maxBytes || utf8ByteLength(input) > lim.maxBytes) {
    return xmlFail('too-large', `the document is larger than the ${lim.maxBytes}-byte limit`);
  }
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.trim().length === 0) return xmlFail('empty', 'the document is empty');
  const decl = DECLARATION.exec(text);
  if (decl) {
    const what = decl[1]!.toUpperCase();
    return xmlFail('doctype', `a <!${what}> declaration is not allowed (at ${position(text, decl.index)})`);
  }
  const forbidden = FORBIDDEN_CHARACTER.exec(text);
  if (forbidden) {
    const hex = forbidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return xmlFail('malformed', `not well-formed XML: a character XML does not allow (U+${hex}) at ${position(text, forbidden.index)}`);
  }
  let validation: ReturnType<typeof XMLValidator.validate>;
  try {
    validation = XMLValidator.validate(text, { allowBooleanAttributes: false });
  } catch {
    return xmlFail('malformed', 'the document could not be checked for well-formedness');
  }
  if (validation !== true) {
    const { code, msg, line, col } = validation.err;
    const where = col !== undefined ? `line ${line}, column ${col}` : `line ${line}`;
    return xmlFail('malformed', `not well-formed XML at ${where}: ${clip(maskQuotedText(msg))} (${code})`);
  }
  let elements = 0;
  let roots = 0;
  let limitHit: XmlResult<string> | undefined;
  const scanned = scanTags(text, (ev) => {
    if (ev.kind !== 'start') return true;
    elements++;
    if (ev.depth === 1) roots++;
    if (ev.depth > lim.maxDepth) {
      limitHit = xmlFail('too-deep', `elements are nested deeper than the limit of ${lim.maxDepth} levels (at ${position(text, ev.start)})`);
      return false;
    }
    if (elements > lim.maxElements) {
      limitHit = xmlFail('too-many-elements', `the document has more than the limit of ${lim.maxElements} elements`);
      return false;
    }
    if (roots > 1) {
      limitHit = xmlFail('malformed', `not well-formed XML: a second root element at ${position(text, ev.start)}`);
      return false;
    }
    return true;
  });
  if (limitHit) return limitHit;
  if (!scanned.ok) return xmlFail('malformed', `not well-formed XML: ${scanned.reason} at ${position(text, scanned.offset)}`);
  if (roots === 0) return xmlFail('malformed', 'not well-formed XML: no root element');
  return xmlOk(text);
}

/** Parses a document into an element tree, or a typed error. Never throws. */
export function parseXml(input: unknown, limits: Partial<XmlLimits> = {}): XmlResult<XmlElement> {
  const parsed = parseXmlWithText(input, limits);
  return parsed.ok ? xmlOk(parsed.value.root) : parsed;
}

/**
 * `parseXml`, also giving back the text that passed the checks (the input
 * without its byte order mark): the `checkXml` result, for a caller that
 * reads the same document again as text (extractCheckedElementXml) without
 * checking it twice. Never throws.
 */
export function parseXmlWithText(input: unknown, limits: Partial<XmlLimits> = {}): XmlResult<{ root: XmlElement; text: string }> {
  try {
    const checked = checkXml(input, limits);
    if (!checked.ok) return checked;
    try {
      return xmlOk({ root: buildTree(checked.value), text: checked.value });
    } catch (e) {
      if (e instanceof TreeBuildError && e.kind === 'entity') return xmlFail('malformed', `not well-formed XML: ${e.message}`);
      return xmlFail('malformed', 'the XML parser rejected the document');
    }
  } catch {
    return xmlFail('malformed', 'the document could not be parsed');
  }
}

function position(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

function clip(s: string): string {
  return s.length > 160 ? `${s.slice(0, 160)}…` : s;
}
