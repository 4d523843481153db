import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { SERIES_LIST } from './lib/params.js';

/** Python's `list[start:stop]` (`stop` undefined: to the end), negative indices counting from the end */
function pySlice<T>(list: readonly T[], start: number, stop?: number): T[] {
  const at = (i: number) => (i < 0 ? Math.max(0, list.length + i) : Math.min(i, list.length));
  return list.slice(at(start), stop === undefined ? list.length : at(stop));
}

/** graphite-web's substr renaming: the nodes start..stop of the innermost metric path in the name */
export function substrName(name: string, start: number, stop: number): string {
  const left = name.lastIndexOf('(') + 1;
  const close = name.indexOf(')');
  const inner = name.slice(left, close < 0 ? name.length : Math.max(left, close));
  const nodes = inner.split('.');
  const kept = stop === 0 ? pySlice(nodes, start) : pySlice(nodes, start, stop);
  // substr(func(a.b,'c'),1) becomes b, not b,'c'
  return kept.join('.').replace(/,.*$/, '');
}

export const substr = defineFunction({
  name: 'substr',
  group: 'Special',
  description: `Renames each series to a run of the nodes of its metric path (the innermost one
when the name is a function call), from node \`start\` up to but not including node \`stop\`,
counted from 0; negative positions count from the end, and a \`stop\` of 0 means to the end.

.. code-block:: none

  &target=substr(carbon.agents.host01.avgUpdateTime,2,4)`,
  params: [SERIES_LIST, param.node('start', { default: 0 }), param.node('stop', { default: 0 })],
  run(_ctx, { seriesList, start, stop }) {
    return seriesList.map((s) => s.copy({ name: substrName(s.name, Math.trunc(start), Math.trunc(stop)) }));
  },
});
