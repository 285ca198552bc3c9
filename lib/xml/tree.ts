/**
 * The element tree the hardened parser returns. Names are local names (the
 * namespace prefix removed), attributes live in a Map and children in an
 * array, so a hostile element or attribute name (`__proto__`, `constructor`)
 * is only ever a string value, never an object key.
 */

export interface XmlElement {
  /** Local name: `ns2:item`, `item` in a default namespace and plain `item` all read `item`. */
  readonly name: string;
  /** Attributes by local name, values decoded. */
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** Direct text content (text and CDATA, decoded, untrimmed). */
  readonly text: string;
}

/** All direct children with this local name, in document order. */
export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  if (!el) return [];
  return el.children.filter((c) => c.name === name);
}

/** The first direct child with this local name. */
export function firstChild(el: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!el) return undefined;
  return el.children.find((c) => c.name === name);
}

/** Follows a path of local names, taking the first match at each step. */
export function pathFirst(el: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let cur = el;
  for (const n of names) cur = firstChild(cur, n);
  return cur;
}

/** Trimmed text of an element; undefined when absent or blank. */
export function textOf(el: XmlElement | undefined): string | undefined {
  if (!el) return undefined;
  const t = el.text.trim();
  return t.length > 0 ? t : undefined;
}

export function attr(el: XmlElement | undefined, name: string): string | undefined {
  return el?.attrs.get(name);
}

/** Every descendant (not the element itself) with this local name, depth first, document order. */
export function descendantsNamed(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const stack: XmlElement[] = [...el.children].reverse();
  while (stack.length > 0) {
    const cur = stack.pop()!;
    if (cur.name === name) out.push(cur);
    for (let i = cur.children.length - 1; i >= 0; i--) stack.push(cur.children[i]!);
  }
  return out;
}
