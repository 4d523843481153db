import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { SERIES_LIST } from './lib/params.js';
import { pyCopy } from './lib/series-ops.js';

const DEFAULT_STACK = '__DEFAULT__';

export const stacked = defineFunction({
  name: 'stacked',
  group: 'Graph',
  description: `Stacks the series on each other, so a graph can stack some series and draw
others as plain lines (\`areaMode=stacked\` stacks them all). Each point becomes the running
total of the series stacked so far, point by point, over every target of the request; a named
\`stack\` keeps its own total (inbound and outbound traffic, say) and leaves the names as they
are.

.. code-block:: none

  &target=stacked(hosts.*.requests)
  &target=stacked(hosts.*.net.tx,"tx")&target=stacked(hosts.*.net.rx,"rx")`,
  // graphite-web prints its Python signature, whose names differ from its parameters'
  signature: "stacked(seriesLists, stackName='__DEFAULT__')",
  params: [SERIES_LIST, param.string('stack')],
  run(ctx, { seriesList, stack }) {
    const stackName = stack ?? DEFAULT_STACK;
    const total = ctx.totalStacks.get(stackName) ?? [];
    const out = seriesList.map((s) => {
      const values = new Float64Array(s.values.length);
      for (let i = 0; i < values.length; i++) {
        if (total.length <= i) total.push(0);
        const v = s.values[i];
        values[i] = v === v ? (total[i] += v) : NaN;
      }
      const named = stackName === DEFAULT_STACK;
      const copy = pyCopy(s, { name: named ? `stacked(${s.name})` : s.name, values, tags: named ? { ...s.tags, stacked: stackName } : { ...s.tags } });
      copy.graph.stacked = true;
      return copy;
    });
    ctx.totalStacks.set(stackName, total);
    return out;
  },
});
