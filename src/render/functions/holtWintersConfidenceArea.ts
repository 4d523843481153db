import { defineFunction } from '../function-types.js';
import { areaBetweenPair } from './areaBetween.js';
import { BAND_PARAMS, bootstrapRange, confidenceBands } from './lib/holt-winters.js';

export const holtWintersConfidenceArea = defineFunction({
  name: 'holtWintersConfidenceArea',
  group: 'Calculate',
  description: `The area between the Holt-Winters confidence bands of a series (see
holtWintersConfidenceBands), drawn as areaBetween draws it: the argument must give exactly one
series.

.. code-block:: none

  &target=holtWintersConfidenceArea(shop.orders)&areaMode=stacked`,
  params: BAND_PARAMS,
  refetch: bootstrapRange,
  run(_ctx, { delta, bootstrapInterval, seasonality }, [preview]) {
    const area = areaBetweenPair(confidenceBands(preview, delta, bootstrapInterval, seasonality));
    for (const s of area) {
      const { areaBetween: _, ...tags } = s.tags;
      s.tags = { ...tags, holtWintersConfidenceArea: '1' };
      s.name = s.name.replaceAll('areaBetween', 'holtWintersConfidenceArea');
      s.pathExpression = s.name;
    }
    return area;
  },
});
