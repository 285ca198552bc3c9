import { describe, expect, it } from 'vitest';
import { extractCheckedElementXml, extractElementXml } from '../../../lib/xml/extract.ts';
import { checkXml, parseXml, parseXmlWithText } from '../../../lib/xml/parse.ts';
import { namespaceDeclarations, scanTags, type TagEvent } from '../../../lib/xml/scan.ts';

function extracted(xml: string, name: string): string {
  const r = extractElementXml(xml, name);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.reason}`);
  return r.value;
}

describe('scanTags', () => {
  it('reports start and end tags with depth, skipping comments, CDATA, PIs and quoted ">"', () => {
    const events: TagEvent[] = [];
    const xml = '<?xml version="1.0"?><a x="1>2"><!-- <b> --><![CDATA[<c>]]><d/><e>t</e></a>';
    expect(scanTags(xml, (e) => void events.push(e))).toEqual({ ok: true });
    expect(events.map((e) => `${e.kind}:${e.qname}:${e.depth}`)).toEqual([
      'start:a:1',
      'start:d:2',
      'start:e:2',
      'end:e:2',
      'end:a:1',
    ]);
    const a = events[0]!;
    expect(xml.slice(a.start, a.end)).toBe('<a x="1>2">');
  });

  it('stops when the visitor returns false', () => {
    let seen = 0;
    scanTags('<a><b/><c/></a>', () => {
      seen++;
      return seen < 2;
    });
    expect(seen).toBe(2);
  });

  it('reads namespace declarations as written', () => {
    const decls = namespaceDeclarations(`<x:a xmlns="urn:d" xmlns:x='urn:x' xmlnsfoo="no" b="xmlns:y=&quot;q&quot;">`);
    expect([...decls.entries()]).toEqual([
      ['', 'xmlns="urn:d"'],
      ['x', "xmlns:x='urn:x'"],
    ]);
  });
});

describe('extractElementXml', () => {
  it('copies the namespace declarations the element inherits, so it parses on its own', () => {
    const xml =
      '<s:Envelope xmlns:s="urn:soap"><s:Body><r:Resp xmlns="urn:kmehr" xmlns:c="urn:core" xmlns:r="urn:proto">' +
      '<c:kmehrmessage><header><id S="X">1</id></header></c:kmehrmessage></r:Resp></s:Body></s:Envelope>';
    const out = extracted(xml, 'kmehrmessage');
    expect(out).toBe(
      '<c:kmehrmessage xmlns:s="urn:soap" xmlns="urn:kmehr" xmlns:c="urn:core" xmlns:r="urn:proto">' +
        '<header><id S="X">1</id></header></c:kmehrmessage>',
    );
    expect(parseXml(out).ok).toBe(true);
  });

  it('does not repeat a declaration the element makes itself (the inner one wins)', () => {
    const xml = '<e xmlns="urn:outer" xmlns:p="urn:p1"><p:m xmlns:p="urn:p2" xmlns="urn:inner"><p:x/></p:m></e>';
    const out = extracted(xml, 'm');
    expect(out).toBe('<p:m xmlns:p="urn:p2" xmlns="urn:inner"><p:x/></p:m>');
    expect(parseXml(out).ok).toBe(true);
  });

  it('keeps the element byte for byte, including comments, CDATA and entity references', () => {
    const inner = '<m a="x&amp;y"><!-- note --><t><![CDATA[<not-a-tag>]]>&lt;ok&gt;</t><u/></m>';
    expect(extracted(`<root>${inner}</root>`, 'm')).toBe(inner);
  });

  it('handles a self-closing element and a prefixed end tag', () => {
    expect(extracted('<r xmlns:k="urn:k"><k:m/></r>', 'm')).toBe('<k:m xmlns:k="urn:k"/>');
    expect(extracted('<r><k:m xmlns:k="urn:k"><k:m2/></k:m></r>', 'm')).toBe('<k:m xmlns:k="urn:k"><k:m2/></k:m>');
  });

  it('ignores a look-alike in a comment or CDATA', () => {
    expect(extracted('<r><!-- <m>fake</m> --><![CDATA[<m>fake</m>]]><m>real</m></r>', 'm')).toBe('<m>real</m>');
  });

  it('refuses a missing element, two elements, and hostile documents', () => {
    expect(extractElementXml('<r/>', 'm')).toEqual({ ok: false, error: { code: 'invalid-content', reason: 'the document holds no m element' } });
    expect(extractElementXml('<r><m/><m/></r>', 'm')).toEqual({
      ok: false,
      error: { code: 'invalid-content', reason: 'the document holds more than one m element' },
    });
    const doctype = extractElementXml('<!DOCTYPE r [<!ENTITY e "x">]><r><m>&e;</m></r>', 'm');
    expect(doctype.ok ? undefined : doctype.error.code).toBe('doctype');
    const truncated = extractElementXml('<r><m><a></m></r>', 'm');
    expect(truncated.ok ? undefined : truncated.error.code).toBe('malformed');
  });
});

describe('parseXmlWithText and extractCheckedElementXml (one check for a document read twice)', () => {
  const docs = [
    '<e:Env xmlns:e="urn:e" xmlns="urn:d"><e:Body><m a="1"><x>&amp;</x><!-- c --></m></e:Body></e:Env>',
    '\uFEFF<a xmlns:p="urn:p"><p:m/></a>',
    '<?xml version="1.0" encoding="UTF-8"?><a><b><m><![CDATA[<m>]]></m></b></a>',
    '<a><m/><m/></a>',
    '<a><b/></a>',
  ];

  it('parseXmlWithText gives parseXml\'s tree and checkXml\'s text (the input without its byte order mark)', () => {
    for (const doc of docs) {
      const both = parseXmlWithText(doc);
      const tree = parseXml(doc);
      const checked = checkXml(doc);
      expect(both.ok && tree.ok && checked.ok).toBe(true);
      if (!both.ok || !tree.ok || !checked.ok) continue;
      expect(both.value.root).toEqual(tree.value);
      expect(both.value.text).toBe(checked.value);
      expect(both.value.text.charCodeAt(0)).not.toBe(0xfeff);
    }
  });

  it('parseXmlWithText refuses what parseXml refuses, with the same error', () => {
    for (const bad of ['', '<a>', '<!DOCTYPE a><a/>', '<a/><b/>', '<a>\u0000</a>', 12]) {
      expect(parseXmlWithText(bad)).toEqual(parseXml(bad));
      expect(parseXmlWithText(bad).ok).toBe(false);
    }
    expect(parseXmlWithText('<a><b/></a>', { maxElements: 1 })).toEqual(parseXml('<a><b/></a>', { maxElements: 1 }));
  });

  it('extractCheckedElementXml on the checked text answers as extractElementXml on the document', () => {
    for (const doc of docs) {
      const checked = checkXml(doc);
      if (!checked.ok) throw new Error('fixture must pass the checks');
      expect(extractCheckedElementXml(checked.value, 'm')).toEqual(extractElementXml(doc, 'm'));
    }
  });
});
