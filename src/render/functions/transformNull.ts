import { defineFunction, isDefaulted } from '../function-types.js';
import { param } from '../function-params.js';
import { pyFloatRepr, pyFormatG } from '../../lib/python-format.js';
import { seriesValues } from './lib/consolidate.js';
import { at, longest } from './lib/normalize.js';
import { SERIES_LIST } from './lib/params.js';
import { mapPaced } from './lib/paced.js';

export const transformNull = defineFunction({
  name: 'transformNull',
  group: 'Transform',
  description: `Replaces nulls with a value (0 unless given). With \`referenceSeries\`, only the
nulls at points where at least one reference series has a value are replaced.

.. code-block:: none

  &target=transformNull(queue.*.depth,0)`,
  params: [SERIES_LIST, param.float('default', { default: 0 }), param.seriesList('referenceSeries')],
  run(ctx, args) {
    const { seriesList, default: fill } = args;
    // graphite-web's tag is str(default): a given value arrives as a float ("0.0"), the
    // signature's own default is the int 0 ("0")
    const fillTag = isDefaulted(args, 'default') ? '0' : pyFloatRepr(fill);
    const reference = args.referenceSeries ?? [];
    let defaults: Float64Array | null = null;
    if (reference.length > 0) {
      const cols = reference.map(seriesValues);
      const len = longest(cols);
      if (len > 0) {
        defaults = new Float64Array(len);
        for (let i = 0; i < len; i++) defaults[i] = cols.some((c) => at(c, i) === at(c, i)) ? fill : NaN;
      }
    }
    return mapPaced(ctx, seriesList, (s) => {
      const input = seriesValues(s);
      let values: Float64Array;
      if (defaults) {
        const d = defaults;
        values = new Float64Array(Math.max(input.length, d.length));
        for (let i = 0; i < values.length; i++) {
          const v = at(input, i);
          values[i] = v === v ? v : at(d, i);
        }
      } else {
        values = input.map((v) => (v === v ? v : fill));
      }
      const name = reference.length > 0 ? `transformNull(${s.name},${pyFormatG(fill)},referenceSeries)` : `transformNull(${s.name},${pyFormatG(fill)})`;
      const tags: Record<string, string> = { ...s.tags, transformNull: fillTag };
      if (reference.length > 0) tags.referenceSeries = '1';
      return s.copy({ name, pathExpression: name, values, tags });
    });
  },
});
