import type { RenderFunction } from '../../function-types.js';
import { integerArg, seriesListArg } from './args.js';
import { SERIES_LIST } from './params.js';
import { highest, lowest } from './rank.js';

/** A filter such as highestAverage: the n series that rank first by `func` of their values. */
export function rankFunction(name: string, order: 'highest' | 'lowest', func: string, description: string): RenderFunction {
  const pick = order === 'highest' ? highest : lowest;
  return {
    name,
    group: 'Filter Series',
    description,
    params: [SERIES_LIST, { name: 'n', type: 'integer', required: true }],
    run: (_ctx, args) => pick(seriesListArg(args, 'seriesList'), integerArg(args, 'n'), func),
  };
}
