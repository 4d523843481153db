import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { pyFormatFixed } from '../../lib/python-format.js';
import { seriesValues } from './lib/consolidate.js';
import { SERIES_LIST } from './lib/params.js';
import { safeLast, safeMax, safeMin } from './lib/safe.js';
import { formatUnits, type UnitSystem } from './lib/units.js';

/** Python's `'%*s' % (-width, text)`: padded on the right to `width` characters (code points, as Python counts) */
function leftAligned(text: string, width: number): string {
  const length = Array.from(text).length;
  return length >= width ? text : text + ' '.repeat(width - length);
}

/** a value as the legend shows it: two decimals, scaled to a unit prefix when a system is given, then the units */
function formatter(system: UnitSystem | undefined, units: string | undefined): (x: number) => string {
  if (system) {
    return (x) => {
      const [v, prefix] = formatUnits(x, system);
      return units ? `${pyFormatFixed(v, 2)} ${prefix}${units}` : pyFormatFixed(v, 2) + prefix;
    };
  }
  return units ? (x) => `${pyFormatFixed(x, 2)} ${units}` : (x) => pyFormatFixed(x, 2);
}

export const cactiStyle = defineFunction({
  name: 'cactiStyle',
  group: 'Special',
  description: `Appends the last, largest and smallest value to each series' name, as Cacti
legends do ("Current:", "Max:", "Min:"), padded into columns that line up in a monospace font
across the series of one call (join targets with \`group()\` to line them up). \`system\`
(\`si\` or \`binary\`) scales the values to unit prefixes; \`units\` is written after them.

.. code-block:: none

  &target=cactiStyle(hosts.*.nic.eth0.tx_bytes,"binary","B")`,
  params: [SERIES_LIST, param.string('system', { options: ['si', 'binary'] }), param.string('units')],
  run(_ctx, { seriesList, system, units }) {
    if (seriesList.length === 0) return seriesList;
    const fmt = formatter(system, units);
    const stats = seriesList.map((s) => {
      const values = seriesValues(s);
      return { s, last: safeLast(values), max: safeMax(values), min: safeMin(values) };
    });
    // the columns are as wide as the widest whole part of each statistic (3 for none or zero), plus 3
    const width = (pickStat: (st: (typeof stats)[number]) => number) =>
      Math.max(0, ...stats.map((st) => Array.from(fmt(Math.trunc(pickStat(st) || 3) + 0)).length)) + 3;
    const nameLen = Math.max(0, ...seriesList.map((s) => Array.from(s.name).length));
    const lastLen = width((st) => st.last);
    const maxLen = width((st) => st.max);
    const minLen = width((st) => st.min);
    const show = (v: number) => (v !== v ? 'nan' : fmt(v));
    return stats.map(({ s, last, max, min }) =>
      s.copy({
        name: `${leftAligned(s.name, nameLen)} Current:${leftAligned(show(last), lastLen)} Max:${leftAligned(show(max), maxLen)} Min:${leftAligned(show(min), minLen)} `,
      }),
    );
  },
});
