/**
 * A standalone KMEHR message (as the builder makes it: XML declaration,
 * `<kmehrmessage xmlns="…kmehr…">`) placed as the `core:kmehrmessage` element
 * of a PutTransactionRequest (hubservices_core-3_5.xsd declares that element
 * in the core namespace; its content stays in the KMEHR namespace). Only the
 * root's name changes: every other byte of the message is kept.
 */
import { scanTags } from '../../../lib/xml/scan.ts';
import { HUB_NS } from './constants.ts';

export class KmehrEmbedError extends Error {
  override readonly name = 'KmehrEmbedError';
}

export function kmehrAsCoreElement(xml: string): string {
  let root: { start: number; end: number; qname: string; selfClosing: boolean } | undefined;
  let rootEnd: { start: number; end: number } | undefined;
  const scanned = scanTags(xml, (ev) => {
    if (ev.depth !== 1) return true;
    if (ev.kind === 'start') {
      if (root) return false;
      root = { start: ev.start, end: ev.end, qname: ev.qname, selfClosing: ev.selfClosing };
    } else rootEnd = { start: ev.start, end: ev.end };
    return true;
  });
  if (!scanned.ok || !root || root.selfClosing || !rootEnd) throw new KmehrEmbedError('the KMEHR message is not a well-formed element');
  const local = root.qname.includes(':') ? root.qname.slice(root.qname.indexOf(':') + 1) : root.qname;
  if (local !== 'kmehrmessage') throw new KmehrEmbedError('the message root is not kmehrmessage');
  if (xml.slice(rootEnd.end).trim() !== '') throw new KmehrEmbedError('content after the KMEHR message');
  const startTag = xml.slice(root.start, root.end);
  return `<core:kmehrmessage xmlns:core="${HUB_NS.core}"${startTag.slice(1 + root.qname.length)}${xml.slice(root.end, rootEnd.start)}</core:kmehrmessage>`;
}
