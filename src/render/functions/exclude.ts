import type { RenderFunction } from '../function-types.js';
import { seriesListArg, stringArg } from './lib/args.js';
import { SERIES_LIST } from './lib/params.js';
import { userRegex } from './lib/regex.js';

export const exclude: RenderFunction = {
  name: 'exclude',
  group: 'Filter Series',
  description: `Drops the series whose name matches a regular expression anywhere.

.. code-block:: none

  &target=exclude(hosts.*.cpu.user,"^hosts\\.test")`,
  params: [SERIES_LIST, { name: 'pattern', type: 'string', required: true }],
  run(_ctx, args) {
    const regex = userRegex(stringArg(args, 'pattern'));
    return seriesListArg(args, 'seriesList').filter((s) => !regex.test(s.name));
  },
};
