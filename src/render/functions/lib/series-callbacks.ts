/**
 * The series functions graphite-web flags as aggregators: groupByNode(s) accept their names as
 * a callback (`groupByNode(x, 1, "sumSeries")`), and list them among the callback's options.
 * Each takes one series list, as graphite-web calls them.
 */
import type { EvalContext } from '../../function-types.js';
import type { Series } from '../../series.js';
import { aggregate } from './aggregate.js';
import { asPercentOf } from '../asPercent.js';
import { countSeriesOf } from '../countSeries.js';
import { multiplySeriesOf } from '../multiplySeries.js';

export type SeriesCallback = (ctx: EvalContext, seriesList: Series[]) => Series[];

const aggregating = (func: string): SeriesCallback => (ctx, list) => aggregate(ctx, [list], func);

export const SERIES_CALLBACKS: ReadonlyMap<string, SeriesCallback> = new Map<string, SeriesCallback>([
  ['asPercent', (ctx, list) => asPercentOf(ctx, list, null, [])],
  ['averageSeries', aggregating('average')],
  ['avg', aggregating('average')],
  ['countSeries', (ctx, list) => countSeriesOf(ctx, [list])],
  ['diffSeries', aggregating('diff')],
  ['maxSeries', aggregating('max')],
  ['minSeries', aggregating('min')],
  ['multiplySeries', (ctx, list) => multiplySeriesOf(ctx, [list])],
  ['pct', (ctx, list) => asPercentOf(ctx, list, null, [])],
  ['sum', aggregating('sum')],
  ['sumSeries', aggregating('sum')],
]);
