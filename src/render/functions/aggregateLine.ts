import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { pyFormatG } from '../../lib/python-format.js';
import { constantLineSeries } from './constantLine.js';
import { seriesValues } from './lib/consolidate.js';
import { SERIES_LIST } from './lib/params.js';
import { aggFuncAnswersInt, getAggFunc } from './lib/safe.js';
import { pyCopy } from './lib/series-ops.js';

export const aggregateLine = defineFunction({
  name: 'aggregateLine',
  group: 'Calculate',
  description: `Replaces each series by a horizontal line at one aggregate of its values
(\`average\` unless \`func\` names another aggregation). The line spans the requested range in
three points, or keeps the series' own points and step with \`keepStep\`. With \`min\` or
\`max\`, a graph consolidating the series by its default average may not touch the line:
\`consolidateBy\` with the same function lines them up.

.. code-block:: none

  &target=aggregateLine(hosts.web01.connections,"max")
  &target=aggregateLine(hosts.*.connections,"avg",true)`,
  params: [SERIES_LIST, param.aggFunc('func', { default: 'average' }), param.boolean('keepStep', { default: false })],
  run(ctx, { seriesList, func, keepStep }) {
    const agg = getAggFunc(func);
    return seriesList.map((s) => {
      const values = seriesValues(s);
      const value = agg(values);
      const isInt = aggFuncAnswersInt(func, s.integral, values);
      const name = `aggregateLine(${s.name}, ${value === value ? pyFormatG(value) : 'None'})`;
      const line = keepStep
        ? pyCopy(s, { name, values: new Float64Array(s.values.length).fill(value) })
        : // graphite-web's constantLine(value): named, and tagged, by the value as Python prints it
          constantLineSeries(ctx, value, isInt);
      if (value !== value && !keepStep) line.tags = { name: 'None' };
      line.name = line.pathExpression = name;
      line.integral = isInt;
      return line;
    });
  },
});
