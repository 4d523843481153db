import { LRUCache } from 'lru-cache';
import type { Chunk, ChunkEncoding, SeriesId } from '../../series/types.js';
import type { ChunkRead, ChunkStore, StoredChunk } from '../chunk-store.js';
import { checkChunk } from '../chunk-check.js';
import type { CassandraSession, Row, Statement } from './session.js';
import { ChunkSpans } from './chunk-spans.js';
import { boundedParallel } from '../../lib/parallel.js';

/** Cassandra refuses TTLs over 20 years. */
const MAX_TTL = 20 * 365 * 86400;
/** A read over more buckets than this lists the series' partitions instead of asking each bucket. */
const MAX_DIRECT_BUCKETS = 8;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export interface CassandraChunkStoreOptions {
  /** points of its resolution one partition spans (config `cassandra.bucketPoints`) */
  readonly bucketPoints: number;
  /** only this process writes to the keyspace (config `cassandra.singleWriter`) */
  readonly singleWriter: boolean;
  /** unix seconds, for the TTL of a chunk: its resolution's retention counted from the window's end */
  readonly nowSeconds: () => number;
}

/**
 * ChunkStore on Cassandra (tables in schema.ts). A chunk is one row of `chunks`, keyed by
 * (series, resolution, bucket of its end) and then (end, writer), so writers never overwrite
 * each other's chunks and a rewrite by one writer replaces its row. TTLs expire chunks (no
 * expire()). Reads of many series run concurrently, each partition one request to a replica
 * (token-aware), bounded by the session's in-flight limit.
 */
export class CassandraChunkStore implements ChunkStore {
  readonly singleWriter: boolean;
  private closed = false;
  private readonly spans: ChunkSpans;
  /** (resolution, bucket) partitions this process recorded for a series, with the TTL deadline written */
  private readonly partitions = new LRUCache<SeriesId, Map<string, number>>({ max: 200_000, ttl: 600_000 });
  private readonly q: ReturnType<typeof statements>;

  constructor(
    private readonly session: CassandraSession,
    private readonly options: CassandraChunkStoreOptions,
  ) {
    this.singleWriter = options.singleWriter;
    this.q = statements(session.keyspace);
    this.spans = new ChunkSpans(session);
  }

  private bucketSeconds(resolution: number): number {
    return resolution * this.options.bucketPoints;
  }

  private bucketOf(end: number, resolution: number): number {
    return Math.floor(end / this.bucketSeconds(resolution));
  }

  async read(id: SeriesId, resolution: number, from: number, until: number): Promise<Chunk[]> {
    this.checkOpen();
    return this.readOne({ id, resolution, from, until });
  }

  async readMany(reads: readonly ChunkRead[]): Promise<Chunk[][]> {
    this.checkOpen();
    return Promise.all(reads.map((r) => this.readOne(r)));
  }

  private async readOne(r: ChunkRead): Promise<Chunk[]> {
    if (!(r.from <= r.until)) return [];
    const span = await this.spans.longest(r.resolution);
    if (span === undefined) return [];
    // a window [start, end) overlaps [from, until] when end > from and start <= until; its end
    // is at most until + span
    const lo = r.from;
    const hi = r.until + span;
    const buckets = await this.bucketsFor(r.id, r.resolution, lo, hi);
    const pages = await Promise.all(
      buckets.map((bucket) => this.session.readAll(this.q.readRange, [r.id, r.resolution, bucket, bigintAbove(lo), bigintAtMost(hi)])),
    );
    const out: Chunk[] = [];
    for (const rows of pages) {
      for (const row of rows) {
        const start = Number(row.start_time as bigint);
        if (start > r.until) continue;
        out.push(chunkOf(r.id, r.resolution, start, row));
      }
    }
    // several writers' chunks of one window come by writer name: order them by version
    return out.sort((a, b) => a.end - b.end || (a.version ?? 0) - (b.version ?? 0));
  }

  /** The buckets holding ends in (lo, hi]: computed when few, else listed from chunk_partitions. */
  private async bucketsFor(id: SeriesId, resolution: number, lo: number, hi: number): Promise<number[]> {
    if (Number.isFinite(lo) && Number.isFinite(hi)) {
      const first = this.bucketOf(Math.floor(lo) + 1, resolution);
      const last = this.bucketOf(Math.floor(hi), resolution);
      if (last - first < MAX_DIRECT_BUCKETS) {
        const out: number[] = [];
        for (let b = first; b <= last; b++) out.push(b);
        return out;
      }
    }
    const rows = await this.session.readAll(this.q.listBuckets, [id, resolution]);
    const B = this.bucketSeconds(resolution);
    // bucket b holds ends in [b B, (b + 1) B)
    return rows.map((row) => row.bucket as number).filter((b) => (b + 1) * B - 1 > lo && b * B <= hi);
  }

  async write(chunks: readonly StoredChunk[]): Promise<void> {
    this.checkOpen();
    if (chunks.length === 0) return;
    for (const c of chunks) checkChunk(c);
    const now = this.options.nowSeconds();
    // later chunks of the same key replace earlier ones, as a rewrite does
    const latest = new Map<string, StoredChunk>();
    for (const c of chunks) latest.set(`${c.id}\u0000${c.resolution}\u0000${c.end}\u0000${c.writer ?? ''}`, c);

    // first what finds the chunks (their window lengths and partitions), then the chunks
    await this.spans.record([...latest.values()].map((c) => ({ resolution: c.resolution, span: c.end - c.start })));
    const byPartition = new Map<string, { id: SeriesId; resolution: number; bucket: number; rows: Statement[]; deadline: number }>();
    for (const c of latest.values()) {
      const bucket = this.bucketOf(c.end, c.resolution);
      const key = `${c.id}\u0000${c.resolution}\u0000${bucket}`;
      let p = byPartition.get(key);
      if (!p) byPartition.set(key, (p = { id: c.id, resolution: c.resolution, bucket, rows: [], deadline: -Infinity }));
      const ttl = ttlOf(c.end + c.ttl - now);
      p.rows.push({
        query: this.q.insertChunk,
        params: [c.id, c.resolution, bucket, BigInt(c.end), c.writer ?? '', BigInt(c.start), c.encoding, BigInt(Math.round(c.version ?? 0)), asBuffer(c.data), ttl],
      });
      // the partition's record lives as long as any chunk the bucket can hold at this ttl
      p.deadline = Math.max(p.deadline, (bucket + 1) * this.bucketSeconds(c.resolution) + c.ttl);
    }
    const parts = [...byPartition.values()];
    await boundedParallel(
      parts.filter((p) => (this.partitions.get(p.id)?.get(`${p.resolution}:${p.bucket}`) ?? -Infinity) < p.deadline),
      async (p) => {
        await this.session.write(this.q.insertPartition, [p.id, p.resolution, p.bucket, ttlOf(p.deadline - now)]);
        let known = this.partitions.get(p.id);
        if (!known) this.partitions.set(p.id, (known = new Map()));
        known.set(`${p.resolution}:${p.bucket}`, p.deadline);
      },
    );
    await boundedParallel(parts, (p) => this.session.writeBatch(p.rows));
  }

  async delete(id: SeriesId): Promise<void> {
    this.checkOpen();
    const rows = await this.session.readAll(this.q.listPartitions, [id]);
    await boundedParallel(rows, (row) => this.session.write(this.q.deletePartition, [id, row.resolution as number, row.bucket as number]));
    await this.session.write(this.q.deletePartitions, [id]);
    this.partitions.delete(id);
  }

  /** The session belongs to the backends, which close it after every user. */
  async close(): Promise<void> {
    this.closed = true;
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('chunk store is closed');
  }
}

function statements(ks: string) {
  return {
    readRange: `SELECT end_time, writer, start_time, codec, version, data FROM ${ks}.chunks WHERE id = ? AND resolution = ? AND bucket = ? AND end_time > ? AND end_time <= ?`,
    insertChunk: `INSERT INTO ${ks}.chunks (id, resolution, bucket, end_time, writer, start_time, codec, version, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?`,
    insertPartition: `INSERT INTO ${ks}.chunk_partitions (id, resolution, bucket) VALUES (?, ?, ?) USING TTL ?`,
    listBuckets: `SELECT bucket FROM ${ks}.chunk_partitions WHERE id = ? AND resolution = ?`,
    listPartitions: `SELECT resolution, bucket FROM ${ks}.chunk_partitions WHERE id = ?`,
    deletePartition: `DELETE FROM ${ks}.chunks WHERE id = ? AND resolution = ? AND bucket = ?`,
    deletePartitions: `DELETE FROM ${ks}.chunk_partitions WHERE id = ?`,
  };
}

function chunkOf(id: SeriesId, resolution: number, start: number, row: Row): Chunk {
  const data = row.data as Buffer;
  return {
    id,
    resolution,
    start,
    end: Number(row.end_time as bigint),
    encoding: row.codec as ChunkEncoding,
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    writer: row.writer as string,
    version: Number(row.version as bigint),
  };
}

/** The driver encodes blobs from Buffers only; a view, not a copy. */
function asBuffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** Seconds left, as Cassandra takes them: at least 1 (0 would mean forever), at most 20 years. */
function ttlOf(seconds: number): number {
  return Math.min(MAX_TTL, Math.max(1, Math.ceil(seconds)));
}

function bigintAbove(x: number): bigint {
  return Number.isFinite(x) ? BigInt(Math.floor(x)) : x > 0 ? INT64_MAX : INT64_MIN;
}

function bigintAtMost(x: number): bigint {
  return Number.isFinite(x) ? BigInt(Math.floor(x)) : x > 0 ? INT64_MAX : INT64_MIN;
}
