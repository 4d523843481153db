/**
 * graphite-web's _getPercentile (the NIST method): the value at rank ceil(n/100 * (N+1)) of
 * the sorted non-null points, or interpolated between neighbours. Python's negative indexing
 * is kept for out-of-range ranks; a rank past both ends is an error.
 */
import { InputError } from '../../function-types.js';
import { nonNull } from './safe.js';

export function percentile(points: ArrayLike<number>, n: number, interpolate = false): number {
  const sorted = nonNull(points).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const fractionalRank = (n / 100.0) * (sorted.length + 1);
  let rank = Math.trunc(fractionalRank);
  const rankFraction = fractionalRank - rank;
  if (!interpolate) rank += Math.trunc(Math.ceil(rankFraction));
  let value: number;
  if (rank === 0) value = sorted[0];
  else if (rank - 1 === sorted.length) value = sorted[sorted.length - 1];
  else value = pyIndex(sorted, rank - 1);
  if (interpolate && rank !== sorted.length) value = value + rankFraction * (pyIndex(sorted, rank) - value);
  return value;
}

function pyIndex(list: readonly number[], i: number): number {
  const j = i < 0 ? list.length + i : i;
  if (j < 0 || j >= list.length) throw new InputError(`percentile out of range: rank ${i + 1} of ${list.length} values`);
  return list[j];
}
