import { defineFunction, isDefaulted } from '../function-types.js';
import { param } from '../function-params.js';
import { pyFormatG, pyRound } from '../../lib/python-format.js';
import { SERIES_LIST } from './lib/params.js';
import { mapValues } from './lib/series-ops.js';
import { mapPaced } from './lib/paced.js';

export const round = defineFunction({
  name: 'round',
  group: 'Transform',
  description: `Rounds each point to \`precision\` decimal places (a whole number unless given; a
negative precision rounds to tens, hundreds, ...). Exact halves go to the even neighbour.

.. code-block:: none

  &target=round(hosts.web01.load,1)`,
  // graphite-web's Python default is None (no precision in the name); /functions shows 0
  signature: 'round(seriesList, precision=None)',
  params: [SERIES_LIST, param.integer('precision', { default: 0 })],
  run(ctx, args) {
    const { seriesList, precision } = args;
    const given = !isDefaulted(args, 'precision');
    return mapPaced(ctx, seriesList, (s) => {
      const name = given ? `round(${s.name},${pyFormatG(precision)})` : `round(${s.name})`;
      return s.copy({
        name,
        pathExpression: name,
        values: mapValues(s.values, (v) => pyRound(v, precision)),
        tags: { ...s.tags, round: String(precision) },
        // Python's round() of an int with digits is an int again
        integral: s.integral,
      });
    });
  },
});
