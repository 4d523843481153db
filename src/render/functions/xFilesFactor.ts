import type { RenderFunction } from '../function-types.js';
import { pyFloatRepr } from '../../lib/python-format.js';
import { numberArg, seriesListArg } from './lib/args.js';
import { SERIES_LIST } from './lib/params.js';

function make(name: string): RenderFunction {
  return {
    name,
    group: 'Special',
    description: `Sets the xFilesFactor (0 to 1): the share of non-null values a bucket needs to
give a value when these series are consolidated (maxDataPoints, mixed steps), and the default
of every function that takes one, for the rest of the request.

.. code-block:: none

  &target=xFilesFactor(hosts.*.cpu.user,0.5)`,
    params: [SERIES_LIST, { name: 'xFilesFactor', type: 'float', required: true }],
    run(ctx, args) {
      const factor = numberArg(args, 'xFilesFactor');
      ctx.xFilesFactor = factor;
      return seriesListArg(args, 'seriesList').map((s) => s.copy({ xFilesFactor: factor, tags: { ...s.tags, xFilesFactor: pyFloatRepr(factor) } }));
    },
  };
}

export const xFilesFactor = make('xFilesFactor');
export const setXFilesFactor = make('setXFilesFactor');
