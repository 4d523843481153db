import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { aggKey } from './lib/nodes.js';
import { SERIES_LIST } from './lib/params.js';

export const aliasByNode = defineFunction({
  name: 'aliasByNode',
  group: 'Alias',
  description: `Renames each series to some of its path nodes (counted from 0, negative from
the end) or tag values, joined with dots. When the name is a function call, the nodes come
from the first metric path inside it.

.. code-block:: none

  &target=aliasByNode(hosts.*.disk.*.used,1,3)`,
  params: [SERIES_LIST, param.nodeOrTag('nodes', { required: true, multiple: true })],
  run(_ctx, { seriesList, nodes }) {
    return seriesList.map((s) => s.copy({ name: aggKey(s, nodes) }));
  },
});
