import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_XML_LIMITS, parseXml, utf8ByteLength } from '../../../lib/xml/parse.ts';
import type { XmlResult } from '../../../lib/xml/result.ts';
import { attr, childrenNamed, descendantsNamed, firstChild, textOf, type XmlElement } from '../../../lib/xml/tree.ts';

function ok(result: XmlResult<XmlElement>): XmlElement {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.reason}`);
  return result.value;
}

function errorOf(result: XmlResult<XmlElement>) {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

describe('parseXml: what it reads', () => {
  it('keeps every value a string: leading zeros, decimals, booleans', () => {
    const root = ok(parseXml('<a n="007"><id>0061358</id><q>1.00</q><b>true</b><e>1e3</e></a>'));
    expect(attr(root, 'n')).toBe('007');
    expect(textOf(firstChild(root, 'id'))).toBe('0061358');
    expect(textOf(firstChild(root, 'q'))).toBe('1.00');
    expect(textOf(firstChild(root, 'b'))).toBe('true');
    expect(textOf(firstChild(root, 'e'))).toBe('1e3');
  });

  it('reads one and many children the same way (always a list)', () => {
    const one = ok(parseXml('<a><item>1</item></a>'));
    const many = ok(parseXml('<a><item>1</item><x/><item>2</item></a>'));
    expect(childrenNamed(one, 'item').map((i) => i.text)).toEqual(['1']);
    expect(childrenNamed(many, 'item').map((i) => i.text)).toEqual(['1', '2']);
  });

  it.each([
    ['default namespace', '<m xmlns="urn:k"><item S="X">v</item></m>'],
    ['no namespace', '<m><item S="X">v</item></m>'],
    ['prefixed', '<ns2:m xmlns:ns2="urn:k"><ns2:item S="X">v</ns2:item></ns2:m>'],
    ['prefixed attributes', '<ns2:m xmlns:ns2="urn:k"><ns2:item ns2:S="X">v</ns2:item></ns2:m>'],
    ['mixed prefixes', '<ns2:m xmlns:ns2="urn:k" xmlns="urn:k"><item S="X">v</item></ns2:m>'],
  ])('reads names without their namespace prefix: %s', (_label, xml) => {
    const root = ok(parseXml(xml));
    expect(root.name).toBe('m');
    const [item] = childrenNamed(root, 'item');
    expect(item?.text).toBe('v');
    expect(attr(item, 'S')).toBe('X');
    // xmlns declarations are not attributes.
    expect([...root.attrs.keys()]).toEqual([]);
  });

  it('decodes the five XML entities and character references, once', () => {
    const root = ok(parseXml(`<a t="&lt;&amp;&gt;&quot;&apos;">&amp;lt; &#65;&#x42; &#x1F600; caf&#233;</a>`));
    expect(attr(root, 't')).toBe(`<&>"'`);
    expect(root.text).toBe('&lt; AB 😀 café');
  });

  it('keeps CDATA verbatim (no entity decoding inside)', () => {
    const root = ok(parseXml('<a>x<![CDATA[<b>&amp;</b>]]>y</a>'));
    expect(root.text).toBe('x<b>&amp;</b>y');
    expect(root.children).toEqual([]);
  });

  it('drops a UTF-8 byte order mark', () => {
    const root = ok(parseXml('\uFEFF<?xml version="1.0" encoding="UTF-8"?><a>1</a>'));
    expect(root.text).toBe('1');
  });

  it('ignores comments and processing instructions', () => {
    const root = ok(parseXml('<?xml version="1.0"?><!-- c --><a><!-- <b>not an element</b> --><?pi x?><c/></a><!-- end -->'));
    expect(root.children.map((c) => c.name)).toEqual(['c']);
  });

  it('finds descendants in document order', () => {
    const root = ok(parseXml('<a><i>1</i><h><i>2</i><h><i>3</i></h></h><i>4</i></a>'));
    expect(descendantsNamed(root, 'i').map((i) => i.text)).toEqual(['1', '2', '3', '4']);
  });
});

describe('parseXml: hostile input', () => {
  const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<kmehrmessage>&lol9;</kmehrmessage>`;

  it.each([
    ['billion laughs (internal entities)', billionLaughs],
    ['external entity (XXE)', '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><m>&xxe;</m>'],
    ['external DTD', '<!DOCTYPE m SYSTEM "http://example.invalid/evil.dtd"><m/>'],
    ['parameter entity', '<!DOCTYPE m [<!ENTITY % p SYSTEM "http://example.invalid/p.dtd"> %p;]><m/>'],
    ['lower-case doctype', '<!doctype m><m/>'],
    ['doctype with spaces', '<! DOCTYPE m><m/>'],
    ['doctype after the root', '<m/><!DOCTYPE m>'],
    ['bare ENTITY declaration', '<m><!ENTITY x "y"></m>'],
    ['ENTITY hidden in a comment', '<m><!-- <!ENTITY x "y"> --></m>'],
  ])('refuses %s with a doctype error', (_label, xml) => {
    const error = errorOf(parseXml(xml));
    expect(error.code).toBe('doctype');
    expect(error.reason).toMatch(/not allowed/);
  });

  it.each([
    ['an undefined named entity', '<a>&nbsp;</a>', /undefined entity "&nbsp;"/],
    ['a bare ampersand in an attribute', '<a b="x & y"/>', /"&"/],
    ['a character reference to NUL', '<a>&#0;</a>', /character reference/],
    ['a character reference to a surrogate', '<a>&#xD800;</a>', /character reference/],
    ['a character reference beyond Unicode', '<a>&#x110000;</a>', /character reference/],
    ['a malformed character reference', '<a>&#xZZ;</a>', /not well-formed/],
  ])('refuses %s as malformed', (_label, xml, reason) => {
    const error = errorOf(parseXml(xml));
    expect(error.code).toBe('malformed');
    expect(error.reason).toMatch(reason);
  });

  it('caps the size at 2 MB by default, counting UTF-8 bytes', () => {
    const filler = 'x'.repeat(DEFAULT_XML_LIMITS.maxBytes);
    expect(errorOf(parseXml(`<a>${filler}</a>`))).toEqual({
      code: 'too-large',
      reason: 'the document is larger than the 2000000-byte limit',
    });
    // 60 "é" are 120 bytes but only 60 UTF-16 units.
    const accents = `<a>${'é'.repeat(60)}</a>`;
    expect(accents.length).toBeLessThan(100);
    expect(utf8ByteLength(accents)).toBe(127);
    expect(errorOf(parseXml(accents, { maxBytes: 100 })).code).toBe('too-large');
    expect(parseXml(accents, { maxBytes: 127 }).ok).toBe(true);
    expect(utf8ByteLength('😀')).toBe(4);
  });

  it('caps the nesting depth (64 by default) without overflowing the stack', () => {
    const nest = (n: number) => '<a>'.repeat(n) + '</a>'.repeat(n);
    expect(parseXml(nest(64)).ok).toBe(true);
    const error = errorOf(parseXml(nest(65)));
    expect(error.code).toBe('too-deep');
    expect(error.reason).toContain('64 levels');
    expect(errorOf(parseXml(nest(100_000))).code).toBe('too-deep');
    expect(errorOf(parseXml(nest(6), { maxDepth: 5 })).code).toBe('too-deep');
  });

  it('caps the number of elements', () => {
    const xml = `<a>${'<b/>'.repeat(10)}</a>`;
    expect(parseXml(xml, { maxElements: 11 }).ok).toBe(true);
    expect(errorOf(parseXml(xml, { maxElements: 10 }))).toEqual({
      code: 'too-many-elements',
      reason: 'the document has more than the limit of 10 elements',
    });
  });

  it('reads elements and attributes named __proto__, constructor, prototype as plain names, without polluting Object.prototype', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const xml = `<m __proto__="p" constructor="c" toString="t">
      <__proto__><polluted>yes</polluted></__proto__>
      <constructor><prototype><polluted>yes</polluted></prototype></constructor>
      <ns:__proto__ xmlns:ns="urn:x" ns:prototype="1"><isAdmin>true</isAdmin></ns:__proto__>
      <hasOwnProperty>1</hasOwnProperty><toString/><valueOf/>
    </m>`;
    const root = ok(parseXml(xml));
    expect(root.children.map((c) => c.name)).toEqual([
      '__proto__',
      'constructor',
      '__proto__',
      'hasOwnProperty',
      'toString',
      'valueOf',
    ]);
    expect(attr(root, '__proto__')).toBe('p');
    expect(attr(root, 'constructor')).toBe('c');
    expect(attr(root, 'toString')).toBe('t');
    expect(attr(root.children[2], 'prototype')).toBe('1');
    expect(textOf(firstChild(firstChild(firstChild(root, 'constructor'), 'prototype'), 'polluted'))).toBe('yes');
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(probe.isAdmin).toBeUndefined();
    expect(Object.getPrototypeOf(root)).toBe(Object.prototype);
    // Asking for a name an Object carries by default finds nothing that is not in the document.
    expect(firstChild(ok(parseXml('<a/>')), 'constructor')).toBeUndefined();
    expect(attr(ok(parseXml('<a/>')), 'toString')).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['whitespace', '  \n\t '],
    ['BOM only', '\uFEFF'],
  ])('refuses an %s document', (_label, xml) => {
    expect(errorOf(parseXml(xml)).code).toBe('empty');
  });

  it.each([null, undefined, 42, {}, ['<a/>']])('refuses a non-string input (%s) without throwing', (input) => {
    expect(errorOf(parseXml(input)).code).toBe('empty');
  });

  it.each([
    ['mismatched tags', '<a>\n  <b>\n</c></a>', /line 3/],
    ['unclosed root', '<a><b></b>', /./],
    ['two root elements', '<a/><b/>', /second root element/],
    ['text after the root', '<a/>trailing', /text outside the root element/],
    ['text before the root', 'leading<a/>', /./],
    ['not XML at all', 'hello', /./],
    ['JSON', '{"a":1}', /./],
    ['an unterminated comment', '<a><!-- </a>', /./],
    ['an unterminated CDATA', '<a><![CDATA[ </a>', /./],
    ['duplicate attributes', '<a x="1" x="2"/>', /repeated/],
    ['an attribute without quotes', '<a x=1/>', /./],
    ['a "<" in an attribute value', '<a x="1<2"/>', /'<' inside a tag/],
    ['an XML declaration in the middle', '<a><?xml version="1.0"?></a>', /XML declaration/],
  ])('refuses %s as malformed, with a position', (_label, xml, reason) => {
    const error = errorOf(parseXml(xml));
    expect(error.code).toBe('malformed');
    expect(error.reason).toMatch(reason);
  });

  it('gives the line and column of a well-formedness error', () => {
    expect(errorOf(parseXml('<a>\n  <b>\n</c></a>')).reason).toMatch(/line 3, column \d+/);
  });

  it('never puts document text (an INSZ) in a reason', () => {
    const insz = '85073003328';
    const docs = [
      `<a>${insz}</b>`,
      `<a x="${insz}" x="${insz}"/>`,
      `<a>${insz}`,
      `<a/>${insz}`,
      `${insz}<a/>`,
      `<a>&${insz};</a>`,
      `<!DOCTYPE a [<!ENTITY e "${insz}">]><a/>`,
      `<a>${'<b>'.repeat(70)}${insz}</a>`,
    ];
    for (const xml of docs) {
      const result = parseXml(xml);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.reason).not.toContain(insz);
    }
  });

  it('never throws, whatever the input (property)', () => {
    const pieces = fc.constantFrom(
      '<a>', '</a>', '<b x="1">', '</b>', '<c/>', '&amp;', '&', '<!--', '-->', '<![CDATA[', ']]>', '<?x?>', '<!DOCTYPE',
      '"', "'", '=', 'text', '\uFEFF', '<', '>', '/', '<ns:a xmlns:ns="u">', '</ns:a>', '<__proto__>', '</__proto__>',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 40 }), (parts) => {
        const result = parseXml(parts.join(''));
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.error.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});
