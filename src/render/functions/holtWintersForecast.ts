import { defineFunction } from '../function-types.js';
import { analyseBootstrapped, bootstrapRange, FORECAST_PARAMS, newSeries } from './lib/holt-winters.js';

export const holtWintersForecast = defineFunction({
  name: 'holtWintersForecast',
  group: 'Calculate',
  description: `The Holt-Winters forecast of each series: what a triple exponential smoothing
(level, trend and a daily season by default) predicted for each point from the points before it.
The model is first trained over \`bootstrapInterval\` (a week by default) before the requested
range, which is fetched for it.

.. code-block:: none

  &target=holtWintersForecast(shop.orders)
  &target=holtWintersForecast(shop.orders,"30d","7d")`,
  params: FORECAST_PARAMS,
  refetch: bootstrapRange,
  run: (_ctx, { bootstrapInterval, seasonality }, [preview]) =>
    analyseBootstrapped(preview, bootstrapInterval, seasonality).map(({ source: s, start, predictions }) =>
      newSeries(`holtWintersForecast(${s.name})`, start, s, predictions.slice(), { ...s.tags, holtWintersForecast: '1', holtWintersDeviation: '1' }),
    ),
});
