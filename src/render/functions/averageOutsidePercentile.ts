import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { seriesValues } from './lib/consolidate.js';
import { SERIES_LIST } from './lib/params.js';
import { percentile } from './lib/percentile.js';
import { safeAvg } from './lib/safe.js';

export const averageOutsidePercentile = defineFunction({
  name: 'averageOutsidePercentile',
  group: 'Filter Series',
  description: `Keeps the series whose average lies outside the middle band of all the series'
averages: at or below their (100-n)th percentile, or at or above their nth (n and 100-n mean the
same band). A series without any value stays.

.. code-block:: none

  &target=averageOutsidePercentile(hosts.*.requests,95)`,
  params: [SERIES_LIST, param.float('n', { required: true })],
  run(_ctx, { seriesList, n }) {
    const averages = seriesList.map((s) => safeAvg(seriesValues(s)));
    const high = n < 50 ? 100 - n : n;
    const lowLimit = percentile(averages, 100 - high);
    const highLimit = percentile(averages, high);
    // NaN on either side (no value) is never strictly inside: graphite-web fails there (Python 3 cannot compare None)
    return seriesList.filter((_, i) => !(lowLimit < averages[i] && averages[i] < highLimit));
  },
});
