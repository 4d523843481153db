import { defineFunction, InputError } from '../function-types.js';
import { param } from '../function-params.js';
import { Series } from '../series.js';
import { aggregate } from './lib/aggregate.js';
import { seriesValues } from './lib/consolidate.js';
import { aggKey } from './lib/nodes.js';
import { at } from './lib/normalize.js';
import { safeDiv, safeMul } from './lib/safe.js';

/** the distinct pathExpressions of a list, sorted, joined by commas */
function sortedPaths(list: readonly Series[]): string {
  return [...new Set(list.map((s) => s.pathExpression))].sort().join(',');
}

/** index-paired values: izip_longest's pairs, None past the shorter end */
function pairwise(a: ArrayLike<number>, b: ArrayLike<number>, fn: (x: number, y: number) => number): Float64Array {
  const out = new Float64Array(Math.max(a.length, b.length));
  for (let i = 0; i < out.length; i++) out[i] = fn(at(a, i), at(b, i));
  return out;
}

export const weightedAverage = defineFunction({
  name: 'weightedAverage',
  group: 'Combine',
  description: `The average of the first list weighted by the second: each value series is paired
with the weight series that has the same key (the given nodes or tags of its name), their
products are summed and the sum divided by the sum of every weight series, point by point.
Both lists must have as many series; a key found in only one of them adds no product.

.. code-block:: none

  &target=weightedAverage(hosts.*.latency.mean,hosts.*.latency.count,1)`,
  params: [param.seriesList('seriesListAvg', { required: true }), param.seriesList('seriesListWeight', { required: true }), param.nodeOrTag('nodes', { multiple: true })],
  async run(ctx, { seriesListAvg: avgs, seriesListWeight: weights, nodes }) {
    if (avgs.length !== weights.length) {
      throw new InputError(
        `weightedAverage must receive the same number of series for seriesListAvg and seriesListWeight but received respectively ${avgs.length} and ${weights.length}`,
      );
    }
    const byKey = new Map<string, { avg?: Series; weight?: Series }>();
    const slot = (s: Series) => {
      const key = aggKey(s, nodes);
      let entry = byKey.get(key);
      if (!entry) byKey.set(key, (entry = {}));
      return entry;
    };
    avgs.forEach((avg, i) => {
      slot(avg).avg = avg;
      slot(weights[i]).weight = weights[i];
    });
    const products: Series[] = [];
    for (const { avg, weight } of byKey.values()) {
      if (!avg || !weight) continue;
      const values = pairwise(seriesValues(avg), seriesValues(weight), (a, w) => safeMul([a, w]));
      products.push(new Series(`product(${weight.name},${avg.name})`, avg.start, avg.end, avg.step, values, { xFilesFactor: ctx.xFilesFactor }));
    }
    if (products.length === 0) return [];
    const [sumProducts] = await aggregate(ctx, [products], 'sum');
    const [sumWeights] = await aggregate(ctx, [weights], 'sum');
    const name = `weightedAverage(${sortedPaths(avgs)}, ${sortedPaths(weights)}, ${nodes.map(String).join(',')})`;
    const values = pairwise(sumProducts.values, sumWeights.values, safeDiv);
    return [new Series(name, sumProducts.start, sumProducts.end, sumProducts.step, values, { xFilesFactor: ctx.xFilesFactor })];
  },
});
