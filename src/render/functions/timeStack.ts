import { defineFunction, InputError } from '../function-types.js';
import { param } from '../function-params.js';
import { intervalSeconds } from './lib/interval-arg.js';
import { SERIES_LIST, TIME_SHIFT_SUGGESTIONS } from './lib/params.js';

const MAX_SHIFTS = 10_000;

export const timeStack = defineFunction({
  name: 'timeStack',
  group: 'Transform',
  description: `The series again as they were 0, 1, 2, ... intervals ago, all laid over the
requested range: \`timeShiftUnit\` (back in time unless it starts with \`+\`; a day unless
given) times each whole number from \`timeShiftStart\` up to, not including, \`timeShiftEnd\`
(0 to 7 unless given). Each copy is named \`timeShift(<name>, <unit>, <n>)\`; averaged, they make
a baseline such as the same hour over the last week.

.. code-block:: none

  &target=averageSeries(timeStack(shop.orders,"1d",1,8))`,
  params: [
    SERIES_LIST,
    param.interval('timeShiftUnit', { default: '1d', suggestions: TIME_SHIFT_SUGGESTIONS }),
    param.integer('timeShiftStart', { default: 0 }),
    param.integer('timeShiftEnd', { default: 7 }),
  ],
  refetch({ timeShiftUnit, timeShiftStart, timeShiftEnd }, range) {
    const delta = intervalSeconds(signedUnit(timeShiftUnit), 'timeShiftUnit');
    // each shift reads the input again: bounded before any read is planned
    if (timeShiftEnd - timeShiftStart > MAX_SHIFTS) throw new InputError(`timeStack: at most ${MAX_SHIFTS} shifts, got ${timeShiftEnd - timeShiftStart}`);
    const ranges = [];
    for (let shift = timeShiftStart; shift < timeShiftEnd; shift++) {
      ranges.push({ startTime: range.startTime + delta * shift, endTime: range.endTime + delta * shift });
    }
    return ranges;
  },
  run(_ctx, { seriesList, timeShiftUnit, timeShiftStart }, shifted) {
    if (seriesList.length === 0) return [];
    const unit = signedUnit(timeShiftUnit);
    const { start, end } = seriesList[0];
    return shifted.flatMap((list, i) =>
      list.map((s) => {
        const shift = String(timeShiftStart + i);
        const name = `timeShift(${s.name}, ${unit}, ${shift})`;
        return s.copy({ name, pathExpression: name, start, end, tags: { ...s.tags, timeShiftUnit: unit, timeShift: shift } });
      }),
    );
  },
});

/** back in time unless a sign is given (parseTimeOffset alone reads no sign as forward) */
function signedUnit(unit: string): string {
  if (unit === '') throw new InputError('parameter "timeShiftUnit" must not be empty');
  return unit[0] >= '0' && unit[0] <= '9' ? `-${unit}` : unit;
}
