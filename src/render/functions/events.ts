import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { Series } from '../series.js';

export const events = defineFunction({
  name: 'events',
  group: 'Special',
  description: `A series with one point a second over the requested range: how many events
(posted to \`/events/\`) happened in that second, null where none did. Pair it with
drawAsInfinite to mark them on a graph.

.. code-block:: none

  &target=events("deploy", "prod")
  &target=events("*")

The first counts the events tagged both deploy and prod; \`"*"\` alone counts every event.`,
  params: [param.string('tags', { required: true, multiple: true })],
  async run(ctx, { tags }) {
    const name = `events("${tags.join('", "')}")`;
    const start = Math.floor(ctx.startTime);
    const end = Math.floor(ctx.endTime);
    const points = end - start;
    ctx.countPoints(points);
    const times = await ctx.findEvents(start, end, tags.length === 1 && tags[0] === '*' ? undefined : tags);
    const values = new Float64Array(points).fill(NaN);
    for (const when of times) {
      const i = Math.floor(when) - start;
      // graphite-web fails (500) on an event exactly at the end of the range: it has no point there
      if (i < 0 || i >= points) continue;
      values[i] = values[i] !== values[i] ? 1 : values[i] + 1;
    }
    return [new Series(name, start, end, 1, values, { consolidationFunc: 'sum', xFilesFactor: ctx.xFilesFactor, integral: true })];
  },
});
