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
import { aggregateLine } from './aggregateLine.js';
import { exponentialMovingAverage } from './exponentialMovingAverage.js';
import { holtWintersAberration } from './holtWintersAberration.js';
import { holtWintersConfidenceArea } from './holtWintersConfidenceArea.js';
import { holtWintersConfidenceBands } from './holtWintersConfidenceBands.js';
import { holtWintersForecast } from './holtWintersForecast.js';
import { linearRegression } from './linearRegression.js';
import { movingAverage } from './movingAverage.js';
import { movingMax } from './movingMax.js';
import { movingMedian } from './movingMedian.js';
import { movingMin } from './movingMin.js';
import { movingSum } from './movingSum.js';
import { movingWindow } from './movingWindow.js';
import { nPercentile } from './nPercentile.js';
import { stdev } from './stdev.js';
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
import { alpha } from './alpha.js';
import { areaBetween } from './areaBetween.js';
import { color } from './color.js';
import { dashed } from './dashed.js';
import { drawAsInfinite } from './drawAsInfinite.js';
import { lineWidth } from './lineWidth.js';
import { secondYAxis } from './secondYAxis.js';
import { stacked } from './stacked.js';
import { threshold } from './threshold.js';
import { verticalLine } from './verticalLine.js';
import { consolidateBy } from './consolidateBy.js';
import { constantLine } from './constantLine.js';
import { identity } from './identity.js';
import { setXFilesFactor, xFilesFactor } from './xFilesFactor.js';

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
  aggregateLine,
  exponentialMovingAverage,
  holtWintersAberration,
  holtWintersConfidenceArea,
  holtWintersConfidenceBands,
  holtWintersForecast,
  linearRegression,
  movingAverage,
  movingMax,
  movingMedian,
  movingMin,
  movingSum,
  movingWindow,
  nPercentile,
  stdev,
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
  // Graph
  alpha,
  areaBetween,
  color,
  dashed,
  drawAsInfinite,
  lineWidth,
  secondYAxis,
  stacked,
  threshold,
  verticalLine,
  // Special
  consolidateBy,
  constantLine,
  identity,
  setXFilesFactor,
  xFilesFactor,
];

const byName = new Map(RENDER_FUNCTIONS.map((f) => [f.name, f]));

/** the function a target calls by this name, if carbyne has it */
export function getRenderFunction(name: string): RenderFunction | undefined {
  return byName.get(name);
}
