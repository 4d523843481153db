import type { HotChunk } from '../hot/hot-chunks.js';
import type { SeriesState } from '../table/series-state.js';
import type { FlushSelection } from './flusher.js';
import type { PersistPolicy } from './persist-policy.js';

/** Budgets are brought back under this share of their limit when exceeded. */
export const LOW_WATER = 0.8;

export interface SelectionBounds {
  /** bytes of hot chunks beyond which the oldest windows are flushed early */
  readonly maxHotBytes: number;
  /** series with hot chunks beyond which the least recently written are flushed whole */
  readonly maxSeries: number;
  /** chunks whose first log segment is before this are flushed (-Infinity: none) */
  readonly pinnedBefore: number;
}

/**
 * The hot chunks one flush round persists: closed windows (past their grace: 6 steps and at
 * least a minute, for late points), windows in the future, every chunk when `all` (shutdown),
 * chunks pinning old log segments, and, over a budget, the oldest windows and the least
 * recently written series until back under the low-water mark. A `policy` (several writers
 * holding the same series) may keep a closed window in memory, or put it in `dropped`: its
 * points are in the store already, written by another.
 */
export function selectForFlush(resident: Iterable<SeriesState>, now: number, all: boolean, bounds: SelectionBounds, policy?: PersistPolicy, dropped?: FlushSelection): FlushSelection {
  const selection: FlushSelection = new Map();
  const add = (into: FlushSelection, s: SeriesState, level: number, c: HotChunk) => {
    let perLevel = into.get(s);
    if (!perLevel) into.set(s, (perLevel = s.levels.map(() => [])));
    perLevel[level].push(c);
  };
  const choose = (s: SeriesState, level: number, c: HotChunk) => add(selection, s, level, c);
  let remainingBytes = 0;
  const rest: Array<{ s: SeriesState; level: number; c: HotChunk }> = [];
  const hotSeries: SeriesState[] = [];
  for (const s of resident) {
    let hot = false;
    s.levels.forEach((lv, level) => {
      if (lv === undefined) return;
      const step = s.plan.schema.retentions[level].step;
      const grace = Math.max(60, 6 * step);
      for (const c of lv.hot) {
        hot = true;
        const current = c.start <= now && now < c.end + grace;
        // the policy may hold a closed window or let it go (another writer has it); pinned log
        // segments still force it out
        const decision = policy !== undefined && (all || !current) ? policy.decide(s, c, step, grace, all) : 'write';
        if (decision === 'drop' && dropped !== undefined) add(dropped, s, level, c);
        else if ((all || !current) && decision === 'write') choose(s, level, c);
        else if (c.firstSegment < bounds.pinnedBefore) choose(s, level, c);
        else {
          remainingBytes += c.byteLength;
          rest.push({ s, level, c });
        }
      }
    });
    if (hot) hotSeries.push(s);
  }
  if (remainingBytes > bounds.maxHotBytes) {
    // oldest windows first until back under the low-water mark
    rest.sort((a, b) => a.c.start - b.c.start);
    for (const r of rest) {
      if (remainingBytes <= bounds.maxHotBytes * LOW_WATER) break;
      choose(r.s, r.level, r.c);
      remainingBytes -= r.c.byteLength;
    }
  }
  if (hotSeries.length > bounds.maxSeries) {
    // the least recently written series leave memory whole
    hotSeries.sort((a, b) => a.lastWrite - b.lastWrite);
    for (const s of hotSeries.slice(0, hotSeries.length - Math.floor(bounds.maxSeries * LOW_WATER))) {
      s.levels.forEach((lv, level) => {
        if (lv === undefined) return;
        for (const c of lv.hot) if (!selection.get(s)?.[level].includes(c)) choose(s, level, c);
      });
    }
  }
  return selection;
}

/** The segment before which the log would fit its budget again: chunks pinning older ones are flushed. */
export function logCutoff(resident: Iterable<SeriesState>, currentSegment: number): number {
  const segs: number[] = [];
  for (const s of resident) for (const lv of s.levels) if (lv) for (const c of lv.hot) segs.push(c.firstSegment);
  if (segs.length === 0) return -Infinity;
  segs.sort((a, b) => a - b);
  // flush the chunks of the oldest half of the pinned segments
  const lo = segs[0];
  return lo + Math.max(1, Math.floor((currentSegment - lo) / 2));
}

/** The oldest log segment a hot or flushing chunk still needs, or Infinity. */
export function minPinnedSegment(resident: Iterable<SeriesState>): number {
  let min = Infinity;
  for (const s of resident) {
    for (const lv of s.levels) {
      if (lv === undefined) continue;
      for (const c of lv.hot) if (c.firstSegment < min) min = c.firstSegment;
      for (const c of lv.flushing) if (c.firstSegment < min) min = c.firstSegment;
    }
  }
  return min;
}
