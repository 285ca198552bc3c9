import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { el, escapeXmlAttribute, escapeXmlText, serializeXml, XmlWriteError } from '../../../lib/kmehr/build/xml-writer.ts';
import { parseXml } from '../../../lib/xml/parse.ts';

describe('XML writer', () => {
  it('escapes text and attribute values', () => {
    expect(escapeXmlText(`a&b<c>d"e'f]]>\r`)).toBe(`a&amp;b&lt;c&gt;d"e'f]]&gt;&#13;`);
    expect(escapeXmlAttribute(`a&b<c>d"e'f\tg\nh\ri`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f&#9;g&#10;h&#13;i');
  });

  it.each(['\u0000', '\u0001', '\u000b', '\u001f', '\ufffe', '\uffff', '\ud800', 'a\udc00'])('refuses %j, which XML cannot carry', (c) => {
    expect(() => escapeXmlText(c)).toThrow(XmlWriteError);
    expect(() => escapeXmlAttribute(c)).toThrow(XmlWriteError);
  });

  it('refuses invalid element and attribute names', () => {
    expect(() => serializeXml(el('a b', undefined))).toThrow(XmlWriteError);
    expect(() => serializeXml(el('a', { 'x"y': '1' }))).toThrow(XmlWriteError);
  });

  it('writes empty elements, text and nesting; drops absent children', () => {
    const xml = serializeXml(el('r', { A: '1' }, [el('e', undefined), undefined, false, el('t', undefined, 'x')]), '');
    expect(xml).toBe('<?xml version="1.0" encoding="UTF-8"?><r A="1"><e/><t>x</t></r>\n');
  });

  it('any text and attribute value survives a parse unchanged', () => {
    const xmlChar = fc.string({ unit: 'binary' }).map((s) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));
    fc.assert(
      fc.property(xmlChar, xmlChar, (text, value) => {
        const parsed = parseXml(serializeXml(el('r', { v: value }, [el('t', undefined, text)])));
        if (!parsed.ok) return false;
        const t = parsed.value.children[0]!;
        return parsed.value.attrs.get('v') === value && t.text === text;
      }),
      { seed: 3, numRuns: 500 },
    );
  });
});
