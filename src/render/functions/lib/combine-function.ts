import type { RenderFunction } from '../../function-types.js';
import { aggregate } from './aggregate.js';
import { seriesListsArg } from './args.js';
import { SERIES_LISTS } from './params.js';

/** A combiner such as sumSeries: every series of its arguments aggregated point by point with `func`. */
export function combineFunction(name: string, func: string, description: string): RenderFunction {
  return {
    name,
    group: 'Combine',
    description,
    params: [SERIES_LISTS],
    run: (ctx, args) => aggregate(ctx, seriesListsArg(args, 'seriesLists'), func),
  };
}
