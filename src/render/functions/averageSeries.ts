import { combineFunction } from './lib/combine-function.js';

const description = `Averages the series point by point over the inputs that have a value
there (short form: \`avg\`); nulls are left out of both the sum and the count.

.. code-block:: none

  &target=averageSeries(hosts.*.cpu.user)`;

export const averageSeries = combineFunction('averageSeries', 'average', description);
export const avg = combineFunction('avg', 'average', description);
