import { directRecord } from '../../series/buckets.js';
import type { StorageSchema } from '../../series/types.js';
import { WriteStatus } from '../point-writer.js';
import { RawHotChunk, RollupHotChunk } from '../hot/hot-chunks.js';
import type { SeriesState } from '../table/series-state.js';
import { windowStart } from '../table/windows.js';

/**
 * Whether a point of this age is beyond every resolution of the schema (whisper drops it). A
 * point exactly `retention` old counts as beyond it (see PointRouter.apply).
 */
export function isTooOld(schema: StorageSchema, ts: number, now: number): boolean {
  const retentions = schema.retentions;
  return !Number.isFinite(ts) || retentions[retentions.length - 1].retention <= now - ts;
}

/**
 * Puts an accepted point into its series' hot chunk: the resolution whisper's update_many
 * would write it to, the window of that resolution holding it.
 */
export class PointRouter {
  /** `activated`: called when a series that had nothing hot gets a chunk (it leaves the idle cache) */
  constructor(private readonly activated: (s: SeriesState) => void) {}

  /**
   * The finest resolution that still holds a point of this age takes it. A point exactly
   * `retention` old goes one resolution further: whisper would put it in the ring slot that the
   * current bucket takes over, so no read of that resolution ever returns it (a fetch starts
   * one step after `now - retention`) and its propagation sees the current bucket there instead.
   */
  apply(s: SeriesState, ts: number, value: number, now: number, segment: number): WriteStatus {
    if (!Number.isFinite(ts)) return WriteStatus.TooOld;
    const retentions = s.plan.schema.retentions;
    const age = now - ts;
    let level = 0;
    while (retentions[level].retention <= age) if (++level === retentions.length) return WriteStatus.TooOld;
    const step = retentions[level].step;
    const t = ts - (((ts % step) + step) % step);
    if (level === 0) {
      let c = s.cur;
      if (c === null || t < c.start || t >= c.end) c = s.cur = this.rawChunkFor(s, t, segment);
      c.write(t, value);
      c.touched = now;
    } else {
      const c = this.rollupChunkFor(s, level, t, segment);
      c.write(t, directRecord(value, s.plan.schema.aggregation));
      c.touched = now;
    }
    s.lastWrite = now;
    return WriteStatus.Accepted;
  }

  private rawChunkFor(s: SeriesState, t: number, segment: number): RawHotChunk {
    const lv = s.level(0);
    for (let i = lv.hot.length - 1; i >= 0; i--) {
      const c = lv.hot[i];
      if (t >= c.start && t < c.end) return c as RawHotChunk;
    }
    if (s.inIdleCache) this.activated(s);
    const span = s.plan.spans[0];
    const start = windowStart(t, span);
    const c = new RawHotChunk(start, start + span, s.plan.schema.retentions[0].step, segment);
    // a new array of exact size: push would reserve room for ~17 chunks in every series
    lv.hot = lv.hot.length === 0 ? [c] : [...lv.hot, c];
    return c;
  }

  private rollupChunkFor(s: SeriesState, level: number, t: number, segment: number): RollupHotChunk {
    const lv = s.level(level);
    for (let i = lv.hot.length - 1; i >= 0; i--) {
      const c = lv.hot[i];
      if (t >= c.start && t < c.end) return c as RollupHotChunk;
    }
    if (s.inIdleCache) this.activated(s);
    const span = s.plan.spans[level];
    const start = windowStart(t, span);
    const c = new RollupHotChunk(start, start + span, s.plan.schema.retentions[level].step, segment);
    lv.hot = lv.hot.length === 0 ? [c] : [...lv.hot, c];
    return c;
  }
}
