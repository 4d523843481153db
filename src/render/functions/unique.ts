import { defineFunction } from '../function-types.js';
import type { Series } from '../series.js';
import { SERIES_LISTS } from './lib/params.js';

export const unique = defineFunction({
  name: 'unique',
  group: 'Filter Series',
  description: `Joins series lists into one in which no name appears twice: of several series
of the same name, the first one given stays.

.. code-block:: none

  &target=unique(mostDeviant(hosts.*.disk.free,5),lowestCurrent(hosts.*.disk.free,5))`,
  params: [SERIES_LISTS],
  run(_ctx, { seriesLists }) {
    const seen = new Set<string>();
    const out: Series[] = [];
    for (const s of seriesLists.flat()) {
      if (seen.has(s.name)) continue;
      seen.add(s.name);
      out.push(s);
    }
    return out;
  },
});
