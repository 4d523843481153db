import { defineFunction } from '../function-types.js';
import { param, sortOptions } from '../function-params.js';
import { pyFloatRepr, pyFormatFixed } from '../../lib/python-format.js';
import { seriesValues } from './lib/consolidate.js';
import { formatUnits, type UnitSystem } from './lib/units.js';
import { SERIES_LIST } from './lib/params.js';
import { AGG_FUNC_NAMES, aggFuncAnswersInt, getAggFunc } from './lib/safe.js';

function pyValueStr(value: number, isInt: boolean): string {
  if (value !== value) return 'None';
  return isInt ? String(value) : pyFloatRepr(value);
}

function padRight(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

export const legendValue = defineFunction({
  name: 'legendValue',
  group: 'Alias',
  description: `Appends summary values of each series to its name, for legends: any
aggregation function name (\`avg\`, \`max\`, \`last\`, ...). When the last argument is \`si\` or
\`binary\`, values are scaled with that unit system and laid out in columns.

.. code-block:: none

  &target=legendValue(hosts.web01.net.rx_bytes,"avg","max","si")`,
  // graphite-web prints its Python argument's name, valueTypes, where its parameter is valuesTypes
  signature: 'legendValue(seriesList, *valueTypes)',
  params: [
    SERIES_LIST,
    param.string('valuesTypes', { multiple: true, options: sortOptions([...AGG_FUNC_NAMES, ...AGG_FUNC_NAMES.map((n) => `${n}Series`), 'si', 'binary']) }),
  ],
  run(_ctx, { seriesList, valuesTypes }) {
    let types = valuesTypes;
    let system: UnitSystem | null = null;
    const last = types[types.length - 1];
    if (last === 'si' || last === 'binary') {
      system = last;
      types = types.slice(0, -1);
    }
    let series = seriesList;
    for (const type of types) {
      let func: ((v: Float64Array) => number) | null;
      try {
        func = getAggFunc(type);
      } catch {
        func = null;
      }
      series = series.map((s) => {
        const values = seriesValues(s);
        const value = func ? func(values) : NaN;
        const isInt = aggFuncAnswersInt(type, s.integral, values);
        if (system === null) return s.copy({ name: `${s.name} (${type}: ${func ? pyValueStr(value, isInt) : '(?)'})` });
        let formatted: string;
        if (!func) formatted = '(?)';
        else if (value !== value) formatted = 'None';
        else {
          const [v, prefix] = formatUnits(value, system);
          formatted = pyFormatFixed(v, 2) + prefix;
        }
        return s.copy({ name: padRight(s.name, 20) + padRight(type, 5) + padRight(formatted, 10) });
      });
    }
    return series;
  },
});
