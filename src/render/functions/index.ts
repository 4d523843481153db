/**
 * Every render function carbyne has, in graphite-web's own order (its SeriesFunctions table),
 * which is also the order of GET /functions.
 */
import type { RenderFunction } from '../function-types.js';
import { asPercent, pct } from './asPercent.js';
import { averageSeries, avg } from './averageSeries.js';
import { countSeries } from './countSeries.js';
import { diffSeries } from './diffSeries.js';
import { divideSeries } from './divideSeries.js';
import { group } from './group.js';
import { groupByNode } from './groupByNode.js';
import { groupByNodes } from './groupByNodes.js';
import { maxSeries } from './maxSeries.js';
import { minSeries } from './minSeries.js';
import { multiplySeries } from './multiplySeries.js';
import { sum, sumSeries } from './sumSeries.js';
import { absolute } from './absolute.js';
import { derivative } from './derivative.js';
import { integral } from './integral.js';
import { keepLastValue } from './keepLastValue.js';
import { nonNegativeDerivative } from './nonNegativeDerivative.js';
import { offset } from './offset.js';
import { perSecond } from './perSecond.js';
import { scale } from './scale.js';
import { smartSummarize } from './smartSummarize.js';
import { summarize } from './summarize.js';
import { timeShift } from './timeShift.js';
import { transformNull } from './transformNull.js';
import { movingAverage } from './movingAverage.js';
import { movingSum } from './movingSum.js';
import { nPercentile } from './nPercentile.js';
import { exclude } from './exclude.js';
import { grep } from './grep.js';
import { highestAverage } from './highestAverage.js';
import { highestCurrent } from './highestCurrent.js';
import { highestMax } from './highestMax.js';
import { limit } from './limit.js';
import { lowestAverage } from './lowestAverage.js';
import { removeAboveValue } from './removeAboveValue.js';
import { removeBelowValue } from './removeBelowValue.js';
import { sortByMaxima } from './sortByMaxima.js';
import { sortByName } from './sortByName.js';
import { alias } from './alias.js';
import { aliasByMetric } from './aliasByMetric.js';
import { aliasByNode } from './aliasByNode.js';
import { aliasSub } from './aliasSub.js';
import { legendValue } from './legendValue.js';
import { consolidateBy } from './consolidateBy.js';
import { constantLine } from './constantLine.js';
import { setXFilesFactor, xFilesFactor } from './xFilesFactor.js';
import { averageAbove } from './averageAbove.js';
import { averageBelow } from './averageBelow.js';
import { averageOutsidePercentile } from './averageOutsidePercentile.js';
import { currentAbove } from './currentAbove.js';
import { currentBelow } from './currentBelow.js';
import { filterSeries } from './filterSeries.js';
import { highest } from './highest.js';
import { lowest } from './lowest.js';
import { lowestCurrent } from './lowestCurrent.js';
import { maximumAbove } from './maximumAbove.js';
import { maximumBelow } from './maximumBelow.js';
import { minimumAbove } from './minimumAbove.js';
import { minimumBelow } from './minimumBelow.js';
import { mostDeviant } from './mostDeviant.js';
import { removeBetweenPercentile } from './removeBetweenPercentile.js';
import { removeEmptySeries } from './removeEmptySeries.js';
import { unique } from './unique.js';
import { useSeriesAbove } from './useSeriesAbove.js';
import { cactiStyle } from './cactiStyle.js';
import { changed } from './changed.js';
import { cumulative } from './cumulative.js';
import { fallbackSeries } from './fallbackSeries.js';
import { substr } from './substr.js';
import { randomWalk, randomWalkFunction } from './randomWalk.js';

export const RENDER_FUNCTIONS: readonly RenderFunction[] = [
  // Combine
  asPercent,
  averageSeries,
  avg,
  countSeries,
  diffSeries,
  divideSeries,
  group,
  groupByNode,
  groupByNodes,
  maxSeries,
  minSeries,
  multiplySeries,
  pct,
  sum,
  sumSeries,
  // Transform
  absolute,
  derivative,
  integral,
  keepLastValue,
  nonNegativeDerivative,
  offset,
  perSecond,
  scale,
  smartSummarize,
  summarize,
  timeShift,
  transformNull,
  // Calculate
  movingAverage,
  movingSum,
  nPercentile,
  // Filter Series
  averageAbove,
  averageBelow,
  averageOutsidePercentile,
  currentAbove,
  currentBelow,
  exclude,
  filterSeries,
  grep,
  highest,
  highestAverage,
  highestCurrent,
  highestMax,
  limit,
  lowest,
  lowestAverage,
  lowestCurrent,
  maximumAbove,
  maximumBelow,
  minimumAbove,
  minimumBelow,
  mostDeviant,
  removeBetweenPercentile,
  removeEmptySeries,
  unique,
  useSeriesAbove,
  // Filter Data
  removeAboveValue,
  removeBelowValue,
  // Sorting
  sortByMaxima,
  sortByName,
  // Alias
  alias,
  aliasByMetric,
  aliasByNode,
  aliasSub,
  legendValue,
  // Special
  cactiStyle,
  changed,
  consolidateBy,
  constantLine,
  cumulative,
  fallbackSeries,
  randomWalk,
  randomWalkFunction,
  setXFilesFactor,
  substr,
  xFilesFactor,
];

const byName = new Map(RENDER_FUNCTIONS.map((f) => [f.name, f]));

/** the function a target calls by this name, if carbyne has it */
export function getRenderFunction(name: string): RenderFunction | undefined {
  return byName.get(name);
}
