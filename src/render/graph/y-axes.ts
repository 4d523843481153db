import { InputError } from '../function-types.js';
import { dataLimits } from './data-limits.js';
import type { Plotted } from './plotted.js';
import type { GraphParams } from './params.js';
import { makeAxis, type Axis } from './ticks.js';
import { isUnitSystem, type UnitSystem } from './units.js';

/** The y axis settings every axis of a graph shares: unit system, divisions, log base. */
export interface YAxisCommon {
  readonly unitSystem: UnitSystem;
  readonly divisors: number[];
  readonly logBase?: number;
  readonly drawNullAsZero: boolean;
  readonly stacked: boolean;
}

export function yAxisCommon(params: GraphParams, logBase: number | undefined, stacked: boolean): YAxisCommon {
  const unit = params.text('yUnitSystem', 'si').toLowerCase();
  const divisorsText = params.text('yDivisors', '4,5,6');
  const divisors = divisorsText.split(',').map((d) => {
    if (!/^\s*[+-]?\d+\s*$/.test(d)) throw new InputError(`Invalid yDivisors '${divisorsText}': expected whole numbers separated by commas`);
    return parseInt(d, 10);
  });
  if (divisors.some((d) => d > 1000)) throw new InputError(`Invalid yDivisors '${divisorsText}': at most 1000 divisions`);
  return { unitSystem: isUnitSystem(unit) ? unit : 'si', divisors, logBase, drawNullAsZero: params.flag('drawNullAsZero'), stacked };
}

/** yMax may be a number or `max` (the data's own maximum) */
function maxSetting(params: GraphParams, name: string): number | 'max' | undefined {
  return params.raw(name) === 'max' ? 'max' : params.number(name);
}

/**
 * One y axis over some series, with the settings named by `names` (yMin/yMax/yLimit/yStep, or
 * their Left and Right forms on a graph with two axes).
 */
export function setupAxis(data: readonly Plotted[], params: GraphParams, c: YAxisCommon, names: { min: string; max: string; limit: string; step: string }): Axis {
  const { min, max } = dataLimits(data, c.drawNullAsZero, c.stacked);
  return makeAxis(min, max, {
    min: params.number(names.min),
    max: maxSetting(params, names.max),
    limit: params.number(names.limit),
    step: params.has(names.step) ? params.number(names.step) : undefined,
    divisors: c.divisors,
    unitSystem: c.unitSystem,
    logBase: c.logBase,
  });
}

/**
 * The pixel row of a value on an axis: the lowest and highest label span the drawing area
 * (the axis' bottom and top when it has no labels), linearly or in the log base.
 */
export function yCoord(value: number, axis: Axis, ymin: number, ymax: number): number | null {
  let highest = axis.top;
  let lowest = axis.bottom;
  if (axis.labelValues.length > 0) {
    highest = Math.max(...axis.labelValues);
    lowest = Math.min(...axis.labelValues);
  }
  const pixelRange = ymax - ymin;
  let relative = value - lowest;
  let valueRange = highest - lowest;
  if (axis.logBase !== undefined) {
    if (value <= 0) return null;
    const log = (x: number) => Math.log(x) / Math.log(axis.logBase!);
    relative = log(value) - log(lowest);
    valueRange = log(highest) - log(lowest);
  }
  return ymax - (pixelRange / valueRange) * relative;
}
