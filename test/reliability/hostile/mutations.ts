/**
 * Document-level hostility, applied to a rendered document whose root
 * element span is known: each family says what the parser must answer
 * (the unchanged result, or a typed error code).
 */
import fc from 'fast-check';
import type { XmlLimits } from '../../../lib/xml/parse.ts';

export interface Rendered {
  /** The whole document text. */
  text: string;
  /** Offset just after the root element's end tag. */
  rootEnd: number;
  /** Offset of the root element's `<`. */
  rootStart: number;
}

export type Expectation = { kind: 'result' } | { kind: 'error'; codes: readonly string[] };

export interface Mutated {
  family: string;
  label: string;
  text: string;
  /** Parser limits to use (a small cap instead of megabytes of padding). */
  limits?: Partial<XmlLimits>;
  expect: Expectation;
}

export type Mutation = (doc: Rendered) => Mutated;

const result: Expectation = { kind: 'result' };
const error = (...codes: string[]): Expectation => ({ kind: 'error', codes });

/** Inserts `insert` at `at`. */
const splice = (s: string, at: number, insert: string) => s.slice(0, at) + insert + s.slice(at);

/** Offsets just after a `>` that ends a start tag inside the root (where text or an element may go). */
function innerOffsets(doc: Rendered): number[] {
  const out: number[] = [];
  const re = /<[A-Za-z_][^<>]*?[^/]>/g;
  re.lastIndex = doc.rootStart;
  let m: RegExpExecArray | null;
  while ((m = re.exec(doc.text)) !== null && m.index < doc.rootEnd) out.push(m.index + m[0].length);
  return out;
}

/** Offsets of text content (between a start tag and the next `<`), non-empty. */
function textOffsets(doc: Rendered): number[] {
  return innerOffsets(doc).filter((o) => doc.text[o] !== '<' && o < doc.rootEnd);
}

const DOCTYPES = [
  // Billion laughs: internal entity expansion.
  '<!DOCTYPE kmehrmessage [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
  // External entity (XXE).
  '<!DOCTYPE kmehrmessage [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
  // Parameter entities fetching a remote DTD.
  '<!DOCTYPE kmehrmessage [<!ENTITY % remote SYSTEM "http://127.0.0.1:1/evil.dtd">%remote;]>',
  '<!DOCTYPE kmehrmessage SYSTEM "http://127.0.0.1:1/kmehr.dtd">',
  '<!DOCTYPE kmehrmessage PUBLIC "-//X//EN" "kmehr.dtd">',
  // Lower case, and extra white space.
  '<!doctype kmehrmessage>',
  '<!DOCTYPE\n\tkmehrmessage\n[\n]>',
  // Repeated DOCTYPEs.
  '<!DOCTYPE a><!DOCTYPE b>',
];

export const doctype: fc.Arbitrary<Mutation> = fc.tuple(fc.constantFrom(...DOCTYPES), fc.constantFrom('before-root', 'after-root', 'entity-use')).map(
  ([decl, where]) =>
    (doc): Mutated => {
      let text: string;
      if (where === 'after-root') text = splice(doc.text, doc.rootEnd, decl);
      else if (where === 'entity-use') {
        const at = textOffsets(doc)[0] ?? doc.rootStart;
        text = splice(splice(doc.text, at, '&d;&xxe;'), doc.rootStart, decl);
      } else text = splice(doc.text, doc.rootStart, decl);
      return { family: 'doctype', label: `DOCTYPE ${where}`, text, expect: error('doctype') };
    },
);

/** A standalone `<!ENTITY>` (no DOCTYPE) is refused the same way. */
export const entityDeclaration: fc.Arbitrary<Mutation> = fc.constant((doc: Rendered): Mutated => ({
  family: 'doctype',
  label: 'ENTITY without DOCTYPE',
  text: splice(doc.text, doc.rootStart, '<!ENTITY x "y">'),
  expect: error('doctype', 'malformed'),
}));

const BAD_REFERENCES = ['&xxe;', '&nbsp;', '&#0;', '&#x0;', '&#xD800;', '&#1114112;', '&#x110000;', '&#;', '&#x;', '&#12345678;', '&', '&amp', '&#xFFFE;', '&lt'];

export const badReference: fc.Arbitrary<Mutation> = fc.tuple(fc.constantFrom(...BAD_REFERENCES), fc.nat()).map(
  ([ref, pick]) =>
    (doc): Mutated => {
      const offsets = innerOffsets(doc);
      const at = offsets[pick % offsets.length]!;
      return { family: 'entity-refs', label: `reference ${ref}`, text: splice(doc.text, at, ref), expect: error('malformed') };
    },
);

/** Past the byte cap: either the real default cap with padding, or a small cap. */
export const oversize = (defaultCap: number): fc.Arbitrary<Mutation> =>
  fc.tuple(fc.boolean(), fc.constantFrom('comment', 'whitespace', 'text')).map(([real, how]) => (doc): Mutated => {
    if (!real) {
      const cap = Math.max(1, Math.floor(new TextEncoder().encode(doc.text).length / 2));
      return { family: 'oversize', label: `over a ${cap}-byte cap`, text: doc.text, limits: { maxBytes: cap }, expect: error('too-large') };
    }
    const padding = defaultCap + 1;
    const pad = how === 'comment' ? `<!--${'x'.repeat(padding)}-->` : how === 'whitespace' ? ' '.repeat(padding) : 'é'.repeat(Math.ceil(padding / 2));
    const at = how === 'text' ? (textOffsets(doc)[0] ?? doc.rootEnd) : doc.rootEnd;
    return { family: 'oversize', label: `over the default cap (${how})`, text: splice(doc.text, at, pad), expect: error('too-large') };
  });

export const deep: fc.Arbitrary<Mutation> = fc.tuple(fc.integer({ min: 70, max: 20_000 }), fc.nat(), fc.constantFrom('heading', 'x', '__proto__', 'ns9:content')).map(
  ([levels, pick, name]) =>
    (doc): Mutated => {
      const offsets = innerOffsets(doc);
      const at = offsets[pick % offsets.length]!;
      const nest = `<${name}>`.repeat(levels) + `</${name}>`.repeat(levels);
      return { family: 'deep', label: `${levels} nested <${name}>`, text: splice(doc.text, at, nest), expect: error('too-deep') };
    },
);

/** Unclosed nesting is refused too (malformed or too deep, whichever is seen first). */
export const deepUnclosed: fc.Arbitrary<Mutation> = fc.integer({ min: 70, max: 50_000 }).map((levels) => (doc): Mutated => ({
  family: 'deep',
  label: `${levels} unclosed <a>`,
  text: splice(doc.text, innerOffsets(doc)[0]!, '<a>'.repeat(levels)),
  expect: error('too-deep', 'malformed'),
}));

export const tooManyElements: fc.Arbitrary<Mutation> = fc.integer({ min: 1, max: 8 }).map((wanted) => (doc): Mutated => {
  // Below the document's own element count (a tiny document has only a few).
  const elements = (doc.text.match(/<[A-Za-z_]/g) ?? []).length;
  const cap = Math.max(1, Math.min(wanted, elements - 1));
  return { family: 'too-many-elements', label: `over a ${cap}-element cap`, text: doc.text, limits: { maxElements: cap }, expect: error('too-many-elements') };
});

export const truncated: fc.Arbitrary<Mutation> = fc.double({ min: 0, max: 1, noNaN: true }).map((fraction) => (doc): Mutated => {
  const at = Math.floor(fraction * doc.text.length);
  const text = doc.text.slice(0, at);
  // Cut after the root ends: only trailing blanks or comments are lost.
  const expect = at >= doc.rootEnd ? result : text.trim() === '' || text.replace(/^\uFEFF/, '').trim() === '' ? error('empty') : error('malformed');
  return { family: 'truncated', label: `cut at ${Math.round(fraction * 100)}%`, text, expect };
});

export const byteOrderMark: fc.Arbitrary<Mutation> = fc.constantFrom('leading', 'twice', 'inside').map((where) => (doc): Mutated => {
  if (where === 'leading') return { family: 'bom', label: 'leading BOM', text: `\uFEFF${doc.text}`, expect: result };
  if (where === 'twice') return { family: 'bom', label: 'two BOMs', text: `\uFEFF\uFEFF${doc.text}`, expect: error('malformed') };
  // Between elements inside the root: text in element content, ignored.
  const at = innerOffsets(doc).find((o) => doc.text[o] === '<' || /\s/.test(doc.text[o] ?? '')) ?? doc.rootStart;
  const inside = at > doc.rootStart;
  return { family: 'bom', label: 'BOM inside the root', text: splice(doc.text, at, '\uFEFF'), expect: inside ? result : error('malformed') };
});

/** Characters XML 1.0 does not allow, written literally (not as references). */
const FORBIDDEN = ['\u0000', '\u0001', '\u0008', '\u000B', '\u001F', '\uFFFE', '\uFFFF', '\uD800', '\uDFFF', '\uDBFF'];

export const forbiddenCharacter: fc.Arbitrary<Mutation> = fc.tuple(fc.constantFrom(...FORBIDDEN), fc.nat()).map(
  ([ch, pick]) =>
    (doc): Mutated => {
      const offsets = textOffsets(doc);
      const at = offsets.length > 0 ? offsets[pick % offsets.length]! : doc.rootStart + 1;
      const code = ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      return { family: 'bad-chars', label: `literal U+${code}`, text: splice(doc.text, at, ch), expect: error('malformed') };
    },
);

/**
 * Bytes that are not UTF-8 inside a text value, decoded the lenient way
 * (U+FFFD): still XML, so the records come through with the replacement
 * character in that value.
 */
export const invalidUtf8: fc.Arbitrary<Mutation> = fc.tuple(fc.constantFrom([0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf8, 0x88, 0x80, 0x80, 0x80]), fc.nat()).map(
  ([bytes, pick]) =>
    (doc): Mutated => {
      // Only inside a name element (its text is shown, never interpreted).
      const names = [...doc.text.matchAll(/<(?:[a-z0-9]+:)?(?:intendedname|firstname)[^>]*>/g)].map((m) => m.index! + m[0].length);
      const at = names.length > 0 ? names[pick % names.length]! : -1;
      if (at < 0) return { family: 'invalid-utf8', label: 'no name to corrupt', text: doc.text, expect: result };
      const encoder = new TextEncoder();
      const before = encoder.encode(doc.text.slice(0, at));
      const after = encoder.encode(doc.text.slice(at));
      const all = new Uint8Array(before.length + bytes.length + after.length);
      all.set(before, 0);
      all.set(bytes, before.length);
      all.set(after, before.length + bytes.length);
      return { family: 'invalid-utf8', label: `bytes ${bytes.map((b) => b.toString(16)).join(' ')} in a name`, text: new TextDecoder('utf-8').decode(all), expect: result };
    },
);

export const wrongRoot = (secrets: (doc: Rendered) => string[]): fc.Arbitrary<Mutation> =>
  fc.constantFrom('html', 'Envelope', 'kmehrmessages', '__proto__', 'secret').map((name) => (doc): Mutated => {
    const local = name === 'secret' ? `x:Q${secrets(doc)[0] ?? '0'}` : name;
    // Inside another <Envelope>, a SOAP answer has no Body of its own: invalid content.
    const expect = name === 'Envelope' ? error('not-kmehr', 'invalid-content') : error('not-kmehr');
    return { family: 'not-kmehr', label: `root <${name}>`, text: `<${local}>${doc.text.slice(doc.rootStart, doc.rootEnd)}</${local}>`, expect };
  });

/** Nothing document-level: the content (hostile names, namespaces, dates, values) must give the oracle's result. */
export const none: fc.Arbitrary<Mutation> = fc.constant((doc: Rendered): Mutated => ({ family: 'well-formed', label: 'well-formed', text: doc.text, expect: result }));

/**
 * Markup garbled right around the patient's number (a lost `>`, `<`, `/` or
 * quote): the number lands where a tag or attribute name is expected, which
 * is what a well-formedness message quotes. Refused, without quoting it.
 */
export const garbledAroundPatient = (secrets: (doc: Rendered) => string[]): fc.Arbitrary<Mutation> =>
  fc.constantFrom('drop >', 'drop <', 'drop /', 'open tag', 'space for >', 'drop quote').map((how) => (doc): Mutated => {
    const insz = secrets(doc)[0] ?? '';
    const at = doc.text.indexOf(`>${insz}<`);
    if (!insz || at < 0) return { family: 'garbled', label: 'nothing to garble', text: '<', expect: error('malformed') };
    const start = at + 1;
    const end = start + insz.length;
    const t = doc.text;
    let text: string;
    switch (how) {
      case 'drop >':
        text = t.slice(0, at) + t.slice(start);
        break;
      case 'drop <':
        text = t.slice(0, end) + t.slice(end + 1);
        break;
      case 'drop /':
        text = t.slice(0, end + 1) + t.slice(end + 2);
        break;
      case 'open tag':
        text = `${t.slice(0, start)}<${t.slice(start)}`;
        break;
      case 'space for >':
        text = `${t.slice(0, at)} ${t.slice(start)}`;
        break;
      default: {
        const quote = t.lastIndexOf('"', at);
        text = t.slice(0, quote) + t.slice(quote + 1);
      }
    }
    return { family: 'garbled', label: `markup garbled (${how})`, text, expect: error('malformed') };
  });
