import { closeSync, constants, existsSync, fdatasync, fdatasyncSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, statSync, truncateSync, unlinkSync, writeSync, writevSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { type Logger, silentLogger } from '../../lib/logger.js';
import { DirectoryLock } from './directory-lock.js';
import { FRAME_HEADER_BYTES, scanFrames, writeFrameHeader } from './record-frame.js';
import { fsyncDirectory, listSegments, segmentPath } from './segment-files.js';

export interface WriteAheadLogOptions {
  /** a segment is closed and a new one started once the next record would take it past this size */
  readonly segmentBytes: number;
  /** fdatasync this often when there were appends; 0 = after every append */
  readonly fsyncIntervalMs: number;
  readonly logger?: Logger;
}

export interface ReplaySummary {
  records: number;
  segments: number;
  /** segments that ended in a torn or corrupt record (each was truncated there) */
  corruptTails: number;
}

/** The open file of the segment being appended to. */
class OpenSegment {
  offset = 0;
  /** appends since the last fdatasync was started */
  dirty = false;
  private syncsInFlight = 0;
  private closeWhenSynced = false;

  constructor(
    readonly number: number,
    readonly fd: number,
  ) {}

  /**
   * Starts an fdatasync off the main thread (the fd stays open until it is done); `done` is
   * called once what was appended before the call is durable (at once when nothing was).
   */
  syncInBackground(log: Logger, done?: (err: Error | null) => void): void {
    if (!this.dirty) {
      done?.(null);
      return;
    }
    this.dirty = false;
    this.syncsInFlight++;
    fdatasync(this.fd, (err) => {
      this.syncsInFlight--;
      if (err) log.error({ err, segment: this.number }, 'write-ahead log fdatasync failed');
      if (this.closeWhenSynced && this.syncsInFlight === 0) closeSync(this.fd);
      done?.(err);
    });
  }

  syncNow(): void {
    fdatasyncSync(this.fd);
    this.dirty = false;
  }

  /** Durable, then closed (once any background sync has finished with the fd). */
  finish(): void {
    this.syncNow();
    if (this.syncsInFlight > 0) this.closeWhenSynced = true;
    else closeSync(this.fd);
  }
}

/**
 * A durable, append-only log of opaque records, in numbered segment files `<dir>/<n>.wal`.
 * An append is one write(2) of header + payload, so once it returns the record survives the
 * death of this process; fdatasync (every `fsyncIntervalMs`) makes it survive the machine's.
 * A new segment is started on every open, so old segments are only ever read, then deleted.
 */
export class WriteAheadLog {
  private current: OpenSegment;
  /** sizes of the closed segments still on disk, by number */
  private readonly closedSizes = new Map<number, number>();
  /** the segments that existed at open, oldest first: what replay() reads */
  private readonly replayable: number[];
  /** appended or rotated since open: replay reads only the log as it was opened */
  private changed = false;
  private closed = false;
  /** set when a failed append could not be undone, or an fsync failed: the log refuses appends from then on */
  private broken: Error | null = null;
  private readonly timer: NodeJS.Timeout | null;
  /** the sidecar the last clean close left, when it matches the segments found at open */
  private sidecar: Uint8Array | null = null;
  private readonly header = Buffer.allocUnsafe(FRAME_HEADER_BYTES);
  private readonly log: Logger;
  private readonly lock: DirectoryLock;
  /** callers of sync() waiting for the next group fdatasync */
  private syncWaiters: Array<(err: Error | null) => void> = [];
  private syncScheduled = false;
  /** a group fdatasync in flight: waiters arriving meanwhile wait for the one after it */
  private syncing = false;

  private constructor(
    private readonly dir: string,
    private readonly opts: WriteAheadLogOptions,
  ) {
    if (!(Number.isInteger(opts.segmentBytes) && opts.segmentBytes > 0)) throw new Error(`segmentBytes must be a positive integer, got ${opts.segmentBytes}`);
    if (!(Number.isInteger(opts.fsyncIntervalMs) && opts.fsyncIntervalMs >= 0)) throw new Error(`fsyncIntervalMs must be an integer >= 0, got ${opts.fsyncIntervalMs}`);
    this.log = opts.logger ?? silentLogger;
    mkdirSync(dir, { recursive: true });
    this.lock = DirectoryLock.acquire(dir);
    try {
      this.replayable = listSegments(dir);
      for (const n of this.replayable) this.closedSizes.set(n, statSync(segmentPath(dir, n)).size);
      this.sidecar = takeSidecarFile(dir, this.replayable.at(-1) ?? 0, this.replayable.length);
      this.current = this.create((this.replayable.at(-1) ?? 0) + 1);
    } catch (err) {
      this.lock.release();
      throw err;
    }
    if (opts.fsyncIntervalMs > 0) {
      this.timer = setInterval(() => this.current.syncInBackground(this.log), opts.fsyncIntervalMs);
      this.timer.unref();
    } else this.timer = null;
  }

  static open(dir: string, opts: WriteAheadLogOptions): WriteAheadLog {
    return new WriteAheadLog(dir, opts);
  }

  get currentSegment(): number {
    return this.current.number;
  }

  /**
   * Appends one record; returns the segment it went into. When it returns, the record survives
   * a SIGKILL of this process. The payload must not be empty.
   */
  append(payload: Uint8Array): number {
    if (this.closed) throw new Error('write-ahead log is closed');
    if (this.broken) throw new Error(`write-ahead log cannot append after an earlier failure: ${this.broken.message}`);
    if (payload.length === 0) throw new Error('write-ahead log records must not be empty');
    this.changed = true;
    const size = FRAME_HEADER_BYTES + payload.length;
    if (this.current.offset > 0 && this.current.offset + size > this.opts.segmentBytes) this.rotate();
    const seg = this.current;
    writeFrameHeader(this.header, payload);
    try {
      const written = writevSync(seg.fd, [this.header, payload]);
      if (written < size) this.writeRest(seg.fd, payload, written);
    } catch (err) {
      this.undoPartialAppend(seg, err as Error);
      throw err;
    }
    seg.offset += size;
    seg.dirty = true;
    if (this.opts.fsyncIntervalMs === 0) {
      try {
        seg.syncNow();
      } catch (err) {
        // after a failed fsync the kernel may have dropped the dirty pages: nothing later can be trusted
        this.broken = err as Error;
        throw err;
      }
    }
    return seg.number;
  }

  /** Starts a new segment now (the current one is made durable and closed); returns its number. */
  rotate(): number {
    if (this.closed) throw new Error('write-ahead log is closed');
    this.changed = true;
    const old = this.current;
    const next = this.create(old.number + 1);
    old.finish();
    this.closedSizes.set(old.number, old.offset);
    this.current = next;
    return next.number;
  }

  /**
   * Reads every record of every segment that existed when the log was opened, in order. A torn
   * or corrupt record ends its segment: the file is cut there, and counted in `corruptTails`.
   * Payloads are views into the segment's bytes: copy one to keep it without keeping them all.
   */
  replay(fn: (payload: Uint8Array, segment: number) => void): ReplaySummary {
    // several passes are fine (the engine reads once for series, once for points) until the log changes
    if (this.changed) throw new Error('write-ahead log replay() must come before any append or rotation');
    const summary: ReplaySummary = { records: 0, segments: 0, corruptTails: 0 };
    for (const n of this.replayable) {
      if (!this.closedSizes.has(n)) continue; // already truncated away
      const path = segmentPath(this.dir, n);
      const bytes = readFileSync(path);
      const scan = scanFrames(bytes, (payload) => fn(payload, n));
      summary.records += scan.records;
      summary.segments++;
      if (scan.problem !== undefined) {
        summary.corruptTails++;
        this.log.warn({ segment: n, path, problem: scan.problem, keptBytes: scan.validBytes, droppedBytes: bytes.length - scan.validBytes }, 'write-ahead log segment has a torn or corrupt tail; truncating it');
        truncateSync(path, scan.validBytes);
        this.closedSizes.set(n, scan.validBytes);
      }
    }
    return summary;
  }

  /** Deletes every segment numbered below `segment` (never the current one); returns how many. */
  truncateBefore(segment: number): number {
    let deleted = 0;
    for (const n of [...this.closedSizes.keys()]) {
      if (n >= segment || n === this.current.number) continue;
      try {
        unlinkSync(segmentPath(this.dir, n));
        deleted++;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      this.closedSizes.delete(n);
    }
    return deleted;
  }

  /**
   * Resolves once every record appended before the call is on stable storage (survives the
   * machine, not only the process). Calls made together share one fdatasync: a group commit,
   * so many concurrent writers pay for one sync, not one each. Rotated segments were synced when
   * they closed, so only the current one needs it.
   */
  sync(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('write-ahead log is closed'));
    return new Promise((resolve, reject) => {
      this.syncWaiters.push((err) => (err ? reject(err) : resolve()));
      this.scheduleGroupSync();
    });
  }

  private scheduleGroupSync(): void {
    if (this.syncScheduled || this.syncing || this.syncWaiters.length === 0) return;
    this.syncScheduled = true;
    // after the current I/O callbacks: the commits they make join this sync
    setImmediate(() => {
      this.syncScheduled = false;
      const waiters = this.syncWaiters;
      this.syncWaiters = [];
      this.syncing = true;
      const finish = (err: Error | null) => {
        this.syncing = false;
        if (err && !this.broken) this.broken = err;
        for (const w of waiters) w(err);
        this.scheduleGroupSync();
      };
      if (this.closed) finish(null);
      else this.current.syncInBackground(this.log, finish);
    });
  }

  /** Bytes on disk across every segment, the current one included. */
  sizeBytes(): number {
    let total = this.current.offset;
    for (const size of this.closedSizes.values()) total += size;
    return total;
  }

  /**
   * What the last clean close() stored beside the log, given once (the file is removed when the
   * log opens): only when the log holds exactly the segments it held then, so it describes them.
   */
  takeSidecar(): Uint8Array | null {
    const s = this.sidecar;
    this.sidecar = null;
    return s;
  }

  /**
   * Makes everything appended durable and closes the files. An empty current segment is removed.
   * `sidecar`: bytes describing the log as it is now (the engine's series checkpoint), for the
   * next open's takeSidecar().
   */
  close(sidecar?: Uint8Array | readonly Uint8Array[]): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    try {
      const seg = this.current;
      seg.finish();
      let last = seg.number;
      if (seg.offset === 0) {
        unlinkSync(segmentPath(this.dir, seg.number));
        last = Math.max(0, ...this.closedSizes.keys());
      }
      if (sidecar !== undefined) writeSidecarFile(this.dir, last, this.closedSizes.size + (seg.offset === 0 ? 0 : 1), sidecar);
      fsyncDirectory(this.dir);
    } finally {
      this.lock.release();
    }
  }

  private create(segment: number): OpenSegment {
    // O_EXCL: a segment is written by one open log only, and never reopened for appending
    const fd = openSync(segmentPath(this.dir, segment), constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_APPEND, 0o644);
    fsyncDirectory(this.dir);
    return new OpenSegment(segment, fd);
  }

  /** A short write (a full disk, a signal): finish the record or fail trying. */
  private writeRest(fd: number, payload: Uint8Array, written: number): void {
    while (written < FRAME_HEADER_BYTES) written += writeSync(fd, this.header, written, FRAME_HEADER_BYTES - written);
    const size = FRAME_HEADER_BYTES + payload.length;
    while (written < size) {
      const n = writeSync(fd, payload, written - FRAME_HEADER_BYTES, size - written);
      if (n === 0) throw new Error('write-ahead log write made no progress');
      written += n;
    }
  }

  /** Cuts a half-written record off, so the next append does not land behind garbage. */
  private undoPartialAppend(seg: OpenSegment, cause: Error): void {
    try {
      ftruncateSync(seg.fd, seg.offset);
    } catch (err) {
      this.broken = cause;
      this.log.error({ err, cause, segment: seg.number }, 'write-ahead log could not undo a failed append');
    }
  }
}

const SIDECAR_FILE = 'sidecar';
const SIDECAR_MAGIC = 0x43425743; // "CWBC"

/**
 * u32 magic, f64 last segment, u32 segment count, u32 crc32 of the payload, payload (given in
 * parts, which are written one after the other: a payload of a gigabyte is not copied to join it)
 */
function writeSidecarFile(dir: string, lastSegment: number, segments: number, payload: Uint8Array | readonly Uint8Array[]): void {
  const parts = payload instanceof Uint8Array ? [payload] : payload;
  const header = Buffer.alloc(20);
  header.writeUInt32LE(SIDECAR_MAGIC, 0);
  header.writeDoubleLE(lastSegment, 4);
  header.writeUInt32LE(segments, 12);
  header.writeUInt32LE(parts.reduce((crc, part) => crc32(part, crc), 0), 16);
  const fd = openSync(join(dir, SIDECAR_FILE), 'w', 0o644);
  try {
    for (const part of [header, ...parts]) for (let at = 0; at < part.length; ) at += writeSync(fd, part, at, part.length - at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The sidecar's payload when it describes exactly these segments; the file is removed either way. */
function takeSidecarFile(dir: string, lastSegment: number, segments: number): Uint8Array | null {
  const path = join(dir, SIDECAR_FILE);
  if (!existsSync(path)) return null;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    // too big to read in one piece (over 2 GiB): the log is replayed instead
    bytes = Buffer.alloc(0);
  }
  unlinkSync(path);
  fsyncDirectory(dir);
  if (bytes.length < 20 || bytes.readUInt32LE(0) !== SIDECAR_MAGIC) return null;
  if (bytes.readDoubleLE(4) !== lastSegment || bytes.readUInt32LE(12) !== segments) return null;
  const payload = bytes.subarray(20);
  return crc32(payload) === bytes.readUInt32LE(16) ? payload : null;
}
