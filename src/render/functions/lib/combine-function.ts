import { defineFunction, type RenderFunction } from '../../function-types.js';
import { param } from '../../function-params.js';
import { aggregate } from './aggregate.js';
import { aggregatePairs } from './aggregate-pairs.js';
import { aggregateWithWildcards } from './aggregate-wildcards.js';
import { SERIES_LIST, SERIES_LISTS } from './params.js';

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

/** A combiner by wildcarded nodes such as sumSeriesWithWildcards: the series whose names match but for those nodes, by `func`. */
export function wildcardsCombineFunction(name: string, func: string, description: string): RenderFunction {
  return defineFunction({
    name,
    group: 'Combine',
    description,
    aggregator: true,
    params: [SERIES_LIST, param.node('position', { multiple: true })],
    run: (ctx, { seriesList, position }) => aggregateWithWildcards(ctx, seriesList, func, position),
  });
}
