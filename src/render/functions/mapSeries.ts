import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import type { Series } from '../series.js';
import { groupByAggKey } from './lib/nodes.js';
import { SERIES_LIST } from './lib/params.js';

const description = `Splits a series list into several lists (short form: \`map\`), one per value of
the given nodes (or tags) of the names, in the order each value first appears. The answer is a
list of series lists, which only \`reduceSeries\` takes: that pair computes one result per group.

.. code-block:: none

  &target=reduceSeries(mapSeries(hosts.*.disk.*,1),"asPercent",3,"used","total")`;

function make<const N extends string>(name: N) {
  return defineFunction({
    name,
    group: 'Combine',
    description,
    params: [SERIES_LIST, param.nodeOrTag('mapNodes', { required: true, multiple: true })],
    run: (_ctx, { seriesList, mapNodes }): Series[][] => [...groupByAggKey(seriesList, mapNodes).values()],
  });
}

export const mapSeries = make('mapSeries');
export const map = make('map');
