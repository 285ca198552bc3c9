/**
 * Builds our element tree straight from XML text that `checkXml` accepted
 * (well-formed for fast-xml-parser's XMLValidator, one root, no DOCTYPE, depth
 * and element counts within the limits), in one pass and without an
 * intermediate object tree. It reads documents exactly as the previous path
 * did (fast-xml-parser's XMLParser with the options of parse.ts, then a
 * conversion; test/lib/xml/tree-builder.test.ts compares both): line endings
 * normalised to `\n`; names without their namespace prefix (element names
 * after the first colon; attribute names `p:n` → `n`, `xmlns` and `xmlns:*`
 * dropped, a later duplicate overwriting an earlier one); text and attribute
 * values decoded by `decodeXmlText`, text in the pieces between markup (a
 * comment does not end a piece), CDATA kept verbatim; comments, processing
 * instructions and the XML declaration left out.
 *
 * Names are only ever Map keys and string values, never object keys of the
 * tree, so `__proto__` and friends are plain names. Throws TreeBuildError when
 * an entity reference cannot be decoded (the reason names no document text),
 * or on markup the checks let through (none is known).
 */
import { decodeXmlText } from './entities.ts';
import type { XmlElement } from './tree.ts';

/** `entity`: a reference `decodeXmlText` refuses; `structure`: markup the checks should have refused. */
export class TreeBuildError extends Error {
  constructor(
    readonly kind: 'entity' | 'structure',
    message: string,
  ) {
    super(message);
  }
}

interface OpenElement {
  name: string;
  attrs: Map<string, string>;
  children: XmlElement[];
  text: string;
}

const LT = 60; // <
const GT = 62; // >
const SLASH = 47; // /
const BANG = 33; // !
const QUESTION = 63; // ?
const DASH = 45; // -
const BRACKET = 91; // [
const DQUOTE = 34;
const SQUOTE = 39;

/** Attribute name and value in a start tag's attribute text (the pattern fast-xml-parser uses). */
const ATTRIBUTE = /([^\s=]+)\s*(=\s*(?:"([^"]*)"|'([^']*)'))?/g;
const WHITESPACE = /\s/;

function decoded(raw: string): string {
  const result = decodeXmlText(raw);
  if (!result.ok) throw new TreeBuildError('entity', result.reason);
  return result.value;
}

/** `ns2:item` → `item`: everything after the first colon. */
function elementLocalName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon === -1 ? qname : qname.slice(colon + 1);
}

/** `p:n` → `n`; `xmlns` and `xmlns:p` → undefined (declarations, not attributes); `a:b:c` stays. */
function attributeLocalName(qname: string): string | undefined {
  const parts = qname.split(':');
  if (parts[0] === 'xmlns') return undefined;
  return parts.length === 2 ? parts[1]! : qname;
}

function readAttributes(text: string): Map<string, string> {
  // A null-prototype object keeps fast-xml-parser's order (first position, last value per name).
  const byName: Record<string, string> = Object.create(null) as Record<string, string>;
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(text); m; m = ATTRIBUTE.exec(text)) {
    const name = attributeLocalName(m[1]!);
    const raw = m[3] ?? m[4];
    if (name === undefined || name.length === 0 || raw === undefined) continue;
    byName[name] = raw;
  }
  const attrs = new Map<string, string>();
  for (const [name, raw] of Object.entries(byName)) attrs.set(name, decoded(raw));
  return attrs;
}

/** Index of the `close` that ends markup starting at `from`, skipping quoted values; -1 when none. */
function markupEnd(xml: string, from: number, close: string): number {
  const first = close.charCodeAt(0);
  const second = close.length > 1 ? close.charCodeAt(1) : -1;
  for (let i = from; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (c === DQUOTE || c === SQUOTE) {
      i = xml.indexOf(xml[i]!, i + 1);
      if (i === -1) return -1;
    } else if (c === first && (second === -1 || xml.charCodeAt(i + 1) === second)) {
      return i;
    }
  }
  return -1;
}

function freeze(el: OpenElement): XmlElement {
  return Object.freeze({ name: el.name, attrs: el.attrs, children: Object.freeze(el.children), text: el.text });
}

function unterminated(what: string): never {
  throw new TreeBuildError('structure', `unterminated ${what}`);
}

/** The root element of `xml` (already checked by checkXml). */
export function buildTree(input: string): XmlElement {
  const xml = input.indexOf('\r') === -1 ? input : input.replace(/\r\n?/g, '\n');
  const stack: OpenElement[] = [];
  let root: XmlElement | undefined;
  /** Raw text since the last start tag, end tag, PI or CDATA (comments do not end it). */
  let pending = '';

  const flush = () => {
    const current = stack[stack.length - 1];
    if (pending !== '' && current) current.text += decoded(pending);
    pending = '';
  };

  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt === -1) break;
    if (lt > i) pending += xml.slice(i, lt);
    const c1 = xml.charCodeAt(lt + 1);
    if (c1 === SLASH) {
      const gt = xml.indexOf('>', lt);
      if (gt === -1) unterminated('end tag');
      flush();
      const closed = stack.pop();
      if (!closed) throw new TreeBuildError('structure', 'an end tag without a start tag');
      const element = freeze(closed);
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else root ??= element;
      i = gt + 1;
    } else if (c1 === QUESTION) {
      const end = markupEnd(xml, lt + 1, '?>');
      if (end === -1) unterminated('processing instruction');
      flush();
      i = end + 2;
    } else if (c1 === BANG && xml.charCodeAt(lt + 2) === DASH && xml.charCodeAt(lt + 3) === DASH) {
      const end = xml.indexOf('-->', lt + 4);
      if (end === -1) unterminated('comment');
      i = end + 3;
    } else if (c1 === BANG && xml.charCodeAt(lt + 2) === BRACKET) {
      const end = xml.indexOf(']]>', lt);
      if (end === -1) unterminated('CDATA section');
      flush();
      const current = stack[stack.length - 1];
      if (current) current.text += xml.slice(lt + 9, end);
      i = end + 3;
    } else if (c1 === BANG) {
      throw new TreeBuildError('structure', 'declarations are not allowed');
    } else {
      const gt = markupEnd(xml, lt + 1, '>');
      if (gt === -1) unterminated('start tag');
      const expression = xml.slice(lt + 1, gt);
      const space = expression.search(WHITESPACE);
      let qname = space === -1 ? expression : expression.slice(0, space);
      let rest = space === -1 ? '' : expression.slice(space + 1).trimStart();
      let selfClosing = false;
      if (space === -1) {
        if (qname.charCodeAt(qname.length - 1) === SLASH) {
          selfClosing = true;
          qname = qname.slice(0, -1);
        }
      } else if (rest.charCodeAt(rest.length - 1) === SLASH) {
        selfClosing = true;
        rest = rest.slice(0, -1);
      }
      if (stack.length > 0) flush();
      else pending = '';
      const element: OpenElement = {
        name: elementLocalName(qname),
        attrs: rest.length > 0 ? readAttributes(rest) : new Map(),
        children: [],
        text: '',
      };
      if (selfClosing) {
        const done = freeze(element);
        const parent = stack[stack.length - 1];
        if (parent) parent.children.push(done);
        else root ??= done;
      } else {
        stack.push(element);
      }
      i = gt + 1;
    }
  }
  if (!root || stack.length > 0) throw new TreeBuildError('structure', 'no complete root element');
  return root;
}
