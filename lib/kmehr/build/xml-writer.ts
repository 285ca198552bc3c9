/**
 * A minimal XML writer for the KMEHR builder: messages are built as a tree of
 * elements and serialised here, where every text and attribute value is
 * escaped. Nothing else in the builder turns data into markup.
 *
 * Text escapes `&`, `<`, `>` (so `]]>` cannot occur) and CR (kept as `&#13;`,
 * which a parser would otherwise turn into LF). Attribute values also escape
 * both quotes, tab and LF (a parser would turn those into spaces). A value
 * with a character XML 1.0 cannot carry at all (most C0 controls, U+FFFE,
 * U+FFFF, an unpaired surrogate) is refused with XmlWriteError: there is no
 * way to escape it.
 */

export interface XmlElementNode {
  name: string;
  attrs?: Readonly<Record<string, string>>;
  /** Child elements, or the element's text; neither = empty element. */
  content?: readonly XmlElementNode[] | string;
}

export class XmlWriteError extends Error {
  override readonly name = 'XmlWriteError';
}

/** Builds an element: `el('cd', { S: 'CD-ITEM', SV: '1.0' }, 'vaccine')`. */
export function el(
  name: string,
  attrs: Readonly<Record<string, string>> | undefined,
  content?: readonly (XmlElementNode | undefined | false)[] | string,
): XmlElementNode {
  const node: { name: string; attrs?: Readonly<Record<string, string>>; content?: readonly XmlElementNode[] | string } = { name };
  if (attrs) node.attrs = attrs;
  if (typeof content === 'string') node.content = content;
  else if (content) node.content = content.filter((c): c is XmlElementNode => c !== undefined && c !== false);
  return node;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*(:[A-Za-z_][A-Za-z0-9_.-]*)?$/;
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|\p{Cs}/u;

function checkChars(value: string, where: string): void {
  if (NOT_XML_CHAR.test(value)) throw new XmlWriteError(`${where} holds a character XML 1.0 cannot carry`);
}

export function escapeXmlText(value: string): string {
  checkChars(value, 'a text value');
  return value.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

const ATTR_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

export function escapeXmlAttribute(value: string): string {
  checkChars(value, 'an attribute value');
  return value.replace(/[&<>"'\t\n\r]/g, (c) => ATTR_ESCAPES[c]!);
}

function checkName(name: string): string {
  if (!NAME.test(name)) throw new XmlWriteError('an element or attribute name is not a valid XML name');
  return name;
}

function write(node: XmlElementNode, depth: number, indent: string, out: string[]): void {
  const pad = indent ? `\n${indent.repeat(depth)}` : '';
  const name = checkName(node.name);
  let open = `<${name}`;
  for (const [key, value] of Object.entries(node.attrs ?? {})) open += ` ${checkName(key)}="${escapeXmlAttribute(value)}"`;
  const content = node.content;
  if (content === undefined || content.length === 0) {
    out.push(`${pad}${open}/>`);
  } else if (typeof content === 'string') {
    out.push(`${pad}${open}>${escapeXmlText(content)}</${name}>`);
  } else {
    out.push(`${pad}${open}>`);
    for (const child of content) write(child, depth + 1, indent, out);
    out.push(`${pad}</${name}>`);
  }
}

/** The document: an XML declaration (UTF-8) and the root element, indented with `indent` ('' = one line). */
export function serializeXml(root: XmlElementNode, indent = '  '): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, 0, indent, out);
  return `${out.join('')}\n`;
}
