/** The data crash-child.ts writes, so the test knows what every acknowledged batch held. */
export const NOW = 1795316580;
export const SERIES = 20;
export const MAX_BATCHES = 2000;
/** small segments and frequent flushes: the kill lands amid rotations, flushes and truncations */
export const CRASH_CONFIG = {
  retentions: [{ pattern: '.*', retentions: '10s:1d,60s:30d' }],
  flush: { intervalMs: 20 },
  wal: { segmentBytes: 64 * 1024, fsyncIntervalMs: 1000 },
  selfMetrics: { enabled: false },
  memory: { maxHotBytes: 200_000 },
};

export function batchPoint(k: number, i: number): { name: string; value: number; timestamp: number } {
  // batch k writes the 10 s bucket NOW - 20000 + 10k of every series (older windows close as k grows)
  return { name: `crash.s${i}`, value: k * 100 + i + 0.25, timestamp: NOW - 20000 + k * 10 };
}
