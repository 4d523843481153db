import { isDefaulted, type RenderFunction } from '../function-types.js';
import { pyFloatRepr, pyFormatG } from '../../lib/python-format.js';
import { optionalNumberArg, optionalSeriesListArg, seriesListArg } from './lib/args.js';
import { seriesValues } from './lib/consolidate.js';
import { at, longest } from './lib/normalize.js';
import { SERIES_LIST } from './lib/params.js';

export const transformNull: RenderFunction = {
  name: 'transformNull',
  group: 'Transform',
  description: `Replaces nulls with a value (0 unless given). With \`referenceSeries\`, only the
nulls at points where at least one reference series has a value are replaced.

.. code-block:: none

  &target=transformNull(queue.*.depth,0)`,
  params: [SERIES_LIST, { name: 'default', type: 'float', default: 0 }, { name: 'referenceSeries', type: 'seriesList' }],
  run(_ctx, args) {
    const fill = optionalNumberArg(args, 'default') ?? 0;
    // graphite-web's tag is str(default): a given value arrives as a float ("0.0"), the
    // signature's own default is the int 0 ("0")
    const fillTag = isDefaulted(args, 'default') ? '0' : pyFloatRepr(fill);
    const reference = optionalSeriesListArg(args, 'referenceSeries') ?? [];
    let defaults: Float64Array | null = null;
    if (reference.length > 0) {
      const cols = reference.map(seriesValues);
      const len = longest(cols);
      if (len > 0) {
        defaults = new Float64Array(len);
        for (let i = 0; i < len; i++) defaults[i] = cols.some((c) => at(c, i) === at(c, i)) ? fill : NaN;
      }
    }
    return seriesListArg(args, 'seriesList').map((s) => {
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
};
