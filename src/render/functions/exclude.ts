import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { SERIES_LIST } from './lib/params.js';
import { userRegex } from './lib/regex.js';

export const exclude = defineFunction({
  name: 'exclude',
  group: 'Filter Series',
  description: `Drops the series whose name matches a regular expression anywhere.

.. code-block:: none

  &target=exclude(hosts.*.cpu.user,"^hosts\\.test")`,
  params: [SERIES_LIST, param.string('pattern', { required: true })],
  run(_ctx, { seriesList, pattern }) {
    const regex = userRegex(pattern);
    return seriesList.filter((s) => !regex.test(s.name));
  },
});
