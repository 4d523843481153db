import { defineFunction } from '../function-types.js';
import { SERIES_LIST } from './lib/params.js';
import { mapValues } from './lib/series-ops.js';
import { mapPaced } from './lib/paced.js';

/** 1 where a value differs from the last non-null one before it, else 0 (the first value and nulls are 0) */
function changes(values: Float64Array): Float64Array {
  let previous = NaN;
  return mapValues(values, (v) => {
    if (previous !== previous) {
      previous = v;
      return 0;
    }
    if (v === v && v !== previous) {
      previous = v;
      return 1;
    }
    return 0;
  });
}

export const changed = defineFunction({
  name: 'changed',
  group: 'Special',
  description: `Marks the points where a series' value changed: 1 where it differs from the last
non-null value before it, 0 elsewhere (the first value, repeats and nulls).

.. code-block:: none

  &target=changed(hosts.web01.config.version)`,
  params: [SERIES_LIST],
  run(ctx, { seriesList }) {
    return mapPaced(ctx, seriesList, (s) => {
      const name = `changed(${s.name})`;
      // Python ints, as countSeries' counts (names show 1, not 1.0)
      return s.copy({ name, pathExpression: name, values: changes(s.values), integral: true });
    });
  },
});
