import { defineFunction } from '../function-types.js';
import { BAND_PARAMS, bootstrapRange, confidenceBands } from './lib/holt-winters.js';

export const holtWintersConfidenceBands = defineFunction({
  name: 'holtWintersConfidenceBands',
  group: 'Calculate',
  description: `Two series per input: \`holtWintersConfidenceLower\` and
\`holtWintersConfidenceUpper\`, the Holt-Winters forecast (see holtWintersForecast) minus and
plus \`delta\` times the smoothed deviation of the series from it. The model is trained over
\`bootstrapInterval\` before the requested range.

.. code-block:: none

  &target=holtWintersConfidenceBands(shop.orders)
  &target=holtWintersConfidenceBands(shop.orders,2)`,
  params: BAND_PARAMS,
  refetch: bootstrapRange,
  run: (_ctx, { delta, bootstrapInterval, seasonality }, [preview]) => confidenceBands(preview, delta, bootstrapInterval, seasonality),
});
