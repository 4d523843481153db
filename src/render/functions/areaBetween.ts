import { defineFunction, InputError } from '../function-types.js';
import type { Series } from '../series.js';
import { SERIES_LIST } from './lib/params.js';

/**
 * graphite-web's areaBetween on a list of exactly two series, changed in place: the first is the
 * lower edge (stacked, invisible), the second the upper (stacked), both named after the upper's
 * pathExpression and tagged as it is.
 */
export function areaBetweenPair(seriesList: Series[]): Series[] {
  if (seriesList.length !== 2) throw new InputError(`areaBetween series argument must reference *exactly* 2 series (got ${seriesList.length})`);
  const [lower, upper] = seriesList;
  lower.graph.stacked = true;
  lower.graph.invisible = true;
  upper.graph.stacked = true;
  upper.tags = { ...upper.tags, areaBetween: '1' };
  lower.tags = { ...upper.tags };
  lower.name = upper.name = `areaBetween(${upper.pathExpression})`;
  return seriesList;
}

export const areaBetween = defineFunction({
  name: 'areaBetween',
  group: 'Graph',
  description: `Fills the area between two series, for a band such as the minimum and maximum of
a latency: its one argument must give exactly two series, the lower edge first (in any order for
the picture). The lower edge is drawn invisible and both are stacked, so this takes
\`areaMode=stacked\` to look right; \`alpha()\` over it makes the band translucent.

.. code-block:: none

  &target=areaBetween(api.latency.{min,max})&areaMode=stacked
  &target=alpha(areaBetween(group(minSeries(api.*.latency),maxSeries(api.*.latency))),0.3)`,
  params: [SERIES_LIST],
  run: (_ctx, { seriesList }) => areaBetweenPair(seriesList),
});
