/**
 * A minimal, linear tag scanner over XML text. It does not build a tree: it
 * reports where each start and end tag is, skipping comments, processing
 * instructions and CDATA sections, and honouring quoted attribute values
 * (which may contain `>`). Used to enforce structural limits before the real
 * parser runs and to cut an element out of a document verbatim.
 */

export interface StartTag {
  kind: 'start';
  /** Qualified name as written (`ns2:item`). */
  qname: string;
  /** Offset of `<`. */
  start: number;
  /** Offset just after `>`. */
  end: number;
  selfClosing: boolean;
  /** Depth of this element: the root is 1. */
  depth: number;
}

export interface EndTag {
  kind: 'end';
  qname: string;
  start: number;
  end: number;
  /** Depth of the element being closed. */
  depth: number;
}

export type TagEvent = StartTag | EndTag;

export type ScanResult = { ok: true } | { ok: false; reason: string; offset: number };

const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/;

/**
 * Calls `visit` for every start and end tag in document order. `visit` may
 * return `false` to stop early. Returns an error for an unterminated
 * construct or a declaration (`<!DOCTYPE`, `<!ENTITY`, ...).
 */
export function scanTags(xml: string, visit: (event: TagEvent) => boolean | void): ScanResult {
  let depth = 0;
  let prevEnd = 0;
  let i = xml.indexOf('<');
  while (i !== -1 && i < xml.length) {
    if (depth === 0 && !isBlank(xml, prevEnd, i)) {
      return { ok: false, reason: 'text outside the root element', offset: prevEnd };
    }
    if (xml.startsWith('<!--', i)) {
      const close = xml.indexOf('-->', i + 4);
      if (close === -1) return { ok: false, reason: 'unterminated comment', offset: i };
      prevEnd = close + 3;
      i = xml.indexOf('<', prevEnd);
      continue;
    }
    if (xml.startsWith('<![CDATA[', i)) {
      const close = xml.indexOf(']]>', i + 9);
      if (close === -1) return { ok: false, reason: 'unterminated CDATA section', offset: i };
      if (depth === 0) return { ok: false, reason: 'CDATA outside the root element', offset: i };
      prevEnd = close + 3;
      i = xml.indexOf('<', prevEnd);
      continue;
    }
    if (xml.startsWith('<?', i)) {
      const close = xml.indexOf('?>', i + 2);
      if (close === -1) return { ok: false, reason: 'unterminated processing instruction', offset: i };
      if (i > 0 && /^<\?xml(\s|\?)/i.test(xml.slice(i, i + 6))) {
        return { ok: false, reason: 'an XML declaration that is not at the start', offset: i };
      }
      prevEnd = close + 2;
      i = xml.indexOf('<', prevEnd);
      continue;
    }
    if (xml.startsWith('<!', i)) {
      return { ok: false, reason: 'declarations are not allowed', offset: i };
    }
    const closing = xml.charCodeAt(i + 1) === 47; /* '/' */
    const nameStart = closing ? i + 2 : i + 1;
    if (!NAME_START.test(xml.charAt(nameStart))) {
      return { ok: false, reason: 'invalid tag', offset: i };
    }
    const end = findTagEnd(xml, nameStart);
    if (end === -1) return { ok: false, reason: "an unterminated tag or a '<' inside a tag", offset: i };
    let nameEnd = nameStart;
    while (nameEnd < end && !isNameTerminator(xml.charCodeAt(nameEnd))) nameEnd++;
    const qname = xml.slice(nameStart, nameEnd);
    let keepGoing: boolean | void;
    if (closing) {
      keepGoing = visit({ kind: 'end', qname, start: i, end: end + 1, depth });
      depth--;
    } else {
      const selfClosing = xml.charCodeAt(end - 1) === 47; /* '/' */
      depth++;
      keepGoing = visit({ kind: 'start', qname, start: i, end: end + 1, selfClosing, depth });
      if (selfClosing) depth--;
    }
    if (keepGoing === false) return { ok: true };
    if (depth < 0) return { ok: false, reason: 'end tag without a start tag', offset: i };
    prevEnd = end + 1;
    i = xml.indexOf('<', prevEnd);
  }
  if (depth === 0 && !isBlank(xml, prevEnd, xml.length)) {
    return { ok: false, reason: 'text outside the root element', offset: prevEnd };
  }
  if (depth > 0) return { ok: false, reason: 'unclosed element at the end of the document', offset: xml.length };
  return { ok: true };
}

function isBlank(xml: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = xml.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}

function isNameTerminator(c: number): boolean {
  // whitespace, '/', '>'
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 62;
}

/** Offset of the `>` that ends the tag whose name starts at `from`, skipping quoted values. */
function findTagEnd(xml: string, from: number): number {
  let quote = 0;
  for (let j = from; j < xml.length; j++) {
    const c = xml.charCodeAt(j);
    if (quote !== 0) {
      if (c === quote) quote = 0;
      else if (c === 60) return -1; // '<' inside an attribute value is not allowed
    } else if (c === 34 || c === 39) {
      quote = c;
    } else if (c === 62) {
      return j;
    } else if (c === 60) {
      return -1; // '<' inside a tag: malformed
    }
  }
  return -1;
}

/**
 * Namespace declarations written on one start tag: prefix ('' for the default
 * namespace) → the declaration exactly as written (`xmlns:ns2="urn:x"`), so it
 * can be copied onto another tag without re-escaping.
 */
export function namespaceDeclarations(startTagText: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /\s(xmlns(?::([^\s=/>]+))?\s*=\s*(?:"[^"]*"|'[^']*'))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(startTagText)) !== null) {
    out.set(m[2] ?? '', m[1]!);
  }
  return out;
}

/** `ns2:item` → `item`. */
export function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon === -1 ? qname : qname.slice(colon + 1);
}
