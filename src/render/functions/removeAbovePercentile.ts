import { percentileThreshold } from './lib/percentile-threshold.js';
import { removeValueFunction } from './lib/remove-value-function.js';

export const removeAbovePercentile = removeValueFunction(
  'removeAbovePercentile',
  `Turns into nulls the points above each series' own n-th percentile over the range, clipping
its highest spikes.

.. code-block:: none

  &target=removeAbovePercentile(api.latency_ms,95)`,
  (v, p) => v > p,
  percentileThreshold,
);
