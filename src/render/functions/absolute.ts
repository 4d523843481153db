import { defineFunction } from '../function-types.js';
import { SERIES_LIST } from './lib/params.js';
import { mapValues } from './lib/series-ops.js';
import { mapPaced } from './lib/paced.js';

export const absolute = defineFunction({
  name: 'absolute',
  group: 'Transform',
  description: `The absolute value of every point.

.. code-block:: none

  &target=absolute(account.balance.delta)`,
  params: [SERIES_LIST],
  run(ctx, { seriesList }) {
    return mapPaced(ctx, seriesList, (s) => {
      const name = `absolute(${s.name})`;
      return s.copy({ name, pathExpression: name, values: mapValues(s.values, Math.abs), tags: { ...s.tags, absolute: '1' } });
    });
  },
});
