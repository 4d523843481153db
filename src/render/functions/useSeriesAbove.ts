import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { ParseError } from '../grammar/parser.js';
import type { Series } from '../series.js';
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
ones without points are left out; names that do not make a target (spaces, brackets) give no series.

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
    let found: Series[];
    try {
      found = await ctx.evaluate(`group(${targets.join(',')})`);
    } catch (err) {
      // a name that does not parse (spaces, brackets): graphite-web's parser reads the longest
      // prefix that does, the bare path `group`, which names no metric
      if (err instanceof ParseError) return [];
      throw err;
    }
    return found.filter((s) => s.values.length > 0);
  },
});
