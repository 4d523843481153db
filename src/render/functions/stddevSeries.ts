import { combineFunction } from './lib/combine-function.js';

export const stddevSeries = combineFunction(
  'stddevSeries',
  'stddev',
  `The population standard deviation of the series at each point, over the inputs that have a
value there. Series of different steps are first brought to their least common step; a point
is null when fewer inputs than the xFilesFactor asks for have a value.

.. code-block:: none

  &target=stddevSeries(hosts.*.requests.latency)`,
);
