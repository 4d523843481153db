import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { SERIES_LIST } from './lib/params.js';
import { userRegex, userReplacement } from './lib/regex.js';

export const aliasSub = defineFunction({
  name: 'aliasSub',
  group: 'Alias',
  description: `Renames each series by a regular expression substitution on its name, Python
style: every match of \`search\` is replaced by \`replace\`, which may refer to groups as \`\\1\`
or \`\\g<name>\`.

.. code-block:: none

  &target=aliasSub(hosts.*.nic.eth0.rx,"^hosts\\.([^.]+)\\..*$","\\1 in")`,
  params: [SERIES_LIST, param.string('search', { required: true }), param.string('replace', { required: true })],
  async run(ctx, { seriesList, search, replace }) {
    const regex = userRegex(search, 'g');
    const replacement = userReplacement(replace);
    const out = [];
    for (const s of seriesList) {
      // a costly expression over many names: other requests run between names
      await ctx.pause();
      out.push(s.copy({ name: s.name.replace(regex, replacement) }));
    }
    return out;
  },
});
