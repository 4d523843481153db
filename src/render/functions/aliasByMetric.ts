import { defineFunction } from '../function-types.js';
import { SERIES_LIST } from './lib/params.js';

/** graphite-web's substr(seriesList, -1, 0): the last node of the innermost path, up to any comma. */
function lastNode(name: string): string {
  const left = name.lastIndexOf('(') + 1;
  let right = name.indexOf(')');
  if (right < 0) right = name.length + 1;
  const clean = right > left ? name.slice(left, right) : '';
  const nodes = clean.split('.');
  return nodes[nodes.length - 1].replace(/,.*$/, '');
}

export const aliasByMetric = defineFunction({
  name: 'aliasByMetric',
  group: 'Alias',
  description: `Renames each series to the last node of its metric path, also when the path is
wrapped in function calls.

.. code-block:: none

  &target=aliasByMetric(hosts.web01.load.*)`,
  params: [SERIES_LIST],
  run(_ctx, { seriesList }) {
    return seriesList.map((s) => s.copy({ name: lastNode(s.name) }));
  },
});
