import type { CassandraSession } from './session.js';

/** How long the longest window known per resolution is trusted before it is read again. */
const FRESH_MS = 10_000;
/** ... and for a resolution no chunk is known of (reads of it stay cheap while none exists). */
const UNKNOWN_FRESH_MS = 1000;

/**
 * The longest chunk window written at each resolution (table chunk_spans), which bounds the
 * window ends a read must look at. A writer records a length before its first chunk of that
 * length, so any reader that reads the table after the chunk was written knows it; readers
 * read it again every 10 s (every second while a resolution has no chunk known), so another
 * process' first chunk of a longer window is found within that time.
 */
export class ChunkSpans {
  private known = new Map<number, number>();
  private readAt = -Infinity;
  private loading: Promise<void> | null = null;
  private readonly selectAll: string;
  private readonly insert: string;

  constructor(private readonly session: CassandraSession) {
    this.selectAll = `SELECT resolution, span FROM ${session.keyspace}.chunk_spans PER PARTITION LIMIT 1`;
    this.insert = `INSERT INTO ${session.keyspace}.chunk_spans (resolution, span) VALUES (?, ?)`;
  }

  /** The longest window at `resolution`, or undefined when no chunk of it was ever written. */
  async longest(resolution: number): Promise<number | undefined> {
    const age = performance.now() - this.readAt;
    if (age > FRESH_MS || (!this.known.has(resolution) && age > UNKNOWN_FRESH_MS)) await this.refresh();
    return this.known.get(resolution);
  }

  /** Records the window lengths of chunks about to be written (those longer than any known). */
  async record(spans: ReadonlyArray<{ resolution: number; span: number }>): Promise<void> {
    const longer = new Map<number, number>();
    for (const { resolution, span } of spans) {
      if (span > (this.known.get(resolution) ?? 0) && span > (longer.get(resolution) ?? 0)) longer.set(resolution, span);
    }
    if (longer.size === 0) return;
    await Promise.all([...longer].map(([resolution, span]) => this.session.write(this.insert, [resolution, span])));
    for (const [resolution, span] of longer) if (span > (this.known.get(resolution) ?? 0)) this.known.set(resolution, span);
  }

  private refresh(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const rows = await this.session.readAll(this.selectAll, []);
        const known = new Map<number, number>();
        for (const row of rows) known.set(row.resolution as number, row.span as number);
        // a length this process wrote is known even before a read shows it
        for (const [resolution, span] of this.known) if (span > (known.get(resolution) ?? 0)) known.set(resolution, span);
        this.known = known;
        this.readAt = performance.now();
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }
}
