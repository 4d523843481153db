import { percentileThreshold } from './lib/percentile-threshold.js';
import { removeValueFunction } from './lib/remove-value-function.js';

export const removeBelowPercentile = removeValueFunction(
  'removeBelowPercentile',
  `Turns into nulls the points below each series' own n-th percentile over the range, keeping
only its highest part.

.. code-block:: none

  &target=removeBelowPercentile(api.latency_ms,5)`,
  (v, p) => v !== v || v < p,
  percentileThreshold,
);
