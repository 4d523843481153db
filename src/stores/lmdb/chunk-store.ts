import type { Database } from 'lmdb';
import type { Chunk, SeriesId } from '../../series/types.js';
import type { ChunkStore, StoredChunk } from '../chunk-store.js';
import type { LmdbEnvironment } from './environment.js';
import { chunkValueTtl, decodeChunkValue, encodeChunkValue } from './chunk-value.js';

/** Names of this store's databases inside the shared environment. */
export const CHUNK_DB_NAMES = {
  /** [id, resolution, end] -> header + payload (chunk-value.ts) */
  chunks: 'chunks',
  /** [end + ttl, id, resolution, end] -> empty: what expire() walks, oldest deadline first */
  expiry: 'chunks.expiry',
  /** resolution -> longest window (end - start) ever written at it, which bounds read scans */
  spans: 'chunks.spans',
} as const;

/** Expired chunks removed per transaction, so one expire() never builds a huge transaction. */
const EXPIRE_BATCH = 10_000;
const EMPTY = Buffer.alloc(0);

export interface LmdbChunkStoreOptions {
  /**
   * Resolve write(), delete() and expire() only once the transaction is flushed to disk (default),
   * so a caller may drop its write-ahead log after them. With false they resolve when committed
   * and visible; a system crash may then lose (never corrupt) the last transactions.
   */
  readonly durable?: boolean;
}

type ChunkKey = [SeriesId, number, number];
type ExpiryKey = [number, SeriesId, number, number];

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
    private readonly expiry: Database<Buffer, ExpiryKey>,
    private readonly spans: Database<number, number>,
    /** resolution -> longest window; a read of [from, until] only looks at ends up to until + span */
    private readonly maxSpan: Map<number, number>,
    private readonly durable: boolean,
  ) {}

  static open(env: LmdbEnvironment, opts: LmdbChunkStoreOptions = {}): LmdbChunkStore {
    const chunks = env.openDB<Buffer, ChunkKey>(CHUNK_DB_NAMES.chunks, { encoding: 'binary' });
    const expiry = env.openDB<Buffer, ExpiryKey>(CHUNK_DB_NAMES.expiry, { encoding: 'binary' });
    const spans = env.openDB<number, number>(CHUNK_DB_NAMES.spans, {});
    const maxSpan = new Map<number, number>();
    for (const { key, value } of spans.getRange()) maxSpan.set(key, value);
    return new LmdbChunkStore(env, chunks, expiry, spans, maxSpan, opts.durable ?? true);
  }

  async read(id: SeriesId, resolution: number, from: number, until: number): Promise<Chunk[]> {
    this.checkOpen();
    const span = this.maxSpan.get(resolution);
    if (span === undefined || !(from <= until)) return [];
    const out: Chunk[] = [];
    // A window [start, end) overlaps [from, until] when end > from and start <= until; as
    // end - start <= span, every such chunk has from < end <= until + span.
    const range = this.chunks.getRange({ start: [id, resolution, from], end: [id, resolution, until + span], exclusiveStart: true, inclusiveEnd: true });
    for (const { key, value } of range) {
      const end = key[2];
      const chunk = decodeChunkValue(value);
      if (end <= from || chunk.start > until) continue;
      out.push({ id, resolution, start: chunk.start, end, encoding: chunk.encoding, data: chunk.data });
    }
    return out;
  }

  async write(chunks: readonly StoredChunk[]): Promise<void> {
    this.checkOpen();
    if (chunks.length === 0) return;
    // Validated and encoded before the transaction: its callback must not fail half-way, as an
    // lmdb-js async transaction is not rolled back by a throw.
    const rows = chunks.map((c) => {
      checkChunk(c);
      return { key: [c.id, c.resolution, c.end] as ChunkKey, chunk: c, value: encodeChunkValue(c.start, c.ttl, c.encoding, c.data) };
    });
    await this.track(
      this.env.transaction(() => {
        for (const { key, chunk, value } of rows) {
          const old = this.chunks.getBinary(key);
          if (old !== undefined) {
            const oldTtl = chunkValueTtl(old);
            if (oldTtl !== chunk.ttl) this.expiry.removeSync([chunk.end + oldTtl, chunk.id, chunk.resolution, chunk.end]);
          }
          this.chunks.putSync(key, value);
          this.expiry.putSync([chunk.end + chunk.ttl, chunk.id, chunk.resolution, chunk.end], EMPTY);
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
          this.expiry.removeSync([key[2] + ttl, key[0], key[1], key[2]]);
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
            if (this.chunks.removeSync([key[1], key[2], key[3]])) chunksRemoved++;
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

function checkChunk(c: StoredChunk): void {
  const bad = (what: string) => new Error(`invalid chunk ${c.id}@${c.resolution}s ending ${c.end}: ${what}`);
  if (typeof c.id !== 'string' || c.id.length === 0) throw bad('empty series id');
  if (!(Number.isFinite(c.resolution) && c.resolution > 0)) throw bad('resolution must be a positive number');
  if (!(Number.isFinite(c.start) && Number.isFinite(c.end) && c.start < c.end)) throw bad('window must have start < end');
  if (!(Number.isFinite(c.ttl) && c.ttl >= 0)) throw bad('ttl must be a finite number >= 0');
  if (!(c.data instanceof Uint8Array)) throw bad('data must be a Uint8Array');
}
