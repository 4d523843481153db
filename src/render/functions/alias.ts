import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { SERIES_LIST } from './lib/params.js';

export const alias = defineFunction({
  name: 'alias',
  group: 'Alias',
  description: `Gives every series of the list the same new name, shown in legends instead of
the metric path.

.. code-block:: none

  &target=alias(shop.checkout.latency.p99,"Checkout p99")`,
  params: [SERIES_LIST, param.string('newName', { required: true })],
  run(_ctx, { seriesList, newName }) {
    return seriesList.map((s) => s.copy({ name: newName }));
  },
});
