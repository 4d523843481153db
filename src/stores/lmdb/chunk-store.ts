import type { Database, DatabaseOptions } from 'lmdb';
import type { Chunk, SeriesId } from '../../series/types.js';
import type { ChunkRead, ChunkStore, StoredChunk } from '../chunk-store.js';
import type { LmdbEnvironment } from './environment.js';
import { chunkValueTtl, decodeChunkValue, encodeChunkValue } from './chunk-value.js';
import { checkChunk } from '../chunk-check.js';
import type { ChunkCopies } from '../../lib/value-pool.js';
import { ChunkValueCodec } from './value-copies.js';

/** Names of this store's databases inside the shared environment. */
export const CHUNK_DB_NAMES = {
  /**
   * [id, resolution, end] (the single writer's chunk) or [id, resolution, end, writer] (one
   * of several writers') -> header + payload (chunk-value.ts)
   */
  chunks: 'chunks',
  /** [end + ttl, ...the chunk's key] -> empty: what expire() walks, oldest deadline first */
  expiry: 'chunks.expiry',
  /** resolution -> longest window (end - start) ever written at it, which bounds read scans */
  spans: 'chunks.spans',
} as const;

/** Expired chunks removed per transaction, so one expire() never builds a huge transaction. */
const EXPIRE_BATCH = 10_000;
const EMPTY = Buffer.alloc(0);

export interface LmdbChunkStoreOptions {
  /**
   * Other carbyne processes write to the same environment (default false): the engine then
   * never assumes the store lacks a series' chunks (ChunkStore.singleWriter).
   */
  readonly shared?: boolean;
  /**
   * Resolve write(), delete() and expire() only once the transaction is flushed to disk (default),
   * so a caller may drop its write-ahead log after them. With false they resolve when committed
   * and visible; a system crash may then lose (never corrupt) the last transactions.
   */
  readonly durable?: boolean;
}

type ChunkKey = [SeriesId, number, number] | [SeriesId, number, number, string];
type ExpiryKey = [number, SeriesId, number, number] | [number, SeriesId, number, number, string];

function chunkKey(id: SeriesId, resolution: number, end: number, writer: string | undefined): ChunkKey {
  return writer ? [id, resolution, end, writer] : [id, resolution, end];
}

function expiryKey(deadline: number, key: ChunkKey): ExpiryKey {
  return [deadline, ...key] as ExpiryKey;
}

/**
 * ChunkStore on the embedded LMDB environment. Every call is one transaction; writes of the
 * same event turn share a commit (lmdb-js batches them), so many small calls stay cheap.
 */
export class LmdbChunkStore implements ChunkStore {
  private closed = false;
  private readonly pending = new Set<Promise<unknown>>();

  private constructor(
    private readonly env: LmdbEnvironment,
    private readonly chunks: Database<Buffer, ChunkKey>,
    /** the chunks database's value encoding, which copies read values where readMany says */
    private readonly values: ChunkValueCodec,
    private readonly expiry: Database<Buffer, ExpiryKey>,
    private readonly spans: Database<number, number>,
    /** resolution -> longest window; a read of [from, until] only looks at ends up to until + span */
    private readonly maxSpan: Map<number, number>,
    private readonly durable: boolean,
    readonly singleWriter: boolean,
  ) {}

  static open(env: LmdbEnvironment, opts: LmdbChunkStoreOptions = {}): LmdbChunkStore {
    const values = new ChunkValueCodec();
    // lmdb-js takes a database's own encoder at run time; its types list it for the root only
    const chunks = env.openDB<Buffer, ChunkKey>(CHUNK_DB_NAMES.chunks, { encoding: 'binary', encoder: values } as DatabaseOptions);
    const expiry = env.openDB<Buffer, ExpiryKey>(CHUNK_DB_NAMES.expiry, { encoding: 'binary' });
    const spans = env.openDB<number, number>(CHUNK_DB_NAMES.spans, {});
    const maxSpan = new Map<number, number>();
    for (const { key, value } of spans.getRange()) maxSpan.set(key, value);
    return new LmdbChunkStore(env, chunks, values, expiry, spans, maxSpan, opts.durable ?? true, !(opts.shared ?? false));
  }

  async read(id: SeriesId, resolution: number, from: number, until: number): Promise<Chunk[]> {
    this.checkOpen();
    return this.readNow(id, resolution, from, until);
  }

  /** Every read in one pass: LMDB reads are local and synchronous, so one round trip is free. */
  async readMany(reads: readonly ChunkRead[], copies?: ChunkCopies): Promise<Chunk[][]> {
    this.checkOpen();
    return this.values.with(copies, () => reads.map((r) => this.readNow(r.id, r.resolution, r.from, r.until)));
  }

  private readNow(id: SeriesId, resolution: number, from: number, until: number): Chunk[] {
    let span = this.maxSpan.get(resolution);
    // another process sharing the store may have stored the first chunks of this resolution
    if (span === undefined && !this.singleWriter) span = this.refreshSpans().get(resolution);
    if (span === undefined || !(from <= until)) return [];
    const out: Chunk[] = [];
    // A window [start, end) overlaps [from, until] when end > from and start <= until; as
    // end - start <= span, every such chunk has from < end <= until + span. Ends are whole
    // seconds, so [.., until + span + 1) holds every writer's key ending there.
    const range = this.chunks.getRange({ start: [id, resolution, from], end: [id, resolution, until + span + 1], exclusiveStart: true });
    for (const { key, value } of range) {
      const end = key[2];
      const chunk = decodeChunkValue(value);
      if (end <= from || chunk.start > until) continue;
      const writer = key.length === 4 ? key[3] : '';
      out.push({ id, resolution, start: chunk.start, end, encoding: chunk.encoding, data: chunk.data, writer, version: chunk.version });
    }
    // several writers' chunks of one window come out by writer name: order them by version
    for (let i = 1; i < out.length; i++) if (out[i].end === out[i - 1].end) return out.sort(byEndThenVersion);
    return out;
  }

  /** The longest window of each resolution as the store records it now (every writer's). */
  private refreshSpans(): Map<number, number> {
    for (const { key, value } of this.spans.getRange()) if (value > (this.maxSpan.get(key) ?? 0)) this.maxSpan.set(key, value);
    return this.maxSpan;
  }

  async write(chunks: readonly StoredChunk[]): Promise<void> {
    this.checkOpen();
    if (chunks.length === 0) return;
    // Validated and encoded before the transaction: its callback must not fail half-way, as an
    // lmdb-js async transaction is not rolled back by a throw.
    const rows = chunks.map((c) => {
      checkChunk(c);
      return { key: chunkKey(c.id, c.resolution, c.end, c.writer), chunk: c, value: encodeChunkValue(c.start, c.ttl, c.encoding, c.data, c.version ?? 0) };
    });
    await this.track(
      this.env.transaction(() => {
        for (const { key, chunk, value } of rows) {
          const old = this.chunks.getBinary(key);
          if (old !== undefined) {
            const oldTtl = chunkValueTtl(old);
            if (oldTtl !== chunk.ttl) this.expiry.removeSync(expiryKey(chunk.end + oldTtl, key));
          }
          this.chunks.putSync(key, value);
          this.expiry.putSync(expiryKey(chunk.end + chunk.ttl, key), EMPTY);
          const span = chunk.end - chunk.start;
          if (span > (this.maxSpan.get(chunk.resolution) ?? 0)) {
            // Raised before the commit: if it fails, a wider bound only costs a longer scan.
            this.maxSpan.set(chunk.resolution, span);
            this.spans.putSync(chunk.resolution, span);
          }
        }
      }),
    );
  }

  async delete(id: SeriesId): Promise<void> {
    this.checkOpen();
    await this.track(
      this.env.transaction(() => {
        const doomed: Array<{ key: ChunkKey; ttl: number }> = [];
        for (const { key, value } of this.chunks.getRange({ start: [id] as unknown as ChunkKey, end: [id, Infinity] as unknown as ChunkKey })) {
          doomed.push({ key, ttl: chunkValueTtl(value) });
        }
        for (const { key, ttl } of doomed) {
          this.chunks.removeSync(key);
          this.expiry.removeSync(expiryKey(key[2] + ttl, key));
        }
      }),
    );
  }

  async expire(now: number): Promise<number> {
    this.checkOpen();
    let removed = 0;
    for (;;) {
      const batch = await this.track(
        this.env.transaction(() => {
          // [now] sorts before every [now, ...], so the range holds exactly the deadlines < now
          const keys = Array.from(this.expiry.getKeys({ end: [now] as unknown as ExpiryKey, limit: EXPIRE_BATCH }));
          let chunksRemoved = 0;
          for (const key of keys) {
            this.expiry.removeSync(key);
            if (this.chunks.removeSync(key.slice(1) as ChunkKey)) chunksRemoved++;
          }
          return { entries: keys.length, chunksRemoved };
        }),
      );
      removed += batch.chunksRemoved;
      if (batch.entries < EXPIRE_BATCH) return removed;
    }
  }

  /** Waits for this store's writes to be flushed; the environment stays open for its other users. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.pending]);
    await this.env.flushed;
  }

  private async track<T>(txn: Promise<T>): Promise<T> {
    const done = this.durable ? txn.then(async (r) => (await this.env.flushed, r)) : txn;
    this.pending.add(done);
    try {
      return await done;
    } finally {
      this.pending.delete(done);
    }
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('chunk store is closed');
  }
}

function byEndThenVersion(a: Chunk, b: Chunk): number {
  return a.end - b.end || (a.version ?? 0) - (b.version ?? 0);
}
