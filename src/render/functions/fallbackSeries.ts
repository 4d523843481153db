import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { SERIES_LIST } from './lib/params.js';

export const fallbackSeries = defineFunction({
  name: 'fallbackSeries',
  group: 'Special',
  description: `Draws the series of the first argument, or, when it has none (no metric
matched), those of \`fallback\` instead.

.. code-block:: none

  &target=fallbackSeries(hosts.*.requests_per_second,constantLine(0))`,
  params: [SERIES_LIST, param.seriesList('fallback', { required: true })],
  run: (_ctx, { seriesList, fallback }) => (seriesList.length > 0 ? seriesList : fallback),
});
