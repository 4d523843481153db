import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { seriesValues } from './lib/consolidate.js';
import { SERIES_LIST } from './lib/params.js';
import { userRegex, userReplacement } from './lib/regex.js';
import { safeMax } from './lib/safe.js';

export const useSeriesAbove = defineFunction({
  name: 'useSeriesAbove',
  group: 'Filter Series',
  description: `For each series whose largest value is above \`value\`, draws another metric
instead: the one its name becomes through a Python regular expression substitution of
\`search\` by \`replace\`. Those metrics are read as if they were the targets, in order, and the
ones without points are left out.

.. code-block:: none

  &target=useSeriesAbove(hosts.web01.requests,10,"requests","latency")`,
  params: [SERIES_LIST, param.float('value', { required: true }), param.string('search', { required: true }), param.string('replace', { required: true })],
  async run(ctx, { seriesList, value, search, replace }) {
    const regex = userRegex(search, 'g');
    const replacement = userReplacement(replace);
    const targets: string[] = [];
    for (const s of seriesList) {
      const target = s.name.replace(regex, replacement);
      // nulls are ignored (graphite-web fails on them: Python 3 cannot compare None)
      if (safeMax(seriesValues(s)) > value) targets.push(target);
    }
    if (targets.length === 0) return [];
    const found = await ctx.evaluate(`group(${targets.join(',')})`);
    return found.filter((s) => s.values.length > 0);
  },
});
