import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { seriesValues } from './lib/consolidate.js';
import { SERIES_LIST } from './lib/params.js';
import { xffValues } from './lib/xff.js';

export const removeEmptySeries = defineFunction({
  name: 'removeEmptySeries',
  group: 'Filter Series',
  description: `Drops the series without enough values: by default those with no value at all;
with \`xFilesFactor\` (0 to 1), those whose share of non-null points is below it.

.. code-block:: none

  &target=removeEmptySeries(hosts.*.threads.busy)
  &target=removeEmptySeries(hosts.*.threads.busy,0.5)`,
  params: [SERIES_LIST, param.float('xFilesFactor')],
  run: (_ctx, { seriesList, xFilesFactor }) => seriesList.filter((s) => xffValues(seriesValues(s), xFilesFactor ?? 0)),
});
