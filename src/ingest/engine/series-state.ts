import type { MetricName, SeriesId, StorageSchema } from '../../series/types.js';
import type { HotChunk, RawHotChunk } from './hot-chunks.js';
import type { WalSeries } from './wal-batch.js';
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
  /** window starts that may have a stored chunk (inclusive range) */
  storedLo: number;
  storedHi: number;

  constructor(unknownStore: boolean) {
    this.storedLo = unknownStore ? -Infinity : Infinity;
    this.storedHi = unknownStore ? Infinity : -Infinity;
  }

  /** Whether a stored chunk may overlap [from, until): when not, a read or flush skips the store. */
  mayHaveStored(from: number, until: number, span: number): boolean {
    return this.storedLo < until && this.storedHi + span > from;
  }

  noteStored(start: number): void {
    if (start < this.storedLo) this.storedLo = start;
    if (start > this.storedHi) this.storedHi = start;
  }
}

/** Everything the engine holds of one series. */
export class SeriesState implements WalSeries {
  readonly levels: Array<LevelState | undefined>;
  /** the finest resolution's most recently written chunk: the ingest fast path */
  cur: RawHotChunk | null = null;
  /** engine time (seconds) of the last accepted point */
  lastWrite = 0;
  registered: boolean;
  batchEpoch = 0;
  batchIndex = 0;
  walDefinition: Uint8Array | null = null;

  constructor(
    readonly id: SeriesId,
    readonly hi: number,
    readonly lo: number,
    readonly metric: MetricName,
    /** display name: the path, or `name;k=v;...` with tags sorted */
    readonly name: string,
    readonly plan: SchemaPlan,
    /** known to the registry at start-up, so the store may hold chunks of it anywhere */
    public restored: boolean,
  ) {
    this.registered = restored;
    this.levels = new Array(plan.schema.retentions.length).fill(undefined);
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
}
