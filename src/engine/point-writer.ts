/**
 * What the protocol listeners (carbon plaintext, pickle, HTTP) hand points to. The storage
 * engine implements it; listeners know nothing else of it.
 */
export const WriteStatus = {
  Accepted: 0,
  /** the name is not a valid carbon metric name */
  InvalidName: 1,
  /** older than the longest retention of the series, as whisper drops it */
  TooOld: 2,
  /** NaN is dropped as carbon drops it (not an error for the sender) */
  NaN: 3,
} as const;
export type WriteStatus = (typeof WriteStatus)[keyof typeof WriteStatus];

export interface PointWriter {
  /**
   * Adds one point. `name` is the raw carbon name (`a.b.c` or `a.b;k=v`); `timestamp` is unix
   * seconds, and -1 means now. Synchronous and cheap: this is the ingest hot path.
   */
  write(name: string, value: number, timestamp: number): WriteStatus;
  /**
   * Optional fast path, the same as write() of the name buf[start, end) (valid UTF-8) decoded:
   * a decoder that reads bytes (carbon plaintext) spares a string per point. `buf` is not kept.
   */
  writeBytes?(buf: Uint8Array, start: number, end: number, value: number, timestamp: number): WriteStatus;
  /**
   * Makes every point written so far durable in the write-ahead log. Listeners call it once per
   * batch (a socket read, a pickle frame, an HTTP body); a point counts as accepted once its
   * batch has been committed.
   */
  commit(): void;
  /**
   * Optional: commit(), then resolves once the batch is on stable storage (survives a machine
   * crash as well as a process crash), sharing one sync with concurrent callers.
   */
  commitDurable?(): Promise<void>;
  /**
   * Optional: null while points are taken at full speed; else a promise that resolves once the
   * writer takes points again (what it holds reached its limits while its store is slow or
   * down). Listeners stop reading until then, so TCP senders slow down; nothing is dropped.
   */
  backlog?(): Promise<void> | null;
}
