import { combineFunction } from './lib/combine-function.js';

const description = `Adds the series together point by point (short form: \`sum\`). Nulls are
skipped, not counted as zero; a point is null when fewer inputs than the xFilesFactor asks for
have a value there. Series of different steps are first brought to their least common step.

.. code-block:: none

  &target=sumSeries(hosts.*.requests.count)`;

export const sumSeries = combineFunction('sumSeries', 'sum', description);
export const sum = combineFunction('sum', 'sum', description);
