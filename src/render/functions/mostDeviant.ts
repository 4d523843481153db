import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import type { Series } from '../series.js';
import { seriesValues } from './lib/consolidate.js';
import { SERIES_LIST } from './lib/params.js';
import { headSlice } from './lib/py-slice.js';
import { safeAvg } from './lib/safe.js';

/** the mean squared distance of the non-null values from their mean (NaN without values) */
function variance(values: ArrayLike<number>): number {
  const mean = safeAvg(values);
  if (mean !== mean) return NaN;
  let squares = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    squares += (v - mean) * (v - mean);
    count++;
  }
  return squares / count;
}

export const mostDeviant = defineFunction({
  name: 'mostDeviant',
  group: 'Filter Series',
  description: `Keeps the n series whose values spread most around their own average (ranked by
their variance), most spread first. Series without any value are dropped.

.. code-block:: none

  &target=mostDeviant(hosts.*.memory.free,5)`,
  params: [SERIES_LIST, param.integer('n', { required: true })],
  run(_ctx, { seriesList, n }) {
    const ranked: { s: Series; spread: number }[] = [];
    for (const s of seriesList) {
      const spread = variance(seriesValues(s));
      if (spread === spread) ranked.push({ s, spread });
    }
    // stable, as Python's sort with reverse=True: equal spreads keep their order
    ranked.sort((a, b) => (a.spread < b.spread ? 1 : a.spread > b.spread ? -1 : 0));
    return headSlice(ranked.map((r) => r.s), n);
  },
});
