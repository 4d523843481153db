import { defineFunction } from '../function-types.js';
import type { Series } from '../series.js';
import { BAND_PARAMS, bootstrapRange, confidenceBands, newSeries } from './lib/holt-winters.js';
import { mapPaced } from './lib/paced.js';

export const holtWintersAberration = defineFunction({
  name: 'holtWintersAberration',
  group: 'Calculate',
  description: `How far each point lies outside the Holt-Winters confidence bands of its series
(see holtWintersConfidenceBands): the distance above the upper band (positive) or below the
lower band (negative), and 0 inside them or where the series has no value.

.. code-block:: none

  &target=holtWintersAberration(shop.orders)
  &target=holtWintersAberration(shop.orders,2,"30d")`,
  params: BAND_PARAMS,
  refetch: bootstrapRange,
  run(ctx, { seriesList, delta, bootstrapInterval, seasonality }, [preview]) {
    const bands = new Map(confidenceBands(preview, delta, bootstrapInterval, seasonality).map((b) => [b.name, b]));
    return mapPaced(ctx, seriesList, (s) => {
      const lower = bands.get(`holtWintersConfidenceLower(${s.name})`);
      const upper = bands.get(`holtWintersConfidenceUpper(${s.name})`);
      const values = new Float64Array(s.values.length);
      for (let i = 0; i < values.length; i++) {
        const v = s.values[i];
        const hi = bandAt(upper, s, i);
        const lo = bandAt(lower, s, i);
        values[i] = v !== v ? 0 : v > hi ? v - hi : v < lo ? v - lo : 0;
      }
      return newSeries(`holtWintersAberration(${s.name})`, s.start, s, values, { ...s.tags, holtWintersAberration: '1' });
    });
  },
});

/**
 * The band's value for the series' i-th point: its i-th point, as graphite-web compares them.
 * graphite-web fails (a 500) when the band has fewer points, which it has when the bootstrap was
 * read at another step (a week back reaches a coarser archive than the request) or was cut
 * short by the retention: then the band point at the same time counts, and no band point none.
 */
function bandAt(band: Series | undefined, s: Series, i: number): number {
  if (!band) return NaN;
  const byIndex = band.step === s.step && band.values.length >= s.values.length;
  const j = byIndex ? i : Math.floor((s.start + i * s.step - band.start) / band.step);
  return j >= 0 && j < band.values.length ? band.values[j] : NaN;
}
