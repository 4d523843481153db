import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { SERIES_LIST } from './lib/params.js';
import { userRegex } from './lib/regex.js';

export const grep = defineFunction({
  name: 'grep',
  group: 'Filter Series',
  description: `Keeps only the series whose name matches a regular expression anywhere.

.. code-block:: none

  &target=grep(hosts.*.cpu.user,"web0[1-3]")`,
  params: [SERIES_LIST, param.string('pattern', { required: true })],
  run(_ctx, { seriesList, pattern }) {
    const regex = userRegex(pattern);
    return seriesList.filter((s) => regex.test(s.name));
  },
});
