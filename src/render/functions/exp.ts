import { pointwiseFunction } from './lib/pointwise.js';

export const exp = pointwiseFunction(
  'exp',
  `e (2.71828...) raised to the power of each point; nulls stay null.

.. code-block:: none

  &target=exp(model.log_odds)`,
  'e',
  Math.exp,
);
