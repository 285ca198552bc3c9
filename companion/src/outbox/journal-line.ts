/**
 * One line of the outbox journal: `<checksum> <json>\n`, where the checksum
 * is the first 16 hex digits (64 bits) of SHA-256 over the JSON text's UTF-8
 * bytes and the JSON is `{"seq":N,"entry":{...}}` (`seq` counts up by one per
 * line, across compactions). A line whose checksum does not match, whose
 * JSON does not parse or whose shape is wrong is reported, never guessed at.
 */
import { createHash } from 'node:crypto';

export const CHECKSUM_HEX_DIGITS = 16;

export interface JournalLine {
  seq: number;
  entry: unknown;
}

export type DecodedLine = { ok: true; line: JournalLine } | { ok: false; reason: 'checksum' | 'json' | 'shape' };

export function lineChecksum(json: string): string {
  return createHash('sha256').update(json, 'utf8').digest('hex').slice(0, CHECKSUM_HEX_DIGITS);
}

/** The line for one entry, with its trailing newline. The JSON never contains a raw newline (JSON.stringify escapes it). */
export function encodeJournalLine(seq: number, entry: unknown): string {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError('journal seq must be a positive integer');
  const json = JSON.stringify({ seq, entry });
  return `${lineChecksum(json)} ${json}\n`;
}

/** Decodes one line without its newline. */
export function decodeJournalLine(text: string): DecodedLine {
  const space = text.indexOf(' ');
  if (space !== CHECKSUM_HEX_DIGITS) return { ok: false, reason: 'checksum' };
  const sum = text.slice(0, space);
  const json = text.slice(space + 1);
  if (!/^[0-9a-f]+$/.test(sum) || lineChecksum(json) !== sum) return { ok: false, reason: 'checksum' };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, reason: 'json' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'shape' };
  const { seq, entry } = value as Record<string, unknown>;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1 || typeof entry !== 'object' || entry === null) {
    return { ok: false, reason: 'shape' };
  }
  return { ok: true, line: { seq, entry } };
}
