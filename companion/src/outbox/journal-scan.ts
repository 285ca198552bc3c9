/**
 * Reading a journal file back after a crash. Lines are appended whole and
 * fsynced, so the only damage a crash can leave is at the end: a line cut
 * short (no newline), or a tail of garbage or zeros where the file grew but
 * its data never reached the disk. That tail is torn and is cut off. A bad
 * line with a good line after it, or a gap in the sequence numbers, is not a
 * crash artefact: the file is corrupt and nothing is guessed or dropped.
 */
import { decodeJournalLine, type JournalLine } from './journal-line.ts';

export type JournalScan =
  | {
      ok: true;
      lines: JournalLine[];
      /** Bytes up to the end of the last good line: what the file is cut back to. */
      goodBytes: number;
      /** Bytes after it (a torn tail), 0 when the file ends cleanly. */
      tornBytes: number;
    }
  | { ok: false; lineNumber: number; reason: string };

const NEWLINE = 0x0a;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function scanJournal(bytes: Uint8Array): JournalScan {
  const lines: JournalLine[] = [];
  let offset = 0;
  let goodBytes = 0;
  let lineNumber = 0;
  let firstBad: { lineNumber: number; reason: string } | undefined;

  while (offset < bytes.length) {
    const end = bytes.indexOf(NEWLINE, offset);
    if (end === -1) break; // cut short: torn
    lineNumber++;
    let text: string | undefined;
    try {
      text = utf8.decode(bytes.subarray(offset, end));
    } catch {
      text = undefined;
    }
    const decoded = text === undefined ? ({ ok: false, reason: 'encoding' } as const) : decodeJournalLine(text);
    offset = end + 1;
    if (!decoded.ok) {
      firstBad ??= { lineNumber, reason: decoded.reason };
      continue;
    }
    if (firstBad) return { ok: false, lineNumber: firstBad.lineNumber, reason: `${firstBad.reason} (a good line follows it)` };
    const previous = lines.at(-1);
    if (previous && decoded.line.seq !== previous.seq + 1) {
      return { ok: false, lineNumber, reason: `sequence ${decoded.line.seq} after ${previous.seq}` };
    }
    lines.push(decoded.line);
    goodBytes = offset;
  }
  return { ok: true, lines, goodBytes, tornBytes: bytes.length - goodBytes };
}
