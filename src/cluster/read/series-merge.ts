import type { FetchedSeries } from '../../readers/series-reader.js';

function gaps(values: Float64Array): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) n++;
  return n;
}

/**
 * One series from the answers of several nodes, as graphite-web merges its cluster servers'
 * (REMOTE_STORE_MERGE_RESULTS): the first answer (the primary owner's) with its gaps filled from
 * the others of the same shape, in order; of answers of another shape (another resolution or
 * range), the one with fewer gaps wins, the first on a tie.
 */
export function mergeSeries(answers: readonly FetchedSeries[]): FetchedSeries {
  let best = answers[0];
  let bestGaps = gaps(best.values);
  let copied = false;
  for (let k = 1; k < answers.length && bestGaps > 0; k++) {
    const other = answers[k];
    if (other.start === best.start && other.step === best.step && other.values.length === best.values.length) {
      const mine = copied ? best.values : best.values.slice();
      const theirs = other.values;
      for (let i = 0; i < mine.length; i++) {
        if (mine[i] !== mine[i] && theirs[i] === theirs[i]) {
          mine[i] = theirs[i];
          bestGaps--;
        }
      }
      if (!copied) best = { ...best, values: mine };
      copied = true;
    } else {
      const otherGaps = gaps(other.values);
      if (otherGaps < bestGaps) {
        best = other;
        bestGaps = otherGaps;
        copied = false;
      }
    }
  }
  return best;
}
