import type { SeriesState } from '../table/series-state.js';

/** bytes a point held for a series still waiting for the registry costs (a number array slot x 4) */
export const PENDING_POINT_BYTES = 32;

/**
 * What the hot data costs, measured exactly after each flush round (a walk of every resident
 * series) and estimated in between from what was written since, so a commit can tell cheaply
 * whether a budget is exceeded and a flush should start early.
 */
export class HotBudget {
  private lastHotBytes = 0;
  private lastActiveSeries = 0;
  private pointsSince = 0;
  private seriesSince = 0;

  constructor(
    private readonly maxHotBytes: number,
    private readonly maxSeries: number,
    private readonly maxLogBytes: number,
  ) {}

  get activeSeries(): number {
    return this.lastActiveSeries;
  }

  pointWritten(): void {
    this.pointsSince++;
  }

  seriesCreated(): void {
    this.seriesSince++;
  }

  /** Measures exactly; `pendingPoints`: points held for series waiting for the registry. */
  measure(resident: Iterable<SeriesState>, pendingPoints: number): void {
    let bytes = pendingPoints * PENDING_POINT_BYTES;
    let active = 0;
    for (const s of resident) {
      let hot = false;
      for (const lv of s.levels) {
        if (lv === undefined) continue;
        for (const c of lv.hot) {
          bytes += c.byteLength;
          hot = true;
        }
        for (const c of lv.flushing) bytes += c.byteLength;
      }
      if (hot) active++;
    }
    this.lastHotBytes = bytes;
    this.lastActiveSeries = active;
    this.pointsSince = 0;
    this.seriesSince = 0;
  }

  /** Hot bytes: the last measure plus ~2 bytes per point written since. */
  estimatedHotBytes(): number {
    return this.lastHotBytes + this.pointsSince * 2;
  }

  /** Cheap estimate between flushes: the last measure plus ~2 bytes per point since. */
  overBudget(logBytes: number): boolean {
    return this.estimatedHotBytes() > this.maxHotBytes || this.lastActiveSeries + this.seriesSince > this.maxSeries || logBytes > this.maxLogBytes;
  }
}

/** Bytes of every hot and flushing chunk of these series. */
export function hotBytesOf(resident: Iterable<SeriesState>): number {
  let total = 0;
  for (const s of resident) {
    for (const lv of s.levels) {
      if (lv === undefined) continue;
      for (const c of lv.hot) total += c.byteLength;
      for (const c of lv.flushing) total += c.byteLength;
    }
  }
  return total;
}
