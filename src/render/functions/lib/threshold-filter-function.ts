import { defineFunction, type RenderFunction } from '../../function-types.js';
import { param } from '../../function-params.js';
import { SERIES_LIST } from './params.js';
import { filterByAggregate, type FilterOperator } from './series-filter.js';

/**
 * A filter such as maximumAbove: filterSeries with its aggregation and operator fixed, the
 * threshold `n` given.
 */
export function thresholdFilterFunction(name: string, func: string, operator: FilterOperator, description: string): RenderFunction {
  return defineFunction({
    name,
    group: 'Filter Series',
    description,
    params: [SERIES_LIST, param.float('n', { required: true })],
    run: (ctx, { seriesList, n }) => filterByAggregate(ctx, seriesList, func, operator, n),
  });
}
