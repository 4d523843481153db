import { removeValueFunction } from './lib/remove-value-function.js';

export const removeAboveValue = removeValueFunction(
  'removeAboveValue',
  `Turns into nulls the points above the threshold.

.. code-block:: none

  &target=removeAboveValue(hosts.*.latency_ms,0)`,
  (v, n) => v > n,
);
