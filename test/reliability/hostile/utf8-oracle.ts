/**
 * An independent UTF-8 well-formedness check (Unicode 15, table 3-7), to
 * judge the companion's decoding of hub answers without using the same
 * TextDecoder it uses.
 */
export function isWellFormedUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  const inRange = (b: number | undefined, lo: number, hi: number) => b !== undefined && b >= lo && b <= hi;
  while (i < bytes.length) {
    const b0 = bytes[i]!;
    if (b0 <= 0x7f) {
      i += 1;
    } else if (b0 >= 0xc2 && b0 <= 0xdf) {
      if (!inRange(bytes[i + 1], 0x80, 0xbf)) return false;
      i += 2;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      const lo = b0 === 0xe0 ? 0xa0 : 0x80;
      const hi = b0 === 0xed ? 0x9f : 0xbf;
      if (!inRange(bytes[i + 1], lo, hi) || !inRange(bytes[i + 2], 0x80, 0xbf)) return false;
      i += 3;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      const lo = b0 === 0xf0 ? 0x90 : 0x80;
      const hi = b0 === 0xf4 ? 0x8f : 0xbf;
      if (!inRange(bytes[i + 1], lo, hi) || !inRange(bytes[i + 2], 0x80, 0xbf) || !inRange(bytes[i + 3], 0x80, 0xbf)) return false;
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}
