/**
 * A small XML writer for the hostile corpus: the same logical document can be
 * written with namespace prefixes or without, its text as plain text, numeric
 * character references or CDATA, indented or not, and with hostile element and
 * attribute names sprinkled in where the parser must ignore them. Its choices
 * come from a seeded PRNG so that fast-check reproduces every document.
 */

/** mulberry32: a tiny deterministic PRNG (the seed comes from fast-check). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type NamespaceStyle =
  /** xmlns="…" on the root, no prefixes. */
  | 'default'
  /** Every element `ns2:`, declared on the root. */
  | 'prefixed'
  /** No namespace at all. */
  | 'none'
  /** Some elements prefixed, some in the default namespace. */
  | 'mixed'
  /** A prefix that is never declared (not namespace-well-formed; read by local name). */
  | 'undeclared-prefix'
  /** Another namespace URI than KMEHR's. */
  | 'foreign-uri';

export type TextStyle = 'plain' | 'charrefs' | 'cdata' | 'mixed';

export interface WriterStyle {
  ns: NamespaceStyle;
  text: TextStyle;
  indent: boolean;
  /** Insert `__proto__`/`constructor`/`prototype`/... elements and attributes the parser must ignore. */
  hostileNames: boolean;
}

export const KMEHR_NS = 'http://www.ehealth.fgov.be/standards/kmehr/schema/v1';

/** Names that are keys of every JS object: a parser that used them as keys could pollute prototypes. */
export const HOSTILE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'] as const;

export type Node = { name: string; attrs?: Array<[string, string]>; children?: Node[]; text?: string };

export const el = (name: string, attrs: Array<[string, string]> | undefined, ...children: Node[]): Node => ({ name, ...(attrs && { attrs }), children });
export const txt = (name: string, text: string, attrs?: Array<[string, string]>): Node => ({ name, ...(attrs && { attrs }), text });

export class XmlWriter {
  private readonly random: () => number;

  constructor(
    private readonly style: WriterStyle,
    seed: number,
  ) {
    this.random = prng(seed);
  }

  /** The document's root element as text (no XML declaration). */
  write(root: Node, rootNamespaceUri: string = KMEHR_NS): string {
    const declarations: Array<[string, string]> = [];
    const uri = this.style.ns === 'foreign-uri' ? 'urn:example:not-kmehr' : rootNamespaceUri;
    if (this.style.ns === 'default' || this.style.ns === 'mixed' || this.style.ns === 'foreign-uri') declarations.push(['xmlns', uri]);
    if (this.style.ns === 'prefixed' || this.style.ns === 'mixed') declarations.push(['xmlns:ns2', uri]);
    return this.node(root, 0, declarations);
  }

  private qname(local: string): string {
    switch (this.style.ns) {
      case 'prefixed':
        return `ns2:${local}`;
      case 'undeclared-prefix':
        return `k:${local}`;
      case 'mixed':
        return this.random() < 0.5 ? `ns2:${local}` : local;
      default:
        return local;
    }
  }

  private node(n: Node, depth: number, extraAttrs: Array<[string, string]> = []): string {
    const qname = this.qname(n.name);
    const attrs = [...extraAttrs, ...(n.attrs ?? [])];
    if (this.style.hostileNames && this.random() < 0.3) {
      const taken = new Set(attrs.map(([k]) => k));
      const name = HOSTILE_NAMES[Math.floor(this.random() * HOSTILE_NAMES.length)]!;
      if (!taken.has(name)) attrs.push([name, 'polluted']);
    }
    const open = `<${qname}${attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('')}`;
    const pad = this.style.indent ? `\n${'  '.repeat(depth + 1)}` : '';
    const end = this.style.indent ? `\n${'  '.repeat(depth)}` : '';
    if (n.text !== undefined) return `${open}>${this.text(n.text)}</${qname}>`;
    const children = (n.children ?? []).map((c) => this.node(c, depth + 1));
    if (this.style.hostileNames && this.random() < 0.25) children.splice(Math.floor(this.random() * (children.length + 1)), 0, this.hostileElement());
    if (children.length === 0) return `${open}/>`;
    return `${open}>${children.map((c) => pad + c).join('')}${end}</${qname}>`;
  }

  /** An element tree made only of hostile names (read as unknown elements, i.e. ignored). */
  private hostileElement(): string {
    const pick = () => HOSTILE_NAMES[Math.floor(this.random() * HOSTILE_NAMES.length)]!;
    const outer = pick();
    const inner = pick();
    return `<${outer} ${inner === outer ? 'x' : inner}="1"><${inner}><polluted>yes</polluted></${inner}><${pick()}/></${outer}>`;
  }

  private text(value: string): string {
    const style = this.style.text === 'mixed' ? (['plain', 'charrefs', 'cdata'] as const)[Math.floor(this.random() * 3)]! : this.style.text;
    if (style === 'cdata' && !value.includes(']]>') && value.length > 0) return `<![CDATA[${value}]]>`;
    if (style === 'charrefs') {
      let out = '';
      for (const ch of value) {
        const cp = ch.codePointAt(0)!;
        const r = this.random();
        if (r < 0.4) out += `&#${cp};`;
        else if (r < 0.8) out += `&#x${cp.toString(16)};`;
        else out += escapeText(ch);
      }
      return out;
    }
    return escapeText(value);
  }
}

export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}
