import { defineFunction, InputError } from '../function-types.js';
import { param } from '../function-params.js';

/**
 * seriesByTag's entry in GET /functions. The call itself never reaches `run`: the evaluator
 * fetches it by its text through the tag index wherever it stands, as graphite-web's evaluator
 * hands it to the store (src/render/evaluator/fetcher.ts; docs/tags.md).
 */
export const seriesByTag = defineFunction({
  name: 'seriesByTag',
  group: 'Special',
  description: `The tagged series matching every tag expression given: \`tag=value\`,
\`tag!=value\`, \`tag=~regex\` and \`tag!=~regex\` (regular expressions anchored at the start of the
value). An expression that an empty value satisfies also matches series without the tag, and at
least one expression must not. \`name\` is the metric's name as a tag.

.. code-block:: none

  &target=seriesByTag("name=cpu.load","dc=eu","host!=web01")`,
  params: [param.string('tagExpressions', { required: true, multiple: true })],
  run() {
    throw new InputError('seriesByTag is answered by the tag index');
  },
});
