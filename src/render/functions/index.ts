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
import { isNonNull } from './isNonNull.js';
import { map, mapSeries } from './mapSeries.js';
import { groupByTags } from './groupByTags.js';
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
import { add } from './add.js';
import { delay } from './delay.js';
import { exp } from './exp.js';
import { hitcount } from './hitcount.js';
import { derivative } from './derivative.js';
import { integral } from './integral.js';
import { integralByInterval } from './integralByInterval.js';
import { interpolate } from './interpolate.js';
import { invert } from './invert.js';
import { keepLastValue } from './keepLastValue.js';
import { log } from './log.js';
import { logit } from './logit.js';
import { minMax } from './minMax.js';
import { nonNegativeDerivative } from './nonNegativeDerivative.js';
import { offset } from './offset.js';
import { offsetToZero } from './offsetToZero.js';
import { perSecond } from './perSecond.js';
import { pow } from './pow.js';
import { round } from './round.js';
import { powSeries } from './powSeries.js';
import { scale } from './scale.js';
import { scaleToSeconds } from './scaleToSeconds.js';
import { sigmoid } from './sigmoid.js';
import { smartSummarize } from './smartSummarize.js';
import { squareRoot } from './squareRoot.js';
import { summarize } from './summarize.js';
import { timeShift } from './timeShift.js';
import { timeSlice } from './timeSlice.js';
import { timeStack } from './timeStack.js';
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
import { removeAbovePercentile } from './removeAbovePercentile.js';
import { removeAboveValue } from './removeAboveValue.js';
import { removeBelowPercentile } from './removeBelowPercentile.js';
import { removeBelowValue } from './removeBelowValue.js';
import { sortBy } from './sortBy.js';
import { sortByMaxima } from './sortByMaxima.js';
import { sortByMinima } from './sortByMinima.js';
import { sortByName } from './sortByName.js';
import { sortByTotal } from './sortByTotal.js';
import { alias } from './alias.js';
import { aliasByMetric } from './aliasByMetric.js';
import { aliasByNode } from './aliasByNode.js';
import { aliasQuery } from './aliasQuery.js';
import { aliasSub } from './aliasSub.js';
import { aliasByTags } from './aliasByTags.js';
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
import { events } from './events.js';
import { setXFilesFactor, xFilesFactor } from './xFilesFactor.js';
import { sin, sinFunction } from './sinFunction.js';
import { time, timeFunction } from './timeFunction.js';
import { seriesByTag } from './seriesByTag.js';

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
  groupByTags,
  isNonNull, // graphite-web lists it here, though its group is Transform
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
  add,
  absolute,
  delay,
  derivative,
  exp,
  hitcount,
  integral,
  integralByInterval,
  interpolate,
  invert,
  keepLastValue,
  log,
  logit,
  minMax,
  nonNegativeDerivative,
  offset,
  offsetToZero,
  perSecond,
  pow,
  powSeries,
  round,
  scale,
  scaleToSeconds,
  sigmoid,
  smartSummarize,
  squareRoot,
  summarize,
  timeShift,
  timeSlice,
  timeStack,
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
  removeAbovePercentile,
  removeAboveValue,
  removeBelowPercentile,
  removeBelowValue,
  // Sorting
  sortBy,
  sortByMaxima,
  sortByMinima,
  sortByName,
  sortByTotal,
  // Alias
  alias,
  aliasByMetric,
  aliasByNode,
  aliasByTags,
  aliasQuery,
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
  events,
  identity,
  setXFilesFactor,
  sin, // graphite-web lists sin, sinFunction, time and timeFunction here, though their group is Transform
  sinFunction,
  seriesByTag,
  time,
  timeFunction,
  xFilesFactor,
];

const byName = new Map(RENDER_FUNCTIONS.map((f) => [f.name, f]));

/** the function a target calls by this name, if carbyne has it */
export function getRenderFunction(name: string): AnyRenderFunction | undefined {
  return byName.get(name);
}
