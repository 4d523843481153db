import { pointwiseFunction, safePow } from './lib/pointwise.js';

export const invert = pointwiseFunction(
  'invert',
  `The reciprocal \`1/x\` of each point. A zero, like a null, becomes null.

.. code-block:: none

  &target=invert(jobs.seconds_per_job)`,
  '1',
  (v) => safePow(v, -1),
);
