import { writeSync } from 'node:fs';

const pause = new Int32Array(new SharedArrayBuffer(4));
const WAIT_MS = 1;

/**
 * Writes `text` to `fd` whole, waiting for as long as the reader takes; `onFull` is called each
 * time it has to wait. For the child processes of the crash tests, which report what they have
 * done on stdout with synchronous writes: a child started with `--import tsx` has a
 * non-blocking stdout (tsx reads `process.stdout.isTTY`, and libuv makes the pipe non-blocking
 * when Node wraps it), so a plain `writeSync` throws EAGAIN once a slow parent lets the pipe
 * fill, and may write only part of a line.
 */
export function writeWholeSync(fd: number, text: string, onFull?: () => void): void {
  const bytes = Buffer.from(text);
  let done = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(fd, bytes, done, bytes.length - done);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      onFull?.();
      // sleeps without spinning; the child has nothing else to do until the parent reads
      Atomics.wait(pause, 0, 0, WAIT_MS);
    }
  }
}
