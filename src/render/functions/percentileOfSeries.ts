import { defineFunction, InputError } from '../function-types.js';
import { param } from '../function-params.js';
import { Series } from '../series.js';
import { pyFormatG } from '../../lib/python-format.js';
import { at, longest, normalize } from './lib/normalize.js';
import { SERIES_LIST } from './lib/params.js';
import { percentile } from './lib/percentile.js';

export const percentileOfSeries = defineFunction({
  name: 'percentileOfSeries',
  group: 'Combine',
  description: `One series: at each point, the n-th percentile of the values the series of the list
have there (nulls left out). Without \`interpolate\` it is always one of those values (the
nearest rank); with it, the value between the two nearest ranks. Series of different steps are
first brought to their least common step.

.. code-block:: none

  &target=percentileOfSeries(hosts.*.requests.latency,95)`,
  params: [SERIES_LIST, param.float('n', { required: true }), param.boolean('interpolate', { default: false })],
  run(ctx, { seriesList, n, interpolate }) {
    if (n <= 0) throw new InputError('The requested percent is required to be greater than 0');
    const norm = normalize([seriesList]);
    if (norm === null) return [];
    const len = longest(norm.values);
    const values = new Float64Array(len);
    const row = new Float64Array(norm.values.length);
    for (let i = 0; i < len; i++) {
      norm.values.forEach((v, j) => (row[j] = at(v, i)));
      values[i] = percentile(row, n, interpolate);
    }
    const name = `percentileOfSeries(${seriesList[0].pathExpression},${pyFormatG(n)})`;
    return [new Series(name, norm.start, norm.end, norm.step, values, { xFilesFactor: ctx.xFilesFactor })];
  },
});
