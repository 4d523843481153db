import { defineFunction, type RenderFunction } from '../../function-types.js';
import { param } from '../../function-params.js';
import { SERIES_LIST } from './params.js';
import { highest, lowest } from './rank.js';

/** highest or lowest: the n series that rank first by the aggregation `func` (average unless given). */
export function rankByFunction(name: 'highest' | 'lowest', description: string): RenderFunction {
  const pick = name === 'highest' ? highest : lowest;
  return defineFunction({
    name,
    group: 'Filter Series',
    description,
    // graphite-web prints its Python defaults, though its n parameter is required
    signature: `${name}(seriesList, n=1, func='average')`,
    params: [SERIES_LIST, param.integer('n', { required: true }), param.aggFunc('func', { default: 'average' })],
    run: (ctx, { seriesList, n, func }) => pick(ctx, seriesList, n, func),
  });
}
