/**
 * Every render function carbyne has, in graphite-web's own order (its SeriesFunctions table),
 * which is also the order of GET /functions.
 */
import type { AnyRenderFunction } from '../function-types.js';
import { aggregate } from './aggregate.js';
import { aggregateSeriesLists } from './aggregateSeriesLists.js';
import { aggregateWithWildcards } from './aggregateWithWildcards.js';
import { applyByNode } from './applyByNode.js';
import { asPercent, pct } from './asPercent.js';
import { averageSeries, avg } from './averageSeries.js';
import { averageSeriesWithWildcards } from './averageSeriesWithWildcards.js';
import { countSeries } from './countSeries.js';
import { diffSeries } from './diffSeries.js';
import { diffSeriesLists } from './diffSeriesLists.js';
import { divideSeries } from './divideSeries.js';
import { divideSeriesLists } from './divideSeriesLists.js';
import { group } from './group.js';
import { groupByNode } from './groupByNode.js';
import { groupByNodes } from './groupByNodes.js';
import { map, mapSeries } from './mapSeries.js';
import { maxSeries } from './maxSeries.js';
import { minSeries } from './minSeries.js';
import { multiplySeries } from './multiplySeries.js';
import { multiplySeriesLists } from './multiplySeriesLists.js';
import { multiplySeriesWithWildcards } from './multiplySeriesWithWildcards.js';
import { percentileOfSeries } from './percentileOfSeries.js';
import { rangeOfSeries } from './rangeOfSeries.js';
import { reduce, reduceSeries } from './reduceSeries.js';
import { stddevSeries } from './stddevSeries.js';
import { sum, sumSeries } from './sumSeries.js';
import { sumSeriesLists } from './sumSeriesLists.js';
import { sumSeriesWithWildcards } from './sumSeriesWithWildcards.js';
import { weightedAverage } from './weightedAverage.js';
import { absolute } from './absolute.js';
import { derivative } from './derivative.js';
import { integral } from './integral.js';
import { keepLastValue } from './keepLastValue.js';
import { nonNegativeDerivative } from './nonNegativeDerivative.js';
import { offset } from './offset.js';
import { perSecond } from './perSecond.js';
import { powSeries } from './powSeries.js';
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

export const RENDER_FUNCTIONS: readonly AnyRenderFunction[] = [
  // Combine
  aggregate,
  aggregateSeriesLists,
  aggregateWithWildcards,
  applyByNode,
  asPercent,
  averageSeries,
  averageSeriesWithWildcards,
  avg,
  countSeries,
  diffSeries,
  diffSeriesLists,
  divideSeries,
  divideSeriesLists,
  group,
  groupByNode,
  groupByNodes,
  map,
  mapSeries,
  maxSeries,
  minSeries,
  multiplySeries,
  multiplySeriesLists,
  multiplySeriesWithWildcards,
  pct,
  percentileOfSeries,
  rangeOfSeries,
  reduce,
  reduceSeries,
  stddevSeries,
  sum,
  sumSeries,
  sumSeriesLists,
  sumSeriesWithWildcards,
  weightedAverage,
  // Transform
  absolute,
  derivative,
  integral,
  keepLastValue,
  nonNegativeDerivative,
  offset,
  perSecond,
  powSeries,
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
  exclude,
  grep,
  highestAverage,
  highestCurrent,
  highestMax,
  limit,
  lowestAverage,
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
  consolidateBy,
  constantLine,
  setXFilesFactor,
  xFilesFactor,
];

const byName = new Map(RENDER_FUNCTIONS.map((f) => [f.name, f]));

/** the function a target calls by this name, if carbyne has it */
export function getRenderFunction(name: string): AnyRenderFunction | undefined {
  return byName.get(name);
}
