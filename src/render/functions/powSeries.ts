import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { Series } from '../series.js';
import { at, longest, normalize } from './lib/normalize.js';

/** Python's math.pow as graphite-web's safePow uses it: None for None, for a complex or an infinite answer */
function safePow(base: number, exponent: number): number {
  const r = Math.pow(base, exponent);
  return Number.isFinite(r) ? r : NaN;
}

export const powSeries = defineFunction({
  name: 'powSeries',
  group: 'Combine',
  description: `Raises the first series to the power of the second, the result to the power of the
third, and so on, point by point. A null anywhere in a row gives null from there on, as does a
power that has no real finite value (a negative number to a fractional power, zero to a
negative one). Series of different steps are first brought to their least common step.

.. code-block:: none

  &target=powSeries(stats.base,stats.exponent)`,
  signature: 'powSeries(*seriesLists)',
  aggregator: true,
  params: [param.seriesList('seriesList', { required: true, multiple: true })],
  run(ctx, { seriesList: seriesLists }) {
    const norm = normalize(seriesLists);
    if (norm === null) return [];
    const len = longest(norm.values);
    const values = new Float64Array(len);
    for (let i = 0; i < len; i++) {
      let acc = at(norm.values[0], i);
      for (let j = 1; j < norm.values.length; j++) {
        const v = at(norm.values[j], i);
        acc = acc !== acc || v !== v ? NaN : safePow(acc, v);
      }
      values[i] = acc;
    }
    const name = `powSeries(${norm.series.map((s) => s.name).join(',')})`;
    return [new Series(name, norm.start, norm.end, norm.step, values, { xFilesFactor: ctx.xFilesFactor })];
  },
});
