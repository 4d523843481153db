import { counterFunction } from './lib/counter-function.js';

export const nonNegativeDerivative = counterFunction(
  'nonNegativeDerivative',
  `The change between consecutive points of a counter, with drops treated as
resets: null by default, or the growth as if the counter had wrapped at \`maxValue\` (and
restarted from \`minValue\`, when given).

.. code-block:: none

  &target=nonNegativeDerivative(hosts.web01.net.rx_bytes)`,
  (delta) => delta,
);
