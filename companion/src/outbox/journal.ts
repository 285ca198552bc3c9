/**
 * The outbox journal: an append-only file of checksummed JSON lines
 * (journal-line.ts). Every append is written whole and fsynced (fdatasync)
 * before it resolves, so what the caller acknowledges afterwards is on disk.
 * Opening it takes a lock file, cuts off a torn tail left by a crash
 * (journal-scan.ts) and refuses a corrupt file. `rewrite` compacts: the new
 * content is written and fsynced under a temporary name, renamed over the
 * journal (atomic), and the folder is fsynced.
 *
 * File mode 0600 in a 0700 folder: the entries hold patients' INSZ numbers.
 */
import { chmod, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { acquireLockFile, fsyncDirectory } from './durable-file.ts';
import { encodeJournalLine } from './journal-line.ts';
import { scanJournal } from './journal-scan.ts';

type Handle = Awaited<ReturnType<typeof open>>;

export class JournalCorruptError extends Error {
  override readonly name = 'JournalCorruptError';
  constructor(
    readonly file: string,
    readonly lineNumber: number,
    readonly reason: string,
  ) {
    super(`the journal ${file} is damaged at line ${lineNumber} (${reason}); it was left unchanged`);
  }
}

/** A write or fsync failed and the file could not be put back in a known state. */
export class JournalWriteError extends Error {
  override readonly name = 'JournalWriteError';
}

export interface OpenedJournal {
  journal: Journal;
  /** The entries read back, in order. */
  entries: unknown[];
  /** Bytes of a torn tail that were cut off (0 after a clean stop). */
  truncatedBytes: number;
}

export interface JournalOptions {
  platform?: NodeJS.Platform;
}

async function writeFully(handle: Handle, buffer: Buffer): Promise<void> {
  let written = 0;
  while (written < buffer.length) {
    const r = await handle.write(buffer, written, buffer.length - written);
    if (r.bytesWritten <= 0) throw new JournalWriteError('the journal write made no progress');
    written += r.bytesWritten;
  }
}

export class Journal {
  private queue: Promise<unknown> = Promise.resolve();
  private broken = false;
  private closed = false;

  private constructor(
    readonly file: string,
    private handle: Handle,
    private nextSeq: number,
    private bytes: number,
    private lines: number,
    private readonly release: () => Promise<void>,
    private readonly platform: NodeJS.Platform,
  ) {}

  static async open(file: string, options: JournalOptions = {}): Promise<OpenedJournal> {
    const platform = options.platform ?? process.platform;
    const dir = path.dirname(file);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const release = await acquireLockFile(`${file}.lock`);
    try {
      // A compaction that crashed before its rename left only garbage.
      await unlink(`${file}.compact.tmp`).catch(() => undefined);
      let bytes: Buffer;
      let created = false;
      try {
        bytes = await readFile(file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        bytes = Buffer.alloc(0);
        created = true;
      }
      const scan = scanJournal(bytes);
      if (!scan.ok) throw new JournalCorruptError(file, scan.lineNumber, scan.reason);
      if (!created && platform !== 'win32' && ((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
      if (scan.tornBytes > 0) {
        const h = await open(file, 'r+');
        try {
          await h.truncate(scan.goodBytes);
          await h.sync();
        } finally {
          await h.close();
        }
      }
      const handle = await open(file, 'a', 0o600);
      if (created) await fsyncDirectory(dir, platform);
      const last = scan.lines.at(-1);
      const journal = new Journal(file, handle, (last?.seq ?? 0) + 1, scan.goodBytes, scan.lines.length, release, platform);
      return { journal, entries: scan.lines.map((l) => l.entry), truncatedBytes: scan.tornBytes };
    } catch (e) {
      await release();
      throw e;
    }
  }

  /** Lines in the file now. */
  get lineCount(): number {
    return this.lines;
  }

  /** Bytes in the file now. */
  get size(): number {
    return this.bytes;
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      if (this.closed) throw new JournalWriteError('the journal is closed');
      if (this.broken) throw new JournalWriteError('the journal could not be written earlier and is no longer used');
      return task();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Appends the entries (one line each) and fsyncs; resolves once they are on disk. */
  append(entries: readonly unknown[]): Promise<void> {
    return this.serial(async () => {
      if (entries.length === 0) return;
      const text = entries.map((entry, i) => encodeJournalLine(this.nextSeq + i, entry)).join('');
      const buffer = Buffer.from(text, 'utf8');
      try {
        await writeFully(this.handle, buffer);
        await this.handle.datasync();
      } catch (e) {
        // Put the file back to its last known good length; if even that fails, stop using it.
        try {
          await this.handle.truncate(this.bytes);
          await this.handle.sync();
        } catch {
          this.broken = true;
        }
        throw new JournalWriteError(`the journal could not be written (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      this.nextSeq += entries.length;
      this.bytes += buffer.length;
      this.lines += entries.length;
    });
  }

  /** Replaces the whole content with `entries` (compaction), atomically. */
  rewrite(entries: readonly unknown[]): Promise<void> {
    return this.serial(async () => {
      const temp = `${this.file}.compact.tmp`;
      const text = entries.map((entry, i) => encodeJournalLine(this.nextSeq + i, entry)).join('');
      const buffer = Buffer.from(text, 'utf8');
      const h = await open(temp, 'w', 0o600);
      try {
        await writeFully(h, buffer);
        await h.sync();
      } finally {
        await h.close();
      }
      await rename(temp, this.file);
      await fsyncDirectory(path.dirname(this.file), this.platform);
      const old = this.handle;
      this.handle = await open(this.file, 'a', 0o600);
      await old.close().catch(() => undefined);
      this.nextSeq += entries.length;
      this.bytes = buffer.length;
      this.lines = entries.length;
    });
  }

  async close(): Promise<void> {
    await this.queue;
    if (this.closed) return;
    this.closed = true;
    await this.handle.close().catch(() => undefined);
    await this.release();
  }
}
