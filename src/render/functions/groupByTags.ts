import { defineFunction, InputError } from '../function-types.js';
import { param } from '../function-params.js';
import { parseTags, type Series } from '../series.js';
import { compareCodePoints } from '../../series/id.js';
import { aggregate } from './lib/aggregate.js';
import { SERIES_LIST } from './lib/params.js';

/**
 * The group key of a series, a tagged name: the metric name (the series' own `name` when the
 * tags include `name`, else the one shared by every series or the callback's name), then
 * `tag=value` for each tag sorted as graphite sorts them ('' for a tag the series lacks).
 */
function groupKey(series: Series, tags: readonly string[], name: string | null): string {
  const pairs = tags.filter((t) => t !== 'name').map((t) => `${t}=${series.tags[t] ?? ''}`);
  return [name ?? series.tags.name, ...pairs.sort(compareCodePoints)].join(';');
}

export const groupByTags = defineFunction({
  name: 'groupByTags',
  group: 'Combine',
  description: `Groups the series by the values of some of their tags and combines each group
with the callback (an aggregation such as \`sum\` or \`average\`, or an aggregating function such
as \`sumSeries\`). Each result is a tagged series named by its group: the metric name (kept when
\`name\` is among the tags, else the name all series share, else the callback) and the tags.

.. code-block:: none

  &target=seriesByTag("name=cpu")|groupByTags("average","dc")`,
  params: [SERIES_LIST, param.aggOrSeriesFunc('callback', { required: true }), param.tag('tags', { required: true, multiple: true })],
  async run(ctx, { seriesList, callback, tags }) {
    if (tags.length === 0) throw new InputError('groupByTags(): no tags specified');
    // grouped by name too when asked; otherwise one name for every group
    let name: string | null = null;
    if (!tags.includes('name')) {
      const names = new Set(seriesList.map((s) => s.tags.name));
      name = names.size === 1 ? [...names][0] : callback;
    }
    const groups = new Map<string, Series[]>();
    for (const s of seriesList) {
      const key = groupKey(s, tags, name);
      const group = groups.get(key);
      if (group) group.push(s);
      else groups.set(key, [s]);
    }
    const fn = ctx.seriesFunction(callback);
    const out: Series[] = [];
    for (const [key, list] of groups) {
      const combined = fn?.aggregator ? (await fn.call([list]))[0] : (await aggregate(ctx, [list], callback))[0];
      // graphite-web parses the key for the tags; a key it cannot parse (a tag some series lack
      // gives `tag=`) fails there with a 500, carbyne keeps the key as the name tag
      out.push(combined.copy({ name: key, pathExpression: key, tags: parseTags(key) }));
    }
    return out;
  },
});
