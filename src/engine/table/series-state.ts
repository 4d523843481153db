import type { MetricName, SeriesId, StorageSchema } from '../../series/types.js';
import type { HotChunk, RawHotChunk } from '../hot/hot-chunks.js';
import type { WalSeries } from '../wal/wal-batch.js';
import { windowSpans } from './windows.js';

/** A schema with what the engine derives from it once: the window span of each resolution. */
export interface SchemaPlan {
  readonly schema: StorageSchema;
  readonly spans: readonly number[];
}

export function planFor(schema: StorageSchema): SchemaPlan {
  return { schema, spans: windowSpans(schema.retentions) };
}

/** shared empty list (never mutated: lists are replaced, not pushed to) */
const NONE: readonly HotChunk[] = Object.freeze([]);

/** The hot state of one series at one resolution. */
export class LevelState {
  /** unflushed chunks, oldest first; more than one per window only after a failed flush */
  hot: HotChunk[] = NONE as HotChunk[];
  /** chunks detached by a flush that is writing them; reads still see them until it is done */
  flushing: readonly HotChunk[] = NONE;
  /**
   * What the store may hold: nothing (NOTHING_STORED), anything (a series known before this
   * process started), or the windows starting in [storedLo, storedHi]. Small integers only, so
   * no field needs a boxed number (there is one of these per series and resolution).
   */
  private stored: number;
  private storedLo = 0;
  private storedHi = 0;

  constructor(unknownStore: boolean) {
    this.stored = unknownStore ? ANYTHING_STORED : NOTHING_STORED;
  }

  /** Whether a stored chunk may overlap [from, until): when not, a read or flush skips the store. */
  mayHaveStored(from: number, until: number, span: number): boolean {
    if (this.stored === NOTHING_STORED) return false;
    return this.stored === ANYTHING_STORED || (this.storedLo < until && this.storedHi + span > from);
  }

  noteStored(start: number): void {
    if (this.stored === ANYTHING_STORED) return;
    if (this.stored === NOTHING_STORED) {
      this.stored = RANGE_STORED;
      this.storedLo = this.storedHi = start;
    } else if (start < this.storedLo) this.storedLo = start;
    else if (start > this.storedHi) this.storedHi = start;
  }
}

const NOTHING_STORED = 0;
const RANGE_STORED = 1;
const ANYTHING_STORED = 2;

/** `list`, or the shared empty list when it is empty (a series keeps its lists long after a flush). */
export function compact<T extends HotChunk>(list: T[]): T[] {
  return list.length === 0 ? (NONE as T[]) : list;
}

/** `list` without the chunks of `drop` (compacted). */
export function without<T extends HotChunk>(list: readonly T[], drop: ReadonlySet<HotChunk>): T[] {
  return compact(list.filter((c) => !drop.has(c)));
}

/**
 * Everything the engine holds of one series while it is resident: from its first write or read
 * until it has no hot data and the series table's idle cache lets it go.
 */
export class SeriesState implements WalSeries {
  readonly levels: Array<LevelState | undefined>;
  /** the finest resolution's most recently written chunk: the ingest fast path */
  cur: RawHotChunk | null = null;
  /** engine time (seconds) of the last accepted point */
  lastWrite = 0;
  /** lastWrite as the registry last recorded it (SeriesRegistry.touch) */
  persistedLastWrite = 0;
  registered: boolean;
  batchEpoch = 0;
  batchIndex = 0;
  walDefinition: Uint8Array | null = null;
  /**
   * Points accepted before the registry said whether it knows the series (its schema may be a
   * stored one): [timestamp, value, now, segment] repeated; null once resolved.
   */
  pending: number[] | null = null;
  /** settles when `pending` has been applied (null once resolved) */
  resolved: Promise<void> | null = null;
  /** raw names (tags in another order) the series table also files it under */
  aliases: string[] | null = null;
  /** in the series table's cache of idle series (nothing hot), from which it may be evicted */
  inIdleCache = false;

  /** the 64-bit series hash as two 32-bit halves, stored signed (small integers, never boxed) */
  private readonly hiBits: number;
  private readonly loBits: number;

  constructor(
    readonly id: SeriesId,
    hi: number,
    lo: number,
    readonly metric: MetricName,
    /** display name: the path, or `name;k=v;...` with tags sorted */
    readonly name: string,
    /** fixed once resolved; a pending series holds the rules' schema until the registry answers */
    public plan: SchemaPlan,
    /**
     * the store may hold chunks of it anywhere: known to the registry, replayed from the log,
     * or the store has other writers (so only the store can say what it holds)
     */
    public restored: boolean,
  ) {
    this.hiBits = hi | 0;
    this.loBits = lo | 0;
    this.registered = restored;
    this.levels = new Array(plan.schema.retentions.length).fill(undefined);
  }

  /** unsigned high half of the series hash */
  get hi(): number {
    return this.hiBits >>> 0;
  }

  get lo(): number {
    return this.loBits >>> 0;
  }

  get schema(): StorageSchema {
    return this.plan.schema;
  }

  level(i: number): LevelState {
    return (this.levels[i] ??= new LevelState(this.restored));
  }

  get hasHotData(): boolean {
    for (const l of this.levels) if (l !== undefined && l.hot.length > 0) return true;
    return false;
  }

  /** Nothing in memory that is not in the store: no hot or flushing chunk, no pending point. */
  get isIdle(): boolean {
    if (this.pending !== null) return false;
    for (const l of this.levels) if (l !== undefined && (l.hot.length > 0 || l.flushing.length > 0)) return false;
    return true;
  }

  /** The oldest log segment holding a point of it not yet in a chunk (pending), or Infinity. */
  get pendingSegment(): number {
    const p = this.pending;
    if (p === null) return Infinity;
    let min = Infinity;
    for (let i = 3; i < p.length; i += 4) if (p[i] < min) min = p[i];
    return min;
  }
}
