import { defineFunction } from '../function-types.js';
import { flagSeries } from './lib/graph-flag.js';
import { SERIES_LIST } from './lib/params.js';

export const drawAsInfinite = defineFunction({
  name: 'drawAsInfinite',
  group: 'Graph',
  description: `Draws each point as a vertical line across the whole graph where the value is
above 0, nothing where it is 0, below 0 or null: for on/off series such as exit codes or
deployments.

.. code-block:: none

  &target=drawAsInfinite(deploys.api.exitCode)`,
  params: [SERIES_LIST],
  run: (_ctx, { seriesList }) => flagSeries(seriesList, 'drawAsInfinite'),
});
