import { pyRound } from '../../lib/python-format.js';
import { counterFunction } from './lib/counter-function.js';

export const perSecond = counterFunction(
  'perSecond',
  `The per-second rate of a counter: as \`nonNegativeDerivative\` (same \`maxValue\` and
\`minValue\`), divided by the series' step and rounded to 6 decimals.

.. code-block:: none

  &target=perSecond(hosts.web01.net.rx_bytes)`,
  (delta, step) => pyRound(delta / step, 6),
);
