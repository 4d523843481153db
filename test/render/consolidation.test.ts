import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Series, CONSOLIDATION_FUNCS, type ConsolidationFunc } from '../../src/render/series.js';
import { applyMaxDataPoints, consolidatedValues } from '../../src/render/consolidation.js';
import { renderJson } from '../../src/render/formats/json.js';
import { renderOutput } from '../../src/render/formats/index.js';
import fc from 'fast-check';
import { assertJsonClose } from '../helpers/compare.js';

// graphite-web's answers, captured by test/fixtures/render/golden/capture.mjs
const DIR = 'test/fixtures/render/golden';
const read = (name: string) => readFileSync(`${DIR}/${name}`, 'utf8');

/** A series from graphite-web's raw answer `name,start,end,step|v,None,...`. */
function fromRaw(line: string, init: ConstructorParameters<typeof Series>[5]): Series {
  const [head, body] = line.split('|');
  const [name, start, end, step] = head.split(',');
  const values = Float64Array.from(body.split(','), (v) => (v === 'None' ? NaN : Number(v)));
  return new Series(name, Number(start), Number(end), Number(step), values, init);
}

test("maxDataPoints with every consolidateBy function, with and without xFilesFactor, gives graphite-web's points", () => {
  const raw = read('raw_errors_10min.txt').trim();
  for (const func of ['sum', 'average', 'avg_zero', 'min', 'max', 'first', 'last'] as ConsolidationFunc[]) {
    for (const [suffix, xff] of [['', 0], ['_xff', 0.75]] as const) {
      const series = fromRaw(raw, { consolidationFunc: func, xFilesFactor: xff });
      const ours = JSON.parse(renderJson(applyMaxDataPoints([series], 17), { pretty: false, noNullPoints: false }).toString());
      const theirs = JSON.parse(read(`fn_consolidateBy_${func}${suffix}.json`));
      assertJsonClose(ours[0].datapoints, theirs[0].datapoints, `${func}${suffix}`);
    }
  }
});

test('buckets: a partial last bucket counts against the full size; nulls never count, except as zeros for avg_zero', () => {
  const s = (func: ConsolidationFunc, values: number[], vpp: number, xff = 0) =>
    [...consolidatedValues(new Series('x', 0, values.length * 10, 10, Float64Array.from(values), { consolidationFunc: func, valuesPerPoint: vpp, xFilesFactor: xff }))].map((v) => (Number.isNaN(v) ? null : v));
  assert.deepEqual(s('sum', [1, 2, 3, 4, 5], 2), [3, 7, 5]);
  assert.deepEqual(s('average', [1, NaN, 3, NaN, NaN], 2), [1, 3, null]);
  assert.deepEqual(s('avg_zero', [1, NaN, 3, NaN, NaN], 2), [0.5, 1.5, null]);
  assert.deepEqual(s('avg', [2, 4], 2), [3]);
  assert.deepEqual(s('first', [NaN, 2, 3], 3), [2]);
  assert.deepEqual(s('last', [1, 2, NaN], 3), [2]);
  assert.deepEqual(s('min', [3, -1, 2], 3), [-1]);
  assert.deepEqual(s('max', [3, -1, 2], 3), [3]);
  assert.deepEqual(s('sum', [1, NaN, NaN, 4, 5, 6, 7], 3, 0.5), [null, 15, null]);
  assert.ok(CONSOLIDATION_FUNCS.includes('avg_zero'));
});

test('maxDataPoints leaves series alone when they already fit, and leaves the input series untouched', () => {
  const a = new Series('a', 100, 200, 10, Float64Array.from({ length: 10 }, (_, i) => i));
  assert.equal(applyMaxDataPoints([a], 10)[0], a);
  const [c] = applyMaxDataPoints([a], 3);
  assert.equal(c.valuesPerPoint, 4);
  assert.equal(c.start, 120); // nudge: 40 + 100 % 10 - 100 % 40
  assert.equal(a.start, 100);
  assert.equal(a.valuesPerPoint, 1);
  const [one] = applyMaxDataPoints([a], 1);
  assert.deepEqual([...consolidatedValues(one)], [4.5]);
});


test('a series whose few values the nudge drops is answered with no points, not dropped from the answer', () => {
  // timeShift's answer over a range longer than the retention: one value at the start of a
  // day-long series. graphite-web 1.1.8 raises IndexError here (del series[0] on an empty list).
  const one = new Series('timeShift(a, "-1d")', 1795230181, 1795316581, 1, Float64Array.of(64));
  const out = renderOutput([one], { format: 'json', maxDataPoints: 1000, pretty: false, noNullPoints: false, tz: 'UTC' });
  assert.deepEqual(JSON.parse(out.body.toString()), [{ target: 'timeShift(a, "-1d")', tags: { name: 'timeShift(a, "-1d")' }, datapoints: [] }]);
  // with no value at all before consolidation the answer is graphite-web's empty list
  const empty = new Series('b', 0, 100, 10, new Float64Array(0));
  assert.equal(renderOutput([empty], { format: 'json', maxDataPoints: 5, pretty: false, noNullPoints: false, tz: 'UTC' }).body.toString(), '[]');
});

/** A read of `step` over [from, until] as whisper aligns it (src/readers/whisper-reader.ts), all nulls but one value. */
function alignedRead(name: string, from: number, until: number, step: number): Series {
  const start = from - (from % step) + step;
  let end = until - (until % step) + step;
  if (start === end) end += step;
  const values = new Float64Array((end - start) / step).fill(NaN);
  values[0] = 1;
  return new Series(name, start, end, step, values);
}

test('over the reads of one range, maxDataPoints of 2 or more never empties every series: the series ending last keeps a point', () => {
  // Why json consolidated as series are read can ask graphite-web's `any(data)` after the
  // consolidation: every read ends within one of its steps after `until`, so a series the nudge
  // empties ended more than half the range before the last end, the range is then under two of
  // the last-ending series' steps, and that series is not consolidated at all.
  const steps = [1, 10, 60, 600, 3600, 86400];
  fc.assert(
    fc.property(
      fc.integer({ min: 1_700_000_000, max: 1_800_000_000 }),
      fc.integer({ min: 1, max: 40 * 86400 }),
      fc.array(fc.tuple(fc.constantFrom(...steps), fc.integer({ min: 0, max: 40 * 86400 })), { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 2, max: 2000 }),
      (until, length, reads, maxDataPoints) => {
        const from = until - length;
        // a shorter retention starts a read later (whisper clamps `from`), never after `until`
        const series = reads.map(([step, later], i) => alignedRead(`s${i}`, Math.min(from + later, until), until, step));
        const out = applyMaxDataPoints(series, maxDataPoints);
        assert.ok(
          out.some((s) => s.values.length > 0),
          JSON.stringify(series.map((s) => [s.start, s.end, s.step])),
        );
      },
    ),
    { numRuns: 5000, seed: 14 },
  );
});
