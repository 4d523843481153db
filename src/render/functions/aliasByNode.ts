import type { RenderFunction } from '../function-types.js';
import { nodesArg, seriesListArg } from './lib/args.js';
import { aggKey } from './lib/nodes.js';
import { SERIES_LIST } from './lib/params.js';

export const aliasByNode: RenderFunction = {
  name: 'aliasByNode',
  group: 'Alias',
  description: `Renames each series to some of its path nodes (counted from 0, negative from
the end) or tag values, joined with dots. When the name is a function call, the nodes come
from the first metric path inside it.

.. code-block:: none

  &target=aliasByNode(hosts.*.disk.*.used,1,3)`,
  params: [SERIES_LIST, { name: 'nodes', type: 'nodeOrTag', required: true, multiple: true }],
  run(_ctx, args) {
    const nodes = nodesArg(args, 'nodes');
    return seriesListArg(args, 'seriesList').map((s) => s.copy({ name: aggKey(s, nodes) }));
  },
};
