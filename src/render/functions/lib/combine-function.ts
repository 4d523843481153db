import { defineFunction, type RenderFunction } from '../../function-types.js';
import { param } from '../../function-params.js';
import { aggregate } from './aggregate.js';
import { aggregatePairs } from './aggregate-pairs.js';
import { SERIES_LISTS } from './params.js';

/** A combiner such as sumSeries: every series of its arguments aggregated point by point with `func`. */
export function combineFunction(name: string, func: string, description: string): RenderFunction {
  return defineFunction({
    name,
    group: 'Combine',
    description,
    aggregator: true,
    params: [SERIES_LISTS],
    run: (ctx, { seriesLists }) => aggregate(ctx, seriesLists, func),
  });
}

/** A pairwise combiner such as sumSeriesLists: the i-th series of one list with the i-th of the other, by `func`. */
export function pairwiseCombineFunction(name: string, func: string, description: string): RenderFunction {
  return defineFunction({
    name,
    group: 'Combine',
    description,
    aggregator: true,
    params: [param.seriesList('seriesListFirstPos', { required: true }), param.seriesList('seriesListSecondPos', { required: true })],
    run: (ctx, { seriesListFirstPos, seriesListSecondPos }) => aggregatePairs(ctx, seriesListFirstPos, seriesListSecondPos, func),
  });
}
