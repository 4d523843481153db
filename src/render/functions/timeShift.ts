import { defineFunction, InputError } from '../function-types.js';
import { param } from '../function-params.js';
import { intervalSeconds } from './lib/interval-arg.js';
import { SERIES_LIST, TIME_SHIFT_SUGGESTIONS } from './lib/params.js';
import { isDst } from '../timezone.js';

export const timeShift = defineFunction({
  name: 'timeShift',
  group: 'Transform',
  description: `Draws the series as they were some interval ago (back in time unless the
interval starts with \`+\`), laid over the requested range, e.g. to compare with last week.
With \`resetEnd\` (the default) the shifted series ends where the original does. \`alignDst\`
corrects the hour lost or gained when exactly one of the two ranges is in daylight saving
time.

.. code-block:: none

  &target=timeShift(shop.orders,"7d")`,
  // graphite-web prints its Python argument's name, alignDST, where its parameter is alignDst
  signature: 'timeShift(seriesList, timeShift, resetEnd=True, alignDST=False)',
  params: [
    SERIES_LIST,
    param.interval('timeShift', { required: true, suggestions: TIME_SHIFT_SUGGESTIONS }),
    param.boolean('resetEnd', { default: true }),
    param.boolean('alignDst', { default: false }),
  ],
  refetch({ timeShift, alignDst }, range) {
    const delta = intervalSeconds(signedShift(timeShift), 'timeShift');
    let startTime = range.startTime + delta;
    let endTime = range.endTime + delta;
    if (alignDst) {
      const reqStart = isDst(range.tz, range.startTime);
      const reqEnd = isDst(range.tz, range.endTime);
      const myStart = isDst(range.tz, startTime);
      const myEnd = isDst(range.tz, endTime);
      let dstOffset = 0;
      if (reqStart && reqEnd && !myStart && !myEnd) dstOffset = 3600;
      else if (!reqStart && !reqEnd && myStart && myEnd) dstOffset = -3600;
      startTime += dstOffset;
      endTime += dstOffset;
    }
    return [{ startTime, endTime }];
  },
  run(_ctx, { seriesList, timeShift, resetEnd }, [shifted]) {
    if (seriesList.length === 0) return [];
    const shift = signedShift(timeShift);
    const first = seriesList[0];
    return shifted.map((s) =>
      s.copy({
        name: `timeShift(${s.name}, "${shift}")`,
        start: first.start,
        end: resetEnd ? first.end : s.end - s.start + first.start,
        tags: { ...s.tags, timeShift: shift },
      }),
    );
  },
});

/** back in time unless a sign is given (parseTimeOffset alone reads no sign as forward) */
function signedShift(shift: string): string {
  if (shift === '') throw new InputError('parameter "timeShift" must not be empty');
  return shift[0] >= '0' && shift[0] <= '9' ? `-${shift}` : shift;
}
