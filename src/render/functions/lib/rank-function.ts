import { defineFunction, type RenderFunction } from '../../function-types.js';
import { param } from '../../function-params.js';
import { SERIES_LIST } from './params.js';
import { highest, lowest } from './rank.js';

/** A filter such as highestAverage: the n series that rank first by `func` of their values. */
export function rankFunction(name: string, order: 'highest' | 'lowest', func: string, description: string): RenderFunction {
  const pick = order === 'highest' ? highest : lowest;
  return defineFunction({
    name,
    group: 'Filter Series',
    description,
    params: [SERIES_LIST, param.integer('n', { required: true })],
    run: (ctx, { seriesList, n }) => pick(ctx, seriesList, n, func),
  });
}
