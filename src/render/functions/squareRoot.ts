import { pointwiseFunction, safePow } from './lib/pointwise.js';

export const squareRoot = pointwiseFunction(
  'squareRoot',
  `The square root of each point. Negative points have none and become null, as nulls stay.

.. code-block:: none

  &target=squareRoot(geometry.area_m2)`,
  '1',
  (v) => safePow(v, 0.5),
);
