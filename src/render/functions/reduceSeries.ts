import { defineFunction, InputError, type EvalContext } from '../function-types.js';
import { param } from '../function-params.js';
import type { Series } from '../series.js';
import { headSlice } from './lib/py-slice.js';

const description = `Combines the series of each list of a list of series lists (what \`mapSeries\`
answers; short form: \`reduce\`) with another render function. In each list, the series whose
\`reduceNode\`-th node equals one of \`reduceMatchers\` become that function's arguments, one
list of one series each, in the order of the matchers; the first series it answers is named
after the nodes before \`reduceNode\`, then \`reduce\` and the function's name.

.. code-block:: none

  &target=reduceSeries(mapSeries(hosts.*.disk.*,1),"divideSeries",3,"used","total")

gives \`hosts.<host>.disk.reduce.divideSeries\` for each host.`;

/** The series each reduced name takes, one slot per matcher, in the order the names first appear. */
function slotsByName(seriesLists: readonly (readonly Series[])[], reduceFunction: string, reduceNode: number, matchers: readonly string[]): Map<string, (Series | undefined)[]> {
  const slots = new Map<string, (Series | undefined)[]>();
  for (const list of seriesLists) {
    for (const s of list) {
      const nodes = s.name.split('.');
      const node = nodes[reduceNode < 0 ? nodes.length + reduceNode : reduceNode];
      if (node === undefined) throw new InputError(`reduceSeries: ${s.name} has no node ${reduceNode}`);
      const i = matchers.indexOf(node);
      if (i < 0) continue;
      const name = `${headSlice(nodes, reduceNode).join('.')}.reduce.${reduceFunction}`;
      let taken = slots.get(name);
      if (!taken) slots.set(name, (taken = new Array<Series | undefined>(matchers.length).fill(undefined)));
      taken[i] = s;
    }
  }
  return slots;
}

async function reduceGroups(ctx: EvalContext, seriesLists: readonly (readonly Series[])[], reduceFunction: string, reduceNode: number, matchers: readonly string[]): Promise<Series[]> {
  const out: Series[] = [];
  for (const [name, slots] of slotsByName(seriesLists, reduceFunction, reduceNode, matchers)) {
    const fn = ctx.seriesFunction(reduceFunction);
    if (!fn) throw new InputError(`Received request for unknown function: ${reduceFunction}`);
    const missing = slots.findIndex((s) => s === undefined);
    if (missing >= 0) throw new InputError(`reduceSeries: no series for the matcher "${matchers[missing]}" of ${name}`);
    const [first] = await fn.call(slots.map((s) => [s!]));
    if (!first) throw new InputError(`reduceSeries: ${reduceFunction} answered no series for ${name}`);
    first.name = name;
    out.push(first);
    ctx.checkDeadline();
  }
  return out;
}

function make<const N extends string>(name: N) {
  return defineFunction({
    name,
    group: 'Combine',
    description,
    params: [
      param.seriesLists('seriesLists', { required: true }),
      param.string('reduceFunction', { required: true }),
      param.node('reduceNode', { required: true }),
      param.string('reduceMatchers', { required: true, multiple: true }),
    ],
    run: (ctx, { seriesLists, reduceFunction, reduceNode, reduceMatchers }) => reduceGroups(ctx, seriesLists, reduceFunction, reduceNode, reduceMatchers),
  });
}

export const reduceSeries = make('reduceSeries');
export const reduce = make('reduce');
