import type { RenderFunction } from '../function-types.js';
import { seriesListArg, stringArg } from './lib/args.js';
import { SERIES_LIST } from './lib/params.js';
import { userRegex, userReplacement } from './lib/regex.js';

export const aliasSub: RenderFunction = {
  name: 'aliasSub',
  group: 'Alias',
  description: `Renames each series by a regular expression substitution on its name, Python
style: every match of \`search\` is replaced by \`replace\`, which may refer to groups as \`\\1\`
or \`\\g<name>\`.

.. code-block:: none

  &target=aliasSub(hosts.*.nic.eth0.rx,"^hosts\\.([^.]+)\\..*$","\\1 in")`,
  params: [SERIES_LIST, { name: 'search', type: 'string', required: true }, { name: 'replace', type: 'string', required: true }],
  run(_ctx, args) {
    const regex = userRegex(stringArg(args, 'search'), 'g');
    const replacement = userReplacement(stringArg(args, 'replace'));
    return seriesListArg(args, 'seriesList').map((s) => s.copy({ name: s.name.replace(regex, replacement) }));
  },
};
