import { InputError } from '../function-types.js';
import { axisLabel, type UnitSystem } from './units.js';

/**
 * A y axis' limits, step and labels, as graphite-web's _LinearAxisTics and _LogAxisTics choose
 * them: from the data's range, the user's yMin/yMax/yLimit/yStep, the allowed numbers of
 * divisions, and the unit system.
 */

/** values a hair outside the nominal limits still count as inside (graphite-web's EPSILON) */
const EPSILON = 0.0001;
/** more labels than this would be unreadable, and could be asked for to exhaust the server */
const MAX_LABELS = 1001;

type Source = 'data' | 'min' | 'max' | 'limit' | 'extremum';

export interface AxisSettings {
  /** yMin: a number, or undefined for a round minimum taken from the data */
  readonly min?: number;
  /** yMax: a number, 'max' for the data's maximum, or undefined for a round maximum */
  readonly max?: number | 'max';
  /** yLimit: the top never goes past it */
  readonly limit?: number;
  /** yStep; otherwise chosen from `divisors` */
  readonly step?: number;
  readonly divisors: readonly number[];
  readonly unitSystem: UnitSystem;
  /** logBase; undefined for a linear axis */
  readonly logBase?: number;
}

export interface Axis {
  readonly bottom: number;
  readonly top: number;
  /** null on a log axis */
  readonly step: number | null;
  readonly span: number;
  readonly labelValues: number[];
  readonly labels: string[];
  readonly logBase?: number;
}

function checkFinite(value: number, name: string): number {
  if (Number.isNaN(value)) throw new InputError(`Encountered NaN ${name}`);
  if (!Number.isFinite(value)) throw new InputError(`Encountered infinite ${name}`);
  return value;
}

/** An axis for data ranging over [dataMin, dataMax] with the user's settings. */
export function makeAxis(dataMin: number, dataMax: number, s: AxisSettings): Axis {
  let minValue = checkFinite(dataMin, 'data value');
  let maxValue = checkFinite(dataMax, 'data value');
  let minSource: Source = 'data';
  let maxSource: Source = 'data';
  let axisLimit: number | null = null;

  // applySettings
  if (s.min !== undefined && !Number.isNaN(s.min)) {
    minSource = 'min';
    minValue = checkFinite(s.min, 'axis min');
  }
  if (s.max === 'max') maxSource = 'extremum';
  else if (s.max !== undefined && !Number.isNaN(s.max)) {
    maxSource = 'max';
    maxValue = checkFinite(s.max, 'axis max');
  }
  if (s.limit !== undefined && !Number.isNaN(s.limit)) {
    if (s.limit < maxValue) {
      maxValue = checkFinite(s.limit, 'axis limit');
      maxSource = 'limit';
    } else if (Number.isFinite(s.limit)) {
      axisLimit = s.limit;
    }
  }
  // reconcileLimits
  if (!(minValue < maxValue)) {
    const minFixed = minSource === 'min';
    const maxFixed = maxSource === 'max' || maxSource === 'limit';
    if (minFixed && maxFixed) throw new InputError(`The ${minSource} must be less than the ${maxSource}`);
    if (minFixed) maxValue = minValue + chooseDelta(minValue);
    else if (maxFixed) minValue = maxValue - chooseDelta(maxValue);
    else {
      const delta = chooseDelta(Math.max(Math.abs(minValue), Math.abs(maxValue)));
      const average = (minValue + maxValue) / 2;
      minValue = average - delta;
      maxValue = average + delta;
    }
  }

  if (s.logBase !== undefined) return logAxis(minValue, maxValue, s.logBase, s.unitSystem);

  let step: number;
  if (s.step !== undefined) step = checkFinite(s.step, 'axis step');
  else ({ step, minValue, maxValue } = chooseStep(minValue, maxValue, s.divisors, s.unitSystem === 'binary'));

  // chooseLimits
  const bottom = minSource === 'data' ? step * Math.floor(minValue / step + EPSILON) : minValue;
  let top = maxValue;
  if (maxSource === 'data') {
    top = step * Math.ceil(maxValue / step - EPSILON);
    if (axisLimit !== null && top > axisLimit + EPSILON * step) top = axisLimit;
  }
  let span = top - bottom;
  if (span === 0) {
    top += 1;
    span += 1;
  }

  // getLabelValues
  if (!(step > 0)) throw new InputError('The step size must be positive');
  // graphite-web picks a default step when the user's would give over 1000 labels
  if (span > 1000 * step) step = chooseStep(minValue, maxValue, [4, 5, 6], false).step;
  const labelValues: number[] = [];
  const start = step * Math.ceil(bottom / step - EPSILON);
  for (let i = 0; labelValues.length < MAX_LABELS; i++) {
    const value = start + i * step;
    if (value > top + EPSILON * step) break;
    labelValues.push(value);
  }
  return { bottom, top, step, span, labelValues, labels: labelValues.map((v) => axisLabel(v, step, span, s.unitSystem)) };
}

function chooseDelta(x: number): number {
  return Math.abs(x) < 1e-9 ? 1 : 0.1 * Math.abs(x);
}

/** Allowed steps from minStep up: 1, 2, 5 times a power of ten, or powers of two for binary units. */
function* generateSteps(minStep: number, binary: boolean): Generator<number> {
  checkFinite(minStep, 'value');
  const base = binary ? 2 : 10;
  const mantissas = binary ? [1] : [1, 2, 5];
  let exponent = Math.floor((binary ? Math.log(minStep) / Math.log(2) : Math.log10(minStep)) - EPSILON);
  for (;;) {
    const multiplier = base ** exponent;
    for (const m of mantissas) {
      const value = m * multiplier;
      if (value >= minStep * (1 - EPSILON)) yield value;
    }
    exponent += 1;
  }
}

/**
 * The step leaving the least room ("slop") outside the data's range when the axis is pushed out
 * to multiples of the step, over the allowed numbers of divisions.
 */
function chooseStep(minValue: number, maxValue: number, divisors: readonly number[], binary: boolean): { step: number; minValue: number; maxValue: number } {
  for (const d of divisors) {
    checkFinite(d, 'divisor');
    if (d < 1) throw new InputError('Divisors must be greater than or equal to one');
  }
  if (minValue === maxValue) {
    if (minValue === 0) maxValue = 1;
    else if (minValue < 0) {
      minValue *= 1.1;
      maxValue *= 0.9;
    } else {
      minValue *= 0.9;
      maxValue *= 1.1;
    }
  }
  const variance = maxValue - minValue;
  const most = Math.max(...divisors);
  const least = Math.min(...divisors);
  let bestSlop: number | null = null;
  let bestStep = NaN;
  for (const step of generateSteps(variance / most, binary)) {
    if (bestSlop !== null && step * least >= 2 * bestSlop + variance) break;
    for (const divisor of divisors) {
      const bottom = step * Math.floor(minValue / step + EPSILON);
      const top = bottom + step * divisor;
      if (top >= maxValue - EPSILON * step) {
        const slop = Math.max(top - maxValue, minValue - bottom);
        if (bestSlop === null || slop < bestSlop) {
          bestSlop = slop;
          bestStep = step;
        }
      }
    }
  }
  return { step: bestStep, minValue, maxValue };
}

function logAxis(minValue: number, maxValue: number, base: number, unitSystem: UnitSystem): Axis {
  if (base <= 1) throw new InputError('Logarithmic base must be greater than one');
  if (minValue <= 0) throw new InputError('Logarithmic scale specified with a dataset with a minimum value less than or equal to zero');
  const log = (x: number) => Math.log(x) / Math.log(base);
  const bottom = base ** Math.floor(log(minValue));
  let top = base ** Math.ceil(log(maxValue));
  let span = top - bottom;
  if (span === 0) {
    top *= base;
    span = top - bottom;
  }
  const labelValues: number[] = [];
  for (let value = base ** Math.ceil(log(bottom) - EPSILON); value < top * (1 + EPSILON) && labelValues.length < MAX_LABELS; value *= base) labelValues.push(value);
  return { bottom, top, step: null, span, labelValues, labels: labelValues.map((v) => axisLabel(v, null, span, unitSystem)), logBase: base };
}
