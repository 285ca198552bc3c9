/**
 * Durability helpers: fsync of a folder (so a file created or renamed in it
 * survives a power cut, POSIX) and a lock file that keeps two companions from
 * writing one journal. Windows cannot open a folder for fsync; there the
 * rename itself is what NTFS journals, and the folder sync is skipped.
 */
import { open, readFile, unlink } from 'node:fs/promises';

export async function fsyncDirectory(dir: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  if (platform === 'win32') return;
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // Some file systems refuse fsync on a folder; the data itself is synced.
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'ENOTSUP') throw e;
  } finally {
    await handle?.close();
  }
}

export class FileLockedError extends Error {
  override readonly name = 'FileLockedError';
  constructor(
    readonly lockFile: string,
    readonly pid: number,
  ) {
    super(`another companion process (pid ${pid}) holds ${lockFile}`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `lockFile` for this process: created exclusively with our pid. A lock
 * left by a process that no longer runs (a crash, SIGKILL) is taken over.
 * Returns the function that releases it.
 */
export async function acquireLockFile(lockFile: string): Promise<() => Promise<void>> {
  for (let round = 0; round < 3; round++) {
    try {
      const handle = await open(lockFile, 'wx', 0o600);
      try {
        await handle.writeFile(`${process.pid}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await unlink(lockFile).catch(() => undefined);
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const text = await readFile(lockFile, 'utf8').catch(() => '');
    const pid = Number(text.trim());
    if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw new FileLockedError(lockFile, pid);
    if (pid === process.pid) throw new FileLockedError(lockFile, pid);
    // Stale (its process is gone) or unreadable: remove and try again.
    await unlink(lockFile).catch(() => undefined);
  }
  throw new FileLockedError(lockFile, 0);
}
