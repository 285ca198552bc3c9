/**
 * Draws the extension's toolbar and store icons (public/icon/16.png, 32, 48,
 * 128): a green rounded square with a white shield and a green check mark
 * (the badge's "Vaccicard answered" sign). Pure TypeScript: shapes as signed
 * distances, 4×4 supersampling per pixel, PNG written with node:zlib.
 *
 *   npx tsx scripts/make-icons.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];
type Point = [number, number];

const GREEN: Rgba = [30, 142, 62, 255];
const DARK_GREEN: Rgba = [13, 101, 45, 255];
const WHITE: Rgba = [255, 255, 255, 255];

/** Distance from p to a rounded rectangle centred at c (negative inside). */
function roundedRect(p: Point, c: Point, half: Point, r: number): number {
  const qx = Math.abs(p[0] - c[0]) - (half[0] - r);
  const qy = Math.abs(p[1] - c[1]) - (half[1] - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Distance from p to the segment a–b. */
function segment(p: Point, a: Point, b: Point): number {
  const abx = b[0] - a[0];
  const aby = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * abx + (p[1] - a[1]) * aby) / (abx * abx + aby * aby)));
  return Math.hypot(p[0] - (a[0] + t * abx), p[1] - (a[1] + t * aby));
}

/** Inside test for a polygon (even-odd). */
function inPolygon(p: Point, poly: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A shield on the unit square: flat top with rounded shoulders, sides curving to a point. */
function shieldPolygon(): Point[] {
  const pts: Point[] = [];
  const top = 0.17;
  const left = 0.24;
  const right = 0.76;
  pts.push([0.5, top - 0.035]);
  pts.push([right, top + 0.03]);
  for (let i = 0; i <= 24; i++) {
    const t = i / 24;
    // Right side: straight down a little, then a curve to the bottom point.
    const x = right - (right - 0.5) * t ** 1.8;
    const y = top + 0.03 + (0.86 - top - 0.03) * t;
    pts.push([x, y]);
  }
  for (let i = 24; i >= 0; i--) {
    const t = i / 24;
    const x = left + (0.5 - left) * t ** 1.8;
    const y = top + 0.03 + (0.86 - top - 0.03) * t;
    pts.push([x, y]);
  }
  pts.push([left, top + 0.03]);
  return pts;
}

const SHIELD = shieldPolygon();
const CHECK: readonly Point[] = [
  [0.36, 0.5],
  [0.465, 0.605],
  [0.655, 0.385],
];

/** Colour of the unit-square point p (or transparent). */
function colourAt(p: Point, size: number): Rgba | undefined {
  const inBox = roundedRect(p, [0.5, 0.5], [0.47, 0.47], 0.2) <= 0;
  if (!inBox) return undefined;
  const stroke = size <= 16 ? 0.085 : size <= 32 ? 0.07 : 0.06;
  const onCheck = Math.min(segment(p, CHECK[0]!, CHECK[1]!), segment(p, CHECK[1]!, CHECK[2]!)) <= stroke / 2;
  if (inPolygon(p, SHIELD)) return onCheck ? GREEN : WHITE;
  // A darker rim at the bottom of the square gives it some depth at large sizes.
  if (size >= 48 && p[1] > 0.9) return DARK_GREEN;
  return GREEN;
}

function render(size: number): Buffer {
  const samples = 4;
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colourAt([(x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size], size);
          if (!c) continue;
          r += c[0] * c[3];
          g += c[1] * c[3];
          b += c[2] * c[3];
          a += c[3];
        }
      }
      const o = (y * size + x) * 4;
      const n = samples * samples;
      rgba[o] = a ? Math.round(r / a) : 0;
      rgba[o + 1] = a ? Math.round(g / a) : 0;
      rgba[o + 2] = a ? Math.round(b / a) : 0;
      rgba[o + 3] = Math.round(a / n);
    }
  }
  return encodePng(size, size, rgba);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** RGBA 8-bit, no interlace; each row prefixed by filter type 0. */
function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 6;
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icon');
mkdirSync(out, { recursive: true });
for (const size of [16, 32, 48, 128]) {
  writeFileSync(path.join(out, `${size}.png`), render(size));
  console.log(`public/icon/${size}.png`);
}
