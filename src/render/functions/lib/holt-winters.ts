/**
 * graphite-web's Holt-Winters analysis (holtWintersAnalysis) behind holtWintersForecast,
 * holtWintersConfidenceBands, holtWintersConfidenceArea and holtWintersAberration: a triple
 * exponential smoothing (level, trend, a season of `seasonality`) over the input read again from
 * `bootstrapInterval` before the request, so that the model has settled by the first requested
 * point. The arithmetic is graphite-web's, in its order.
 */
import { InputError, type CallRange, type TimeRange } from '../../function-types.js';
import { param } from '../../function-params.js';
import { Series } from '../../series.js';
import { intervalSeconds } from './interval-arg.js';
import { SERIES_LIST } from './params.js';

const ALPHA = 0.1;
const GAMMA = 0.1;
const BETA = 0.0035;

const BOOTSTRAP = param.interval('bootstrapInterval', { default: '7d', suggestions: ['7d', '30d'] });
const SEASONALITY = param.interval('seasonality', { default: '1d', suggestions: ['1d', '7d'] });

/** holtWintersForecast's parameters */
export const FORECAST_PARAMS = [SERIES_LIST, BOOTSTRAP, SEASONALITY] as const;
/** the parameters of the functions that draw bands `delta` deviations wide */
export const BAND_PARAMS = [SERIES_LIST, param.integer('delta', { default: 3 }), BOOTSTRAP, SEASONALITY] as const;

/** the bootstrap in seconds, signed as graphite-web takes it (a negative one starts later) */
export function bootstrapSeconds(bootstrapInterval: string): number {
  return intervalSeconds(bootstrapInterval, 'bootstrapInterval');
}

/** the refetch hook of every Holt-Winters function: the request's range, from the bootstrap on */
export function bootstrapRange({ bootstrapInterval }: { readonly bootstrapInterval: string }, range: CallRange): TimeRange[] {
  return [{ startTime: range.startTime - bootstrapSeconds(bootstrapInterval), endTime: range.endTime }];
}

/** The model's one-step predictions and the smoothed deviations from them, point by point. */
export interface Analysis {
  predictions: Float64Array;
  deviations: Float64Array;
}

/** graphite-web's holtWintersAnalysis over one series (null for None, as everywhere) */
export function analyse(s: Series, seasonality: string): Analysis {
  const v = s.values;
  const n = v.length;
  const seasonLength = Math.floor(intervalSeconds(seasonality, 'seasonality') / s.step);
  const intercepts = new Float64Array(n);
  const slopes = new Float64Array(n);
  const seasonals = new Float64Array(n);
  const predictions = new Float64Array(n);
  const deviations = new Float64Array(n);
  // a season of at least two points: graphite-web reads the seasonal of the next point, one
  // season back, which a season of one point has not computed yet (an IndexError)
  const lastSeasonal = (i: number) => (i - seasonLength >= 0 ? seasonals[i - seasonLength] : 0);
  const lastDeviation = (i: number) => (i - seasonLength >= 0 ? deviations[i - seasonLength] : 0);

  let nextPrediction = NaN;
  for (let i = 0; i < n; i++) {
    const actual = v[i];
    if (actual !== actual) {
      // a missing value breaks the chain: the next point starts again from its own value
      intercepts[i] = NaN;
      slopes[i] = 0;
      seasonals[i] = 0;
      predictions[i] = nextPrediction;
      deviations[i] = 0;
      nextPrediction = NaN;
      continue;
    }
    if (seasonLength < 2) throw new InputError(`seasonality "${seasonality}" must span at least two points of ${s.step} s (${s.name})`);
    let lastIntercept: number;
    let lastSlope: number;
    let prediction: number;
    if (i === 0) {
      lastIntercept = actual;
      lastSlope = 0;
      prediction = actual;
    } else {
      lastIntercept = intercepts[i - 1];
      lastSlope = slopes[i - 1];
      if (lastIntercept !== lastIntercept) lastIntercept = actual;
      prediction = nextPrediction;
    }
    const seasonal0 = lastSeasonal(i);
    const intercept = ALPHA * (actual - seasonal0) + (1 - ALPHA) * (lastIntercept + lastSlope);
    const slope = BETA * (intercept - lastIntercept) + (1 - BETA) * lastSlope;
    const seasonal = GAMMA * (actual - intercept) + (1 - GAMMA) * seasonal0;
    nextPrediction = intercept + slope + lastSeasonal(i + 1);
    // no prediction (after a missing value) counts as 0 here, and stays missing in the forecast
    const deviation = GAMMA * Math.abs(actual - (prediction === prediction ? prediction : 0)) + (1 - GAMMA) * lastDeviation(i);
    intercepts[i] = intercept;
    slopes[i] = slope;
    seasonals[i] = seasonal;
    predictions[i] = prediction;
    deviations[i] = deviation;
  }
  return { predictions, deviations };
}

/** The analysis of a bootstrapped series from the requested range on. */
export interface Trimmed {
  /** the bootstrapped series the analysis ran over */
  source: Series;
  start: number;
  predictions: Float64Array;
  deviations: Float64Array;
}

/**
 * Each bootstrapped series analysed, and the bootstrap's points dropped (graphite-web's
 * `predictions[previewSeconds // step:]`, a Python slice: a negative bootstrap keeps that many
 * points from the end).
 */
export function analyseBootstrapped(preview: readonly Series[], bootstrapInterval: string, seasonality: string): Trimmed[] {
  const previewSeconds = bootstrapSeconds(bootstrapInterval);
  return preview.map((s) => {
    const { predictions, deviations } = analyse(s, seasonality);
    const from = Math.floor(previewSeconds / s.step);
    return { source: s, start: s.start + previewSeconds, predictions: predictions.subarray(from), deviations: deviations.subarray(from) };
  });
}

/**
 * graphite-web's TimeSeries(name, start, end, step, values, tags=..., xFilesFactor=...): a new
 * series (consolidated by average again, its pathExpression its name) with the tags given.
 */
export function newSeries(name: string, start: number, s: Series, values: Float64Array, tags: Record<string, string>): Series {
  return new Series(name, start, s.end, s.step, values, { tags, xFilesFactor: s.xFilesFactor });
}

/**
 * graphite-web's holtWintersConfidenceBands: per bootstrapped series, the lower then the upper
 * band, `delta` smoothed deviations from the forecast. Both carry the tags graphite-web leaves
 * on the series by then (it adds each function's tag to the one dict they all share).
 */
export function confidenceBands(preview: readonly Series[], delta: number, bootstrapInterval: string, seasonality: string): Series[] {
  const out: Series[] = [];
  for (const t of analyseBootstrapped(preview, bootstrapInterval, seasonality)) {
    const s = t.source;
    const n = t.predictions.length;
    const upper = new Float64Array(n);
    const lower = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const forecast = t.predictions[i];
      const scaled = delta * t.deviations[i];
      upper[i] = forecast + scaled;
      lower[i] = forecast - scaled;
    }
    const tags = { ...s.tags, holtWintersForecast: '1', holtWintersDeviation: '1', holtWintersConfidenceUpper: '1', holtWintersConfidenceLower: '1' };
    for (const [band, values] of [['Lower', lower], ['Upper', upper]] as const) {
      const b = newSeries(`holtWintersConfidence${band}(${s.name})`, t.start, s, values, { ...tags });
      b.pathExpression = s.pathExpression;
      out.push(b);
    }
  }
  return out;
}
