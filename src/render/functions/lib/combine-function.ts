import { defineFunction, type RenderFunction } from '../../function-types.js';
import { aggregate } from './aggregate.js';
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
