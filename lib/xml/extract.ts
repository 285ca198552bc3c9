/**
 * Cuts one element out of a document verbatim, so it parses on its own: the
 * namespace declarations it inherits from its ancestors (a default namespace
 * or prefixes declared on an envelope) are copied onto its start tag. Used to
 * hand the `kmehrmessage` of a hub answer to the extension byte for byte.
 */
import { checkXml, type XmlLimits } from './parse.ts';
import { xmlFail, xmlOk, type XmlResult } from './result.ts';
import { localName, namespaceDeclarations, scanTags } from './scan.ts';

/**
 * The only element with local name `name` in `xml`, as standalone XML text.
 * The document goes through the hardened checks first. A missing element, or
 * more than one, is an `invalid-content` error. Never throws.
 */
export function extractElementXml(xml: string, name: string, limits: Partial<XmlLimits> = {}): XmlResult<string> {
  try {
    const checked = checkXml(xml, limits);
    if (!checked.ok) return checked;
    return extractCheckedElementXml(checked.value, name);
  } catch {
    return xmlFail('invalid-content', 'the element could not be extracted');
  }
}

/**
 * `extractElementXml` on text that already passed `checkXml` (the `text` of
 * `parseXmlWithText`, or `checkXml`'s value), without checking it again:
 * only for that text, as it came out of the checks. Never throws.
 */
export function extractCheckedElementXml(text: string, name: string): XmlResult<string> {
  try {
    const scopes: Array<Map<string, string>> = [];
    let found: { start: number; nameEnd: number; depth: number; inherited: Map<string, string> } | undefined;
    let end = -1;
    let count = 0;
    const scan = scanTags(text, (ev) => {
      if (ev.kind === 'start') {
        const own = namespaceDeclarations(text.slice(ev.start, ev.end));
        if (localName(ev.qname) === name) {
          count++;
          if (found === undefined) {
            const inherited = new Map<string, string>();
            for (const scope of scopes) for (const [prefix, decl] of scope) inherited.set(prefix, decl);
            for (const prefix of own.keys()) inherited.delete(prefix);
            found = { start: ev.start, nameEnd: ev.start + 1 + ev.qname.length, depth: ev.depth, inherited };
            if (ev.selfClosing) end = ev.end;
          }
        }
        if (!ev.selfClosing) scopes.push(own);
      } else {
        scopes.pop();
        if (found !== undefined && end === -1 && ev.depth === found.depth && localName(ev.qname) === name) end = ev.end;
      }
      return true;
    });
    if (!scan.ok) return xmlFail('malformed', `not well-formed XML: ${scan.reason}`);
    const shown = name.slice(0, 60);
    if (found === undefined || end === -1) return xmlFail('invalid-content', `the document holds no ${shown} element`);
    if (count > 1) return xmlFail('invalid-content', `the document holds more than one ${shown} element`);
    const added = [...found.inherited.values()].map((decl) => ` ${decl}`).join('');
    return xmlOk(text.slice(found.start, found.nameEnd) + added + text.slice(found.nameEnd, end));
  } catch {
    return xmlFail('invalid-content', 'the element could not be extracted');
  }
}
