import { closeSync, constants, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Directories locked by this process: a second open here would share the pid in the file. */
const lockedHere = new Set<string>();

/**
 * Keeps a second process (or a second log in this one) from opening the same write-ahead log,
 * which would replay, and cut, segments the first one is still appending to. The lock is a
 * `LOCK` file holding the owner's pid; one left by a dead process is taken over.
 */
export class DirectoryLock {
  private constructor(
    private readonly dir: string,
    private readonly path: string,
  ) {}

  static acquire(dir: string): DirectoryLock {
    const key = resolve(dir);
    if (lockedHere.has(key)) throw new Error(`write-ahead log in ${dir} is already open in this process`);
    const path = join(dir, 'LOCK');
    for (let attempt = 0; ; attempt++) {
      try {
        const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
        try {
          writeSync(fd, `${process.pid}\n`);
        } finally {
          closeSync(fd);
        }
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      }
      const owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
      // our own pid in the file is a previous life of this process id (a container's pid 1, say)
      if (Number.isInteger(owner) && owner !== process.pid && processIsAlive(owner)) {
        throw new Error(`write-ahead log in ${dir} is in use by process ${owner} (remove ${path} if that is wrong)`);
      }
      unlinkSync(path);
    }
    lockedHere.add(key);
    return new DirectoryLock(key, path);
  }

  release(): void {
    if (!lockedHere.delete(this.dir)) return;
    try {
      unlinkSync(this.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, it is just not ours to signal
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
