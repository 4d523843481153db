/**
 * graphite-web's `aggregate`, behind sumSeries, averageSeries and the other combiners: the
 * inputs are normalized to one step, then each row of values (one per series, None past a
 * series' end) becomes one value when enough of it is non-null.
 */
import type { RequestContext } from '../../function-types.js';
import { Series } from '../../series.js';
import { normalize, longest, at, type Normalized } from './normalize.js';
import { formatPathExpressions } from './path-expressions.js';
import { aggFuncAnswersInt, getAggFunc, type AggFunc } from './safe.js';
import { xff } from './xff.js';

export function aggregate(ctx: Pick<RequestContext, 'xFilesFactor'>, seriesLists: readonly (readonly Series[])[], funcName: string, xFilesFactor?: number | null): Series[] {
  const func = funcName.endsWith('Series') ? funcName.slice(0, -6) : funcName;
  const agg = getAggFunc(func, funcName);
  const n = normalize(seriesLists);
  if (n === null) return [];
  const factor = xFilesFactor ?? ctx.xFilesFactor;
  const name = `${func}Series(${formatPathExpressions(n.series)})`;
  const values = aggregateRows(n.values, func, agg, factor);

  let tags: Record<string, string> = { ...n.series[0].tags };
  for (const s of n.series) {
    const kept: Record<string, string> = {};
    for (const k of Object.keys(tags)) if (Object.hasOwn(s.tags, k) && s.tags[k] === tags[k]) kept[k] = tags[k];
    tags = kept;
  }
  if (!Object.hasOwn(tags, 'name')) tags.name = name;
  tags.aggregatedBy = func;
  return [new Series(name, n.start, n.end, n.step, values, { tags, xFilesFactor: factor, integral: answersInt(func, n) })];
}

/** consolidations that keep Python ints ints (an average divides) */
const INT_CONSOLIDATIONS = new Set(['sum', 'min', 'max', 'first', 'last']);

/**
 * Whether graphite-web's values are Python ints, which names show without `.0`
 * (legendValue): counts always; sums and picks of ints (countSeries' series) kept ints by
 * their consolidation to the common step.
 */
function answersInt(func: string, n: Normalized): boolean {
  if (func === 'count') return true;
  const intInputs = n.series.every((s) => s.integral && (s.step === n.step || INT_CONSOLIDATIONS.has(s.consolidationFunc)));
  return intInputs && aggFuncAnswersInt(func, true);
}

/**
 * One value per row. Rows are read column by column for the common functions (the same
 * additions in the same order as Python's row-wise sum, without building each row).
 */
export function aggregateRows(columns: readonly Float64Array[], func: string, agg: AggFunc, xFilesFactor: number): Float64Array {
  const len = longest(columns);
  const total = columns.length;
  const out = new Float64Array(len);
  if (func === 'sum' || func === 'total' || func === 'average' || func === 'avg' || func === 'min' || func === 'max' || func === 'count') {
    const counts = new Uint32Array(len);
    out.fill(NaN);
    const mode = func === 'total' ? 'sum' : func === 'avg' ? 'average' : func;
    for (const col of columns) {
      for (let i = 0; i < col.length; i++) {
        const v = col[i];
        if (v !== v) continue;
        const c = counts[i]++;
        if (c === 0) out[i] = v;
        else if (mode === 'sum' || mode === 'average') out[i] += v;
        else if (mode === 'min') out[i] = v < out[i] ? v : out[i];
        else if (mode === 'max') out[i] = v > out[i] ? v : out[i];
      }
    }
    for (let i = 0; i < len; i++) {
      const c = counts[i];
      if (!xff(c, total, xFilesFactor)) out[i] = NaN;
      else if (mode === 'average') out[i] /= c;
      else if (mode === 'count') out[i] = c;
    }
    return out;
  }
  const row = new Float64Array(total);
  for (let i = 0; i < len; i++) {
    let c = 0;
    for (let j = 0; j < total; j++) {
      const v = at(columns[j], i);
      row[j] = v;
      if (v === v) c++;
    }
    out[i] = xff(c, total, xFilesFactor) ? agg(row) : NaN;
  }
  return out;
}
