import { directRecord, RawBuckets, RollupBuckets } from '../../series/buckets.js';
import { ChunkEncoding, type AggregationMethod, type Chunk } from '../../series/types.js';
import { decodeRollupInto, encodeRawBuckets, encodeRollupBuckets, decodeRawInto } from '../hot/chunk-codec.js';
import { windowStart } from '../table/windows.js';

/** Imported points of one series at one resolution, oldest first, aligned to its step. */
export interface LevelPoints {
  readonly times: ArrayLike<number>;
  readonly values: ArrayLike<number>;
}

/** The imported points of one window of one resolution: indexes [from, to) into the level's points. */
export interface ImportWindow {
  readonly level: number;
  readonly start: number;
  readonly end: number;
  readonly from: number;
  readonly to: number;
}

/**
 * The windows the points of a resolution fall in (points must be oldest first), skipping the
 * points at or beyond `oldest` (too old for the resolution: returned as `tooOld`).
 */
export function windowsOf(level: number, points: LevelPoints, span: number, oldest: number): { windows: ImportWindow[]; tooOld: number } {
  const { times } = points;
  const windows: ImportWindow[] = [];
  let i = 0;
  while (i < times.length && times[i] <= oldest) i++;
  const tooOld = i;
  while (i < times.length) {
    const start = windowStart(times[i], span);
    const end = start + span;
    let j = i + 1;
    while (j < times.length && times[j] < end) j++;
    windows.push({ level, start, end, from: i, to: j });
    i = j;
  }
  return { windows, tooOld };
}

/**
 * The payload of a window written with imported points: what this writer's stored chunks of it
 * hold (oldest version first), then the imported points over it (the last write of a bucket
 * wins). At a rollup resolution an imported value becomes the bucket's record as a value
 * written there directly does, so it reads back as whisper's archive holds it. Null when the
 * window ends up empty.
 */
export function importedWindowPayload(
  w: ImportWindow,
  step: number,
  method: AggregationMethod,
  points: LevelPoints,
  stored: readonly Chunk[],
): Uint8Array | null {
  const length = (w.end - w.start) / step;
  if (w.level === 0) {
    const buckets = new RawBuckets(w.start, step, length);
    for (const c of stored) if (c.encoding === ChunkEncoding.Raw) decodeRawInto(c.data, buckets);
    for (let k = w.from; k < w.to; k++) buckets.values[(points.times[k] - w.start) / step] = points.values[k];
    return encodeRawBuckets(buckets, w.start);
  }
  const buckets = new RollupBuckets(w.start, step, length);
  for (const c of stored) if (c.encoding === ChunkEncoding.Rollup) decodeRollupInto(c.data, buckets);
  for (let k = w.from; k < w.to; k++) {
    const r = directRecord(points.values[k], method);
    buckets.set((points.times[k] - w.start) / step, r.sum, r.min, r.max, r.last, r.count);
  }
  return encodeRollupBuckets(buckets, w.start);
}
