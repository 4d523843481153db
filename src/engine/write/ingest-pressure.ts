import type { Counter, Stats } from '../../lib/stats.js';

/** Ingest resumes once both figures are back under this share of their limits. */
const RESUME_SHARE = 0.9;

/**
 * When the points the engine holds outgrow what it may keep (hot chunks, held points and the
 * write-ahead log, while the store is slow or down and nothing can be flushed), ingest pauses:
 * backlog() hands the listeners a promise to wait on before they read more, so senders are
 * slowed by TCP back-pressure instead of points being dropped or memory growing without end.
 * It resumes once a flush has brought both under 90% of their limits.
 */
export class IngestPressure {
  private relief: { promise: Promise<void>; resolve: () => void } | null = null;
  private readonly pauses: Counter;

  constructor(
    /** hot bytes (chunks and held points) at which ingest pauses */
    private readonly maxHotBytes: number,
    /** write-ahead log bytes at which ingest pauses */
    private readonly maxLogBytes: number,
    stats: Stats,
  ) {
    this.pauses = stats.counter('engine.ingest_pauses');
    stats.gauge('engine.ingest_paused', () => (this.relief ? 1 : 0));
  }

  /** After a commit: pauses ingest when either figure reached its limit; true when paused. */
  check(hotBytes: number, logBytes: number): boolean {
    if (this.relief === null && (hotBytes >= this.maxHotBytes || logBytes >= this.maxLogBytes)) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.relief = { promise, resolve };
      this.pauses.inc();
    }
    return this.relief !== null;
  }

  /** After a flush (figures measured): resumes ingest when both are well under their limits. */
  recheck(hotBytes: number, logBytes: number): void {
    if (this.relief !== null && hotBytes < this.maxHotBytes * RESUME_SHARE && logBytes < this.maxLogBytes * RESUME_SHARE) this.resume();
  }

  /** Null while ingest runs at full speed; else what listeners wait on before reading more. */
  backlog(): Promise<void> | null {
    return this.relief?.promise ?? null;
  }

  /** Lets every waiting listener go (a resume, or the engine stopping). */
  resume(): void {
    const r = this.relief;
    this.relief = null;
    r?.resolve();
  }
}
