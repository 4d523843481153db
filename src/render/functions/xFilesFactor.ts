import { defineFunction, type RenderFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { pyFloatRepr } from '../../lib/python-format.js';
import { SERIES_LIST } from './lib/params.js';

function make(name: string): RenderFunction {
  return defineFunction({
    name,
    group: 'Special',
    description: `Sets the xFilesFactor (0 to 1): the share of non-null values a bucket needs to
give a value when these series are consolidated (maxDataPoints, mixed steps), and the default
of every function that takes one, for the rest of the request.

.. code-block:: none

  &target=xFilesFactor(hosts.*.cpu.user,0.5)`,
    params: [SERIES_LIST, param.float('xFilesFactor', { required: true })],
    run(ctx, { seriesList, xFilesFactor: factor }) {
      ctx.xFilesFactor = factor;
      return seriesList.map((s) => s.copy({ xFilesFactor: factor, tags: { ...s.tags, xFilesFactor: pyFloatRepr(factor) } }));
    },
  });
}

export const xFilesFactor = make('xFilesFactor');
export const setXFilesFactor = make('setXFilesFactor');
