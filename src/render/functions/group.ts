import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';

export const group = defineFunction({
  name: 'group',
  group: 'Combine',
  description: `Joins several series lists into one, so they can go where one list is expected.

.. code-block:: none

  &target=sumSeries(group(hosts.web*.requests,hosts.api*.requests))`,
  params: [param.seriesList('seriesLists', { multiple: true })],
  run: (_ctx, { seriesLists }) => seriesLists.flat(),
});
