/**
 * Entity handling for the hardened parser: only the five predefined XML
 * entities and numeric character references are decoded. Anything else
 * (`&nbsp;`, an entity a DOCTYPE would have declared, a bare `&`) makes the
 * document malformed. fast-xml-parser's own entity processing is switched off
 * so that no expansion happens outside this function.
 */

import { quotableName } from './reason-text.ts';

const PREDEFINED: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, {
    lt: '<',
    gt: '>',
    amp: '&',
    quot: '"',
    apos: "'",
  }),
);

export type DecodeResult = { ok: true; value: string } | { ok: false; reason: string };

/** A code point allowed in an XML 1.0 document. */
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

export function decodeXmlText(raw: string): DecodeResult {
  if (raw.indexOf('&') === -1) return { ok: true, value: raw };
  let out = '';
  let last = 0;
  let i = raw.indexOf('&');
  while (i !== -1) {
    const semi = raw.indexOf(';', i + 1);
    if (semi === -1 || semi - i > 12) return { ok: false, reason: 'a "&" that does not start an entity reference' };
    const body = raw.slice(i + 1, semi);
    let replacement: string;
    if (body.startsWith('#x') || body.startsWith('#X')) {
      if (!/^#[xX][0-9a-fA-F]{1,6}$/.test(body)) return { ok: false, reason: 'an invalid character reference' };
      const cp = parseInt(body.slice(2), 16);
      if (!isXmlChar(cp)) return { ok: false, reason: 'a character reference to a character XML does not allow' };
      replacement = String.fromCodePoint(cp);
    } else if (body.startsWith('#')) {
      if (!/^#[0-9]{1,7}$/.test(body)) return { ok: false, reason: 'an invalid character reference' };
      const cp = parseInt(body.slice(1), 10);
      if (!isXmlChar(cp)) return { ok: false, reason: 'a character reference to a character XML does not allow' };
      replacement = String.fromCodePoint(cp);
    } else {
      const known = Object.prototype.hasOwnProperty.call(PREDEFINED, body) ? PREDEFINED[body] : undefined;
      if (known === undefined) {
        const name = body.length <= 12 ? quotableName(body) : undefined;
        const shown = name !== undefined ? ` "&${name};"` : '';
        return { ok: false, reason: `an undefined entity${shown} (only the five XML entities are allowed)` };
      }
      replacement = known;
    }
    out += raw.slice(last, i) + replacement;
    last = semi + 1;
    i = raw.indexOf('&', last);
  }
  return { ok: true, value: out + raw.slice(last) };
}
