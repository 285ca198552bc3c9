/**
 * DOM access for signed XML (xml-crypto works on @xmldom/xmldom). Parsing is
 * strict: any parser error or warning rejects the document, and DTDs are
 * refused outright (no entity expansion, no external references).
 */
import { DOMParser } from '@xmldom/xmldom';

export type DomParseResult = { ok: true; document: Document } | { ok: false; message: string };

const DTD = /<!DOCTYPE|<!ENTITY/i;

export function parseXmlDocument(xml: string): DomParseResult {
  if (DTD.test(xml)) return { ok: false, message: 'a DTD is not accepted' };
  const problems: string[] = [];
  const record = (msg: unknown) => problems.push(String(msg).split('\n')[0]!.slice(0, 200));
  let document: Document;
  try {
    document = new DOMParser({ errorHandler: { warning: record, error: record, fatalError: record } }).parseFromString(
      xml,
      'text/xml',
    );
  } catch (error) {
    return { ok: false, message: `not well-formed XML: ${String(error).slice(0, 200)}` };
  }
  if (problems.length > 0) return { ok: false, message: `not well-formed XML: ${problems[0]}` };
  if (!document?.documentElement) return { ok: false, message: 'no root element' };
  return { ok: true, document };
}

export function elementChildren(parent: Node): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
}

export function childElements(parent: Node, namespace: string, localName: string): Element[] {
  return elementChildren(parent).filter((e) => e.namespaceURI === namespace && e.localName === localName);
}

export function firstChild(parent: Node, namespace: string, localName: string): Element | undefined {
  return childElements(parent, namespace, localName)[0];
}

/** Every descendant element (document order), without recursion limits of XPath engines. */
export function descendants(root: Node): Element[] {
  const out: Element[] = [];
  const stack: Node[] = [...elementChildren(root)].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    out.push(node as Element);
    const kids = elementChildren(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

export function descendantsNamed(root: Node, namespace: string, localName: string): Element[] {
  return descendants(root).filter((e) => e.namespaceURI === namespace && e.localName === localName);
}

export function textOf(element: Element | undefined): string | undefined {
  return element?.textContent ?? undefined;
}

/** Attribute by namespace and local name (`namespace` null = unqualified). */
export function attributeNS(element: Element, namespace: string | null, localName: string): string | undefined {
  for (let i = 0; i < element.attributes.length; i++) {
    const a = element.attributes.item(i)!;
    if (a.localName === localName && (a.namespaceURI ?? null) === namespace) return a.value;
  }
  return undefined;
}

/**
 * Elements whose id attribute (local name Id, ID, id or `extraIdAttribute`,
 * any namespace) equals `id`. xml-crypto resolves references the same way,
 * so more than one match means a possible signature-wrapping attack.
 */
export function elementsWithId(document: Document, id: string, extraIdAttribute?: string): Element[] {
  const names = new Set(['Id', 'ID', 'id']);
  if (extraIdAttribute) names.add(extraIdAttribute);
  const root = document.documentElement;
  if (!root) return [];
  return [root, ...descendants(root)].filter((e) => {
    for (let i = 0; i < e.attributes.length; i++) {
      const a = e.attributes.item(i)!;
      if (names.has(a.localName ?? a.name) && a.value === id) return true;
    }
    return false;
  });
}

/** Tolerant xsd:dateTime parse (also `+0200` offsets without a colon, seen in eHealth tokens). */
export function parseXmlDateTime(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(trimmed)) return undefined;
  const date = new Date(trimmed);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
