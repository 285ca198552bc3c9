/**
 * Cuts the issued SAML assertion out of the STS answer as the exact text
 * received (ehealth-auth.md §1.9: it is signed by eHealth and must reach the
 * hubs byte for byte; it never goes through a parser that re-serialises).
 *
 * The assertion is the saml:Assertion (SAML 1.0/1.1 namespace) that is the
 * child of wst:RequestedSecurityToken; exactly one must exist. If it uses a
 * namespace prefix declared on an ancestor (the envelope, say), that one
 * declaration is copied onto its start tag so the text stands on its own;
 * exclusive c14n, which its signature uses, is unchanged by that.
 */
import { checkXml } from '../../../lib/xml/parse.ts';
import { localName, namespaceDeclarations, scanTags } from '../../../lib/xml/scan.ts';
import { NS } from '../wss/namespaces.ts';
import { WST_NS } from './ws-trust.ts';

export type AssertionSliceResult = { ok: true; xml: string; addedDeclarations: number } | { ok: false; message: string };

interface Scope {
  qname: string;
  /** prefix ('' = default) → namespace URI. */
  uris: Map<string, string>;
  /** prefix → declaration text as written. */
  texts: Map<string, string>;
}

const DECLARATION_VALUE = /=\s*(?:"([^"]*)"|'([^']*)')$/;

function declarationsOf(startTag: string): Scope['texts'] {
  return namespaceDeclarations(startTag);
}

function uriOf(declaration: string): string {
  const m = DECLARATION_VALUE.exec(declaration);
  return (m?.[1] ?? m?.[2] ?? '').replace(/&amp;/g, '&');
}

function prefixOf(qname: string): string {
  const colon = qname.indexOf(':');
  return colon === -1 ? '' : qname.slice(0, colon);
}

function resolve(stack: readonly Scope[], prefix: string): string | undefined {
  for (let i = stack.length - 1; i >= 0; i--) {
    const uri = stack[i]!.uris.get(prefix);
    if (uri !== undefined) return uri;
  }
  return undefined;
}

/** Prefixes the slice's tags use: element names, attribute names and QName-like attribute values. */
function usedPrefixes(slice: string): { prefixes: Set<string>; usesDefault: boolean } {
  const prefixes = new Set<string>();
  let usesDefault = false;
  scanTags(slice, (ev) => {
    if (ev.kind !== 'start') return true;
    const p = prefixOf(ev.qname);
    if (p === '') usesDefault = true;
    else prefixes.add(p);
    const tag = slice.slice(ev.start + 1 + ev.qname.length, ev.end);
    for (const m of tag.matchAll(/\s([A-Za-z_][\w.-]*):[A-Za-z_][\w.-]*\s*=/g)) if (m[1] !== 'xmlns') prefixes.add(m[1]!);
    for (const m of tag.matchAll(/=\s*["']([A-Za-z_][\w.-]*):/g)) prefixes.add(m[1]!);
    return true;
  });
  return { prefixes, usesDefault };
}

export function sliceIssuedAssertion(responseXml: string): AssertionSliceResult {
  const checked = checkXml(responseXml, { maxBytes: 1_000_000 });
  if (!checked.ok) return { ok: false, message: checked.error.reason };
  const text = checked.value;
  const stack: Scope[] = [];
  const found: Array<{ start: number; depth: number; inherited: Scope[]; own: Scope; end?: number }> = [];
  const scanned = scanTags(text, (ev) => {
    if (ev.kind === 'start') {
      const texts = declarationsOf(text.slice(ev.start, ev.end));
      const scope: Scope = { qname: ev.qname, texts, uris: new Map([...texts].map(([p, d]) => [p, uriOf(d)])) };
      const parent = stack[stack.length - 1];
      const inherited = [...stack];
      stack.push(scope);
      if (
        localName(ev.qname) === 'Assertion' &&
        resolve(stack, prefixOf(ev.qname)) === NS.saml11 &&
        parent !== undefined &&
        localName(parent.qname) === 'RequestedSecurityToken' &&
        resolve(inherited, prefixOf(parent.qname)) === WST_NS.wst
      ) {
        found.push({ start: ev.start, depth: ev.depth, inherited, own: scope, ...(ev.selfClosing && { end: ev.end }) });
      }
      if (ev.selfClosing) stack.pop();
    } else {
      const open = found.find((f) => f.end === undefined && f.depth === ev.depth);
      if (open) open.end = ev.end;
      stack.pop();
    }
    return true;
  });
  if (!scanned.ok) return { ok: false, message: `not well-formed XML: ${scanned.reason}` };
  if (found.length === 0) return { ok: false, message: 'the answer holds no SAML assertion in RequestedSecurityToken' };
  if (found.length > 1) return { ok: false, message: 'the answer holds more than one issued assertion' };
  const hit = found[0]!;
  if (hit.end === undefined) return { ok: false, message: 'the assertion is not closed' };
  const slice = text.slice(hit.start, hit.end);

  const { prefixes, usesDefault } = usedPrefixes(slice);
  const wanted = [...prefixes];
  if (usesDefault) wanted.push('');
  const additions: string[] = [];
  for (const prefix of wanted) {
    if (prefix === 'xml' || hit.own.texts.has(prefix)) continue;
    for (let i = hit.inherited.length - 1; i >= 0; i--) {
      const declaration = hit.inherited[i]!.texts.get(prefix);
      if (declaration !== undefined) {
        additions.push(declaration);
        break;
      }
    }
  }
  if (additions.length === 0) return { ok: true, xml: slice, addedDeclarations: 0 };
  const nameEnd = 1 + hit.own.qname.length;
  return { ok: true, xml: `${slice.slice(0, nameEnd)} ${additions.join(' ')}${slice.slice(nameEnd)}`, addedDeclarations: additions.length };
}
