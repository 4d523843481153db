import { pointwiseFunction } from './lib/pointwise.js';

export const sigmoid = pointwiseFunction(
  'sigmoid',
  `The logistic function \`1 / (1 + e^-x)\` of each point, squeezing any value into (0, 1);
nulls stay null.

.. code-block:: none

  &target=sigmoid(model.score)`,
  'sigmoid',
  (v) => 1 / (1 + Math.exp(-v)),
);
