import type { RenderFunction } from '../function-types.js';
import { seriesListArg, stringArg } from './lib/args.js';
import { SERIES_LIST } from './lib/params.js';

export const alias: RenderFunction = {
  name: 'alias',
  group: 'Alias',
  description: `Gives every series of the list the same new name, shown in legends instead of
the metric path.

.. code-block:: none

  &target=alias(shop.checkout.latency.p99,"Checkout p99")`,
  params: [SERIES_LIST, { name: 'newName', type: 'string', required: true }],
  run(_ctx, args) {
    const newName = stringArg(args, 'newName');
    return seriesListArg(args, 'seriesList').map((s) => s.copy({ name: newName }));
  },
};
