import { defineFunction, InputError } from '../function-types.js';
import { param } from '../function-params.js';
import { pyPercentFormat } from '../../lib/python-percent-format.js';
import { seriesValues } from './lib/consolidate.js';
import { SERIES_LIST } from './lib/params.js';
import { userRegex, userReplacement } from './lib/regex.js';
import { safeLast } from './lib/safe.js';

export const aliasQuery = defineFunction({
  name: 'aliasQuery',
  group: 'Alias',
  description: `Names each series after the latest value of another series: \`search\` and
\`replace\` (a Python regular expression substitution, \`\\1\` for groups) turn the series' name
into a target, which is evaluated over the same range; the last non-null value of its first
series then fills the printf-style \`newName\` (\`%d\`, \`%.1f\`, \`%s\`, ...).

.. code-block:: none

  &target=aliasQuery(radio.channel.*.power,"power$","frequency","Channel at %d MHz")`,
  params: [
    SERIES_LIST,
    param.string('search', { required: true }),
    param.string('replace', { required: true }),
    param.string('newName', { required: true }),
  ],
  async run(ctx, { seriesList, search, replace, newName }) {
    const regex = userRegex(search, 'g');
    const replacement = userReplacement(replace);
    const out = [];
    for (const s of seriesList) {
      const query = s.name.replace(regex, replacement);
      const found = query.trim() === '' ? [] : await ctx.evaluate(query);
      if (found.length === 0) throw new InputError(`No series found with query: ${query}`);
      const current = safeLast(seriesValues(found[0]));
      if (current !== current) throw new InputError(`Cannot get last value of series: ${found[0].name}`);
      out.push(s.copy({ name: formatName(newName, current, found[0].integral) }));
    }
    return out;
  },
});

function formatName(newName: string, value: number, isInt: boolean): string {
  try {
    return pyPercentFormat(newName, value, isInt);
  } catch (err) {
    throw new InputError(`aliasQuery: cannot format ${JSON.stringify(newName)} with ${value}: ${(err as Error).message}`);
  }
}
