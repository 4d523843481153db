import { canonicalTags, fnv1a64Halves, seriesIdOfHalves } from '../../series/id.js';
import type { MetricName, SeriesId } from '../../series/types.js';

/** A series' id and the 64-bit hash it is made of (the write-ahead log names series by the hash). */
export interface SeriesIdentity {
  readonly id: SeriesId;
  readonly hi: number;
  readonly lo: number;
}

export function identityOf(metric: MetricName): SeriesIdentity {
  const h = fnv1a64Halves(`${metric.name}:${canonicalTags(metric.tags)}`);
  return { id: seriesIdOfHalves(h), hi: h.hi, lo: h.lo };
}

export function idOfHalves(hi: number, lo: number): SeriesId {
  return seriesIdOfHalves({ hi, lo });
}
