import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { seriesValues } from './lib/consolidate.js';
import { SERIES_LIST } from './lib/params.js';
import { percentile } from './lib/percentile.js';

export const removeBetweenPercentile = defineFunction({
  name: 'removeBetweenPercentile',
  group: 'Filter Series',
  description: `Keeps the series that at some moment lie outside the middle band of all the
series' values at that moment: at or below their (100-n)th percentile, or at or above their nth
(n and 100-n mean the same band). A null point, or a moment with no value in any series, counts
as outside.

.. code-block:: none

  &target=removeBetweenPercentile(hosts.*.requests,95)`,
  params: [SERIES_LIST, param.float('n', { required: true })],
  run(_ctx, { seriesList, n }) {
    const high = n < 50 ? 100 - n : n;
    const rows = seriesList.map(seriesValues);
    // graphite-web's columns stop at the shortest series (zip)
    const moments = rows.length === 0 ? 0 : Math.min(...rows.map((r) => r.length));
    const lowLimits: number[] = [];
    const highLimits: number[] = [];
    for (let i = 0; i < moments; i++) {
      const column = rows.map((r) => r[i]);
      lowLimits.push(percentile(column, 100 - high));
      highLimits.push(percentile(column, high));
    }
    // a moment past the shortest series, a null, or a column without values is outside: graphite-web fails there
    const outside = (v: number, i: number) => !(i < moments && lowLimits[i] < v && v < highLimits[i]);
    return seriesList.filter((_, k) => rows[k].some(outside));
  },
});
