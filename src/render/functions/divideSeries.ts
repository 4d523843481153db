import { defineFunction, InputError } from '../function-types.js';
import { param } from '../function-params.js';
import { divideOne } from './lib/divide.js';

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
    return dividends.map((dividend) => divideOne(ctx, dividend, divisors[0]));
  },
});
