import { defineFunction, InputError } from '../function-types.js';
import { param } from '../function-params.js';
import { divideOne } from './lib/divide.js';

export const divideSeriesLists = defineFunction({
  name: 'divideSeriesLists',
  group: 'Combine',
  description: `Divides two lists of the same length pair by pair: the first series of the first
list by the first of the second, and so on, each named \`divideSeries(<dividend>,<divisor>)\`.
A null or zero divisor gives null; lists of different lengths are refused.

.. code-block:: none

  &target=divideSeriesLists(hosts.*.errors,hosts.*.requests)`,
  params: [param.seriesList('dividendSeriesList', { required: true }), param.seriesList('divisorSeriesList', { required: true })],
  run(ctx, { dividendSeriesList: dividends, divisorSeriesList: divisors }) {
    if (dividends.length !== divisors.length) throw new InputError('dividendSeriesList and divisorSeriesList argument must have equal length');
    return dividends.map((dividend, i) => divideOne(ctx, dividend, divisors[i]));
  },
});
