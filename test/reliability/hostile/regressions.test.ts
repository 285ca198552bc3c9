/**
 * What the hostile corpus found, pinned as plain examples (each failed before
 * its fix).
 */
import { describe, expect, it } from 'vitest';
import { parseXml } from '../../../lib/xml/parse.ts';

describe('characters XML does not allow are refused, written literally or as references', () => {
  it.each([
    ['NUL', '\u0000'],
    ['a C0 control', '\u0001'],
    ['vertical tab', '\u000B'],
    ['U+FFFE', '\uFFFE'],
    ['U+FFFF', '\uFFFF'],
    ['a lone high surrogate', '\uD800'],
    ['a lone low surrogate', '\uDFFF'],
  ])('%s in text', (_label, ch) => {
    const literal = parseXml(`<a>lot${ch}1</a>`);
    const reference = parseXml(`<a>lot&#x${ch.charCodeAt(0).toString(16)};1</a>`);
    expect(reference).toMatchObject({ ok: false, error: { code: 'malformed' } });
    expect(literal).toMatchObject({ ok: false, error: { code: 'malformed' } });
  });

  it('in an attribute value too', () => {
    expect(parseXml('<a S="CD\u0000ITEM"/>')).toMatchObject({ ok: false, error: { code: 'malformed' } });
  });

  it('tab, line feed, carriage return, astral characters and U+FFFD are text', () => {
    const result = parseXml('<a b="x\ty">\t\n𝄞\uFFFDé</a>');
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.text).toBe('\t\n𝄞\uFFFDé');
  });
});
