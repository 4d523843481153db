import { defineFunction, InputError } from '../function-types.js';
import { param } from '../function-params.js';
import { Series } from '../series.js';
import { at, longest, normalize } from './lib/normalize.js';
import { safeDiv } from './lib/safe.js';

export const divideSeries = defineFunction({
  name: 'divideSeries',
  group: 'Combine',
  description: `Divides each series of the first list by the one series of the second, point by
point; a null or zero divisor gives null. An empty divisor list makes every quotient null and
names it \`divideSeries(<name>,MISSING)\`. To divide by a constant, use \`scale\` with the inverse.

.. code-block:: none

  &target=divideSeries(http.errors,http.requests)`,
  params: [
    param.seriesList('dividendSeriesList', { required: true }),
    param.seriesList('divisorSeries', { required: true }),
  ],
  run(ctx, { dividendSeriesList: dividends, divisorSeries: divisors }) {
    if (divisors.length === 0) {
      return dividends.map((s) => {
        const name = `divideSeries(${s.name},MISSING)`;
        return s.copy({ name, pathExpression: name, values: new Float64Array(s.values.length).fill(NaN) });
      });
    }
    if (divisors.length > 1) throw new InputError(`divideSeries second argument must reference exactly 1 series (got ${divisors.length})`);
    const divisor = divisors[0];
    return dividends.map((dividend) => {
      const n = normalize([[dividend, divisor]])!;
      const [a, b] = n.values;
      const len = longest(n.values);
      const values = new Float64Array(len);
      for (let i = 0; i < len; i++) values[i] = safeDiv(at(a, i), at(b, i));
      return new Series(`divideSeries(${dividend.name},${divisor.name})`, n.start, n.end, n.step, values, { xFilesFactor: ctx.xFilesFactor });
    });
  },
});
