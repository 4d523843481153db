import { pointwiseFunction } from './lib/pointwise.js';

export const logit = pointwiseFunction(
  'logit',
  `The log-odds \`ln(x / (1 - x))\` of each point, the inverse of sigmoid. Points where it is
undefined (0, 1 and anything outside (0, 1)) become null.

.. code-block:: none

  &target=logit(model.click_probability)`,
  'logit',
  (v) => {
    // Python raises (and graphite-web writes None) for a zero divisor and a log of zero or less
    if (v === 1) return NaN;
    const odds = v / (1 - v);
    return odds > 0 ? Math.log(odds) : NaN;
  },
);
