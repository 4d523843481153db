import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { SERIES_LIST } from './lib/params.js';

/** digit runs padded to 10 places, so that host2 sorts before host10 */
function naturalKey(name: string): string {
  return name.replace(/\d+/g, (digits) => {
    const n = BigInt(digits).toString();
    return n.padStart(10, '0');
  });
}

export const sortByName = defineFunction({
  name: 'sortByName',
  group: 'Sorting',
  description: `Sorts the series by name, alphabetically or, with \`natural\`, with numbers in
names compared as numbers (server2 before server10). \`reverse\` turns the order around.

.. code-block:: none

  &target=sortByName(hosts.*.cpu.user,true)`,
  params: [SERIES_LIST, param.boolean('natural', { default: false }), param.boolean('reverse', { default: false })],
  run(_ctx, { seriesList, natural, reverse }) {
    const keyed = seriesList.map((s) => ({ s, key: natural ? naturalKey(s.name) : s.name }));
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    keyed.sort((a, b) => (reverse ? cmp(b.key, a.key) : cmp(a.key, b.key)));
    return keyed.map((k) => k.s);
  },
});
