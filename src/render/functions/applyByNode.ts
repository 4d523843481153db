import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import type { Series } from '../series.js';
import { headSlice } from './lib/py-slice.js';
import { SERIES_LIST } from './lib/params.js';

export const applyByNode = defineFunction({
  name: 'applyByNode',
  group: 'Combine',
  description: `Runs a target template once for each distinct prefix of the series' names, the
nodes up to and including \`nodeNum\`, in sorted order: every \`%\` in \`templateFunction\` is
replaced by the prefix and the resulting target is evaluated over the request's range. With
\`newName\`, each result is renamed to it, its \`%\` replaced by the prefix the same way.

.. code-block:: none

  &target=applyByNode(hosts.*.disk.free,1,"asPercent(%.disk.free,sumSeries(%.disk.*))","%.disk.pct_free")

gives \`hosts.<host>.disk.pct_free\` for each host. The results take the time bounds of the last
series of the list, as graphite-web's do.`,
  params: [SERIES_LIST, param.node('nodeNum', { required: true }), param.string('templateFunction', { required: true }), param.string('newName')],
  evaluatesTargets: true,
  async run(ctx, { seriesList, nodeNum, templateFunction, newName }) {
    const prefixes = [...new Set(seriesList.map((s) => headSlice(s.name.split('.'), nodeNum + 1).join('.')))].sort();
    const last = seriesList[seriesList.length - 1];
    const out: Series[] = [];
    for (const prefix of prefixes) {
      ctx.checkDeadline();
      const target = templateFunction.replaceAll('%', prefix);
      // graphite-web skips a blank target
      if (target.trim() === '') continue;
      for (const s of await ctx.evaluate(target)) {
        if (newName) s.name = newName.replaceAll('%', prefix);
        s.pathExpression = prefix;
        s.start = last.start;
        s.end = last.end;
        out.push(s);
      }
    }
    return out;
  },
});
