import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { aggKey } from './lib/nodes.js';
import { SERIES_LIST } from './lib/params.js';

/** graphite-web's aliasByTags is aliasByNode under another name: tags and nodes alike. */
export const aliasByTags = defineFunction({
  name: 'aliasByTags',
  group: 'Alias',
  description: `Renames each series to the values of some of its tags (or path nodes, counted
from 0), joined with dots: aliasByNode for tagged series.

.. code-block:: none

  &target=seriesByTag("name=cpu")|aliasByTags("server","name")`,
  params: [SERIES_LIST, param.nodeOrTag('tags', { required: true, multiple: true })],
  run(_ctx, { seriesList, tags }) {
    return seriesList.map((s) => s.copy({ name: aggKey(s, tags) }));
  },
});
