/**
 * graphite-web's `aggregate`, behind sumSeries, averageSeries and the other combiners: the
 * inputs are normalized to one step, then each row of values (one per series, None past a
 * series' end) becomes one value when enough of it is non-null.
 */
import type { EvalContext } from '../../function-types.js';
import { Series } from '../../series.js';
import { normalizeWork, longest, at, type Normalized } from './normalize.js';
import { runPaced, type PointWork } from './paced.js';
import { runWhole } from '../../../lib/work-slicer.js';
import { formatPathExpressions } from './path-expressions.js';
import { aggFuncAnswersInt, getAggFunc, type AggFunc } from './safe.js';
import { xff } from './xff.js';

/** Pauses between series (ctx.pause) when the work is large: see paced.ts. */
export function aggregate(ctx: Pick<EvalContext, 'xFilesFactor' | 'pause'>, seriesLists: readonly (readonly Series[])[], funcName: string, xFilesFactor?: number | null): Promise<Series[]> {
  return runPaced(ctx, aggregateWork(ctx, seriesLists, funcName, xFilesFactor));
}

/** aggregate run whole, never pausing: for work with no request to share the loop with (benchmarks, tests). */
export function aggregateWhole(ctx: Pick<EvalContext, 'xFilesFactor'>, seriesLists: readonly (readonly Series[])[], funcName: string, xFilesFactor?: number | null): Series[] {
  return runWhole(aggregateWork(ctx, seriesLists, funcName, xFilesFactor));
}

function* aggregateWork(ctx: Pick<EvalContext, 'xFilesFactor'>, seriesLists: readonly (readonly Series[])[], funcName: string, xFilesFactor?: number | null): PointWork<Series[]> {
  const func = funcName.endsWith('Series') ? funcName.slice(0, -6) : funcName;
  const agg = getAggFunc(func, funcName);
  const n = yield* normalizeWork(seriesLists);
  if (n === null) return [];
  const factor = xFilesFactor ?? ctx.xFilesFactor;
  const name = `${func}Series(${formatPathExpressions(n.series)})`;
  const values = yield* aggregateRowsWork(n.values, func, agg, factor);

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

/** Adds a column's values into the running sums of their rows; a row's sum starts from 0, as Python's sum(). */
function addColumn(col: Float64Array, out: Float64Array, counts: Uint32Array): void {
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (v !== v) continue;
    if (counts[i]++ === 0) out[i] = 0 + v;
    else out[i] += v;
  }
}

/**
 * addColumn when only the sums matter (a sum whose xFilesFactor keeps any row with a value): a
 * row with no value yet is NaN, and its first value starts its sum from 0, as Python's sum()
 * does (0 + -0.0 is 0.0).
 */
function addColumnSums(col: Float64Array, out: Float64Array): void {
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (v !== v) continue;
    const sum = out[i];
    out[i] = sum === sum ? sum + v : 0 + v;
  }
}

/** addColumnSums of columns a then b in one pass: each row's additions in the same order, half the loads and stores of the sums. */
function addColumnPairSums(a: Float64Array, b: Float64Array, out: Float64Array): void {
  const both = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < both; i++) {
    let sum = out[i];
    const va = a[i];
    if (va === va) sum = sum === sum ? sum + va : 0 + va;
    const vb = b[i];
    if (vb === vb) sum = sum === sum ? sum + vb : 0 + vb;
    out[i] = sum;
  }
  // past the shorter column, its rows hold only the other's values
  if (a.length > both) addColumnSums(a.subarray(both), out.subarray(both));
  if (b.length > both) addColumnSums(b.subarray(both), out.subarray(both));
}

/** Rows read one by one between two steps of the work (a row is a value of every series). */
const ROWS_PER_STEP = 4096;

/**
 * One value per row. Rows are read column by column for the common functions (the same
 * additions in the same order as Python's row-wise sum, without building each row); a step
 * of the work per column, or per ROWS_PER_STEP rows.
 */
export function aggregateRows(columns: readonly Float64Array[], func: string, agg: AggFunc, xFilesFactor: number): Float64Array {
  return runWhole(aggregateRowsWork(columns, func, agg, xFilesFactor));
}

function* aggregateRowsWork(columns: readonly Float64Array[], func: string, agg: AggFunc, xFilesFactor: number): PointWork<Float64Array> {
  const len = longest(columns);
  const total = columns.length;
  const out = new Float64Array(len);
  if ((func === 'sum' || func === 'total') && xFilesFactor <= 0) {
    out.fill(NaN);
    for (let c = 0; c < total; c += 2) {
      if (c + 1 === total) addColumnSums(columns[c], out);
      else addColumnPairSums(columns[c], columns[c + 1], out);
      yield columns[c].length + (c + 1 < total ? columns[c + 1].length : 0);
    }
    return out;
  }
  if (func === 'sum' || func === 'total' || func === 'average' || func === 'avg' || func === 'min' || func === 'max' || func === 'count') {
    const counts = new Uint32Array(len);
    out.fill(NaN);
    const mode = func === 'total' ? 'sum' : func === 'avg' ? 'average' : func;
    for (const col of columns) {
      if (mode === 'sum' || mode === 'average') addColumn(col, out, counts);
      else {
        for (let i = 0; i < col.length; i++) {
          const v = col[i];
          if (v !== v) continue;
          const c = counts[i]++;
          if (c === 0) out[i] = v;
          else if (mode === 'min') out[i] = v < out[i] ? v : out[i];
          else if (mode === 'max') out[i] = v > out[i] ? v : out[i];
        }
      }
      yield col.length;
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
    if (i % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield ROWS_PER_STEP * total;
  }
  return out;
}
