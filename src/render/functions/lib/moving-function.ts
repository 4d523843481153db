import { defineFunction, type RenderFunction } from '../../function-types.js';
import { param } from '../../function-params.js';
import { movingWindow, movingWindowRange } from './moving-window.js';
import { INT_OR_INTERVAL_SUGGESTIONS, SERIES_LIST } from './params.js';

const MOVING_PARAMS = [
  SERIES_LIST,
  param.intOrInterval('windowSize', { required: true, suggestions: INT_OR_INTERVAL_SUGGESTIONS }),
  param.float('xFilesFactor'),
] as const;

/**
 * A moving-window function of one aggregation (movingAverage, movingSum, movingMin, movingMax,
 * movingMedian): graphite-web's movingWindow with `func` fixed, the same parameters and the
 * same look-back.
 */
export function movingFunction(name: string, func: string, description: string): RenderFunction<typeof MOVING_PARAMS> {
  return defineFunction({
    name,
    group: 'Calculate',
    description,
    params: MOVING_PARAMS,
    refetch: movingWindowRange,
    run: (ctx, { seriesList, windowSize, xFilesFactor }, [preview]) => movingWindow(ctx, seriesList, preview, windowSize, func, xFilesFactor),
  });
}
