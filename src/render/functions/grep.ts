import type { RenderFunction } from '../function-types.js';
import { seriesListArg, stringArg } from './lib/args.js';
import { SERIES_LIST } from './lib/params.js';
import { userRegex } from './lib/regex.js';

export const grep: RenderFunction = {
  name: 'grep',
  group: 'Filter Series',
  description: `Keeps only the series whose name matches a regular expression anywhere.

.. code-block:: none

  &target=grep(hosts.*.cpu.user,"web0[1-3]")`,
  params: [SERIES_LIST, { name: 'pattern', type: 'string', required: true }],
  run(_ctx, args) {
    const regex = userRegex(stringArg(args, 'pattern'));
    return seriesListArg(args, 'seriesList').filter((s) => regex.test(s.name));
  },
};
