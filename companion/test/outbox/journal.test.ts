/**
 * The outbox journal: line format and checksums, reading back after a crash
 * (torn tails of every kind cut off, corruption refused), fsynced appends
 * that survive a reopen, compaction, file mode, and the lock.
 */
import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FileLockedError } from '../../src/outbox/durable-file.ts';
import { decodeJournalLine, encodeJournalLine } from '../../src/outbox/journal-line.ts';
import { scanJournal } from '../../src/outbox/journal-scan.ts';
import { Journal, JournalCorruptError } from '../../src/outbox/journal.ts';

const tmp = () => mkdtemp(path.join(os.tmpdir(), 'vc-journal-'));
const bytes = (s: string) => new TextEncoder().encode(s);
const lines = (...entries: unknown[]) => entries.map((e, i) => encodeJournalLine(i + 1, e)).join('');

describe('journal lines', () => {
  it('round-trip any JSON entry, on one line, checksummed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 40 }), fc.dictionary(fc.string(), fc.jsonValue()), (seq, entry) => {
        const line = encodeJournalLine(seq, entry);
        expect(line.endsWith('\n')).toBe(true);
        expect(line.slice(0, -1)).not.toContain('\n');
        const decoded = decodeJournalLine(line.slice(0, -1));
        expect(decoded).toEqual({ ok: true, line: { seq, entry: JSON.parse(JSON.stringify(entry)) } });
      }),
    );
  });

  it.each([
    ['a changed character', (l: string) => l.replace('"pending"', '"pendinG"'), 'checksum'],
    ['a changed checksum', (l: string) => `0000000000000000${l.slice(16)}`, 'checksum'],
    ['no checksum', (l: string) => l.slice(17), 'checksum'],
    ['cut short', (l: string) => l.slice(0, -5), 'checksum'],
  ])('refuse %s', (_name, edit, reason) => {
    const line = encodeJournalLine(3, { state: 'pending' }).trimEnd();
    expect(decodeJournalLine(edit(line))).toEqual({ ok: false, reason });
  });

  it('refuse a seq that is not a positive integer', () => {
    expect(() => encodeJournalLine(0, {})).toThrow(RangeError);
    expect(() => encodeJournalLine(1.5, {})).toThrow(RangeError);
  });
});

describe('reading a journal back', () => {
  const good = lines({ a: 1 }, { b: 2 }, { c: 3 });

  it('reads a clean file whole', () => {
    const scan = scanJournal(bytes(good));
    expect(scan).toEqual({ ok: true, lines: [{ seq: 1, entry: { a: 1 } }, { seq: 2, entry: { b: 2 } }, { seq: 3, entry: { c: 3 } }], goodBytes: bytes(good).length, tornBytes: 0 });
  });

  it.each([
    ['a last line without its newline', good + encodeJournalLine(4, { d: 4 }).slice(0, -1)],
    ['half a last line', good + encodeJournalLine(4, { d: 4 }).slice(0, 30)],
    ['zeros where the file grew but the data never landed', good + '\u0000'.repeat(700)],
    ['zeros ending in a newline', good + '\u0000'.repeat(100) + '\n'],
    ['a garbage last line', good + 'not a journal line\n'],
  ])('cuts off a torn tail: %s', (_name, text) => {
    const scan = scanJournal(bytes(text));
    expect(scan.ok).toBe(true);
    if (!scan.ok) return;
    expect(scan.lines.map((l) => l.seq)).toEqual([1, 2, 3]);
    expect(scan.goodBytes).toBe(bytes(good).length);
    expect(scan.tornBytes).toBe(bytes(text).length - bytes(good).length);
  });

  it('refuses a damaged line followed by good ones (not a crash artefact)', () => {
    const [l1, l2, l3] = good.split('\n');
    const damaged = `${l1}\n${l2!.replace('"b"', '"x"')}\n${l3}\n`;
    expect(scanJournal(bytes(damaged))).toEqual({ ok: false, lineNumber: 2, reason: 'checksum (a good line follows it)' });
  });

  it('refuses a gap in the sequence (a lost line)', () => {
    const text = encodeJournalLine(1, {}) + encodeJournalLine(3, {});
    expect(scanJournal(bytes(text))).toEqual({ ok: false, lineNumber: 2, reason: 'sequence 3 after 1' });
  });

  it('refuses invalid UTF-8 before a good line', () => {
    const text = new Uint8Array([...bytes(encodeJournalLine(1, {})), 0xff, 0xfe, 0x0a, ...bytes(encodeJournalLine(2, {}))]);
    expect(scanJournal(text)).toMatchObject({ ok: false, lineNumber: 2 });
  });
});

describe('the journal file', () => {
  it('appends durably: a reopened journal holds every entry, in order, in a 0600 file', async () => {
    const file = path.join(await tmp(), 'sub', 'j.journal');
    const opened = await Journal.open(file);
    expect(opened.entries).toEqual([]);
    await opened.journal.append([{ n: 1 }]);
    await Promise.all([opened.journal.append([{ n: 2 }, { n: 3 }]), opened.journal.append([{ n: 4 }])]);
    expect(opened.journal.lineCount).toBe(4);
    await opened.journal.close();
    if (process.platform !== 'win32') {
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    }
    const again = await Journal.open(file);
    expect(again.entries).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
    expect(again.truncatedBytes).toBe(0);
    await again.journal.close();
  });

  it('cuts a torn tail off the file at opening and goes on appending after the last good line', async () => {
    const file = path.join(await tmp(), 'j.journal');
    const opened = await Journal.open(file);
    await opened.journal.append([{ n: 1 }, { n: 2 }]);
    await opened.journal.close();
    const cleanSize = (await stat(file)).size;
    await appendFile(file, encodeJournalLine(3, { n: 3 }).slice(0, 20));
    const reopened = await Journal.open(file);
    expect(reopened.entries).toEqual([{ n: 1 }, { n: 2 }]);
    expect(reopened.truncatedBytes).toBe(20);
    expect((await stat(file)).size).toBe(cleanSize);
    await reopened.journal.append([{ n: 3 }]);
    await reopened.journal.close();
    expect((await Journal.open(file).then(async (o) => (await o.journal.close(), o.entries)))).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('refuses to open a corrupt journal and leaves it byte for byte unchanged', async () => {
    const file = path.join(await tmp(), 'j.journal');
    const text = lines({ n: 1 }, { n: 2 }).replace('"n":1', '"n":9');
    await writeFile(file, text);
    await expect(Journal.open(file)).rejects.toBeInstanceOf(JournalCorruptError);
    await expect(Journal.open(file)).rejects.toMatchObject({ lineNumber: 1 });
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('tightens a journal that others could read to 0600', async () => {
    if (process.platform === 'win32') return;
    const file = path.join(await tmp(), 'j.journal');
    await writeFile(file, lines({ n: 1 }), { mode: 0o644 });
    const opened = await Journal.open(file);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await opened.journal.close();
  });

  it('compacts atomically: the rewritten content replaces the old, and appends continue after it', async () => {
    const file = path.join(await tmp(), 'j.journal');
    const opened = await Journal.open(file);
    await opened.journal.append([{ n: 1 }, { n: 2 }, { n: 3 }]);
    await opened.journal.rewrite([{ snapshot: 'all' }]);
    expect(opened.journal.lineCount).toBe(1);
    await opened.journal.append([{ n: 4 }]);
    await opened.journal.close();
    const reopened = await Journal.open(file);
    expect(reopened.entries).toEqual([{ snapshot: 'all' }, { n: 4 }]);
    await reopened.journal.close();
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('ignores the leftover of a compaction that crashed before its rename', async () => {
    const file = path.join(await tmp(), 'j.journal');
    await writeFile(file, lines({ n: 1 }));
    await writeFile(`${file}.compact.tmp`, 'half-written snapshot');
    const opened = await Journal.open(file);
    expect(opened.entries).toEqual([{ n: 1 }]);
    await opened.journal.close();
    await expect(stat(`${file}.compact.tmp`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('is held by one process at a time; a lock left by a dead process is taken over', async () => {
    const file = path.join(await tmp(), 'j.journal');
    const first = await Journal.open(file);
    await expect(Journal.open(file)).rejects.toBeInstanceOf(FileLockedError);
    await first.journal.close();
    // A process that is gone (it exited) left its pid in the lock.
    const dead = spawn(process.execPath, ['-e', '0']);
    const pid = dead.pid!;
    await new Promise((r) => dead.on('close', r));
    await writeFile(`${file}.lock`, `${pid}\n`);
    const second = await Journal.open(file);
    expect(second.entries).toEqual([]);
    await second.journal.close();
    // A lock held by a live process (this test runner's parent) is respected.
    await writeFile(`${file}.lock`, `${process.ppid}\n`);
    await expect(Journal.open(file)).rejects.toMatchObject({ name: 'FileLockedError', pid: process.ppid });
  });

  it('refuses appends after it is closed', async () => {
    const file = path.join(await tmp(), 'j.journal');
    const opened = await Journal.open(file);
    await opened.journal.close();
    await expect(opened.journal.append([{ n: 1 }])).rejects.toThrow(/closed/);
  });

  it('an entry that cannot be encoded is refused before anything is written; later appends still work', async () => {
    const file = path.join(await tmp(), 'j.journal');
    const opened = await Journal.open(file);
    await opened.journal.append([{ n: 1 }]);
    const size = (await stat(file)).size;
    await expect(opened.journal.append([{ n: 10n }])).rejects.toThrow();
    expect((await stat(file)).size).toBe(size);
    await opened.journal.append([{ n: 2 }]);
    await opened.journal.close();
    const again = await Journal.open(file);
    expect(again.entries).toEqual([{ n: 1 }, { n: 2 }]);
    await again.journal.close();
  });

  it('stops accepting appends once a write failed and the file could not be put back (never appends after a torn line)', async () => {
    const file = path.join(await tmp(), 'j.journal');
    const opened = await Journal.open(file);
    await opened.journal.append([{ n: 1 }]);
    // Pull the file handle from under it: the write and the repair both fail.
    await (opened.journal as unknown as { handle: { close(): Promise<void> } }).handle.close();
    await expect(opened.journal.append([{ n: 2 }])).rejects.toMatchObject({ name: 'JournalWriteError' });
    await expect(opened.journal.append([{ n: 3 }])).rejects.toThrow(/no longer used/);
    await opened.journal.close();
    const again = await Journal.open(file);
    expect(again.entries).toEqual([{ n: 1 }]);
    await again.journal.close();
  });
});
