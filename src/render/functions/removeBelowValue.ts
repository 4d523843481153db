import { removeValueFunction } from './lib/remove-value-function.js';

export const removeBelowValue = removeValueFunction(
  'removeBelowValue',
  `Turns into nulls the points below the threshold (and nulls stay null).

.. code-block:: none

  &target=removeBelowValue(hosts.*.latency_ms,0)`,
  (v, n) => v !== v || v < n,
);
