import assert from 'node:assert/strict';
import type { RenderFunction } from '../../../src/render/function-types.js';
import { call, series } from './helpers.js';

/** four series whose max, last value and average rank differently; `d` has no value at all */
export const ranked = () => [
  series('a', 0, 10, [1, 9, 2]), // max 9, last 2, avg 4
  series('b', 0, 10, [5, 5, null]), // max 5, last 5, avg 5
  series('c', 0, 10, [3, 3, 3]), // max 3, last 3, avg 3
  series('d', 0, 10, [null, null, null]),
];

/** Runs a threshold filter (maximumAbove, ...) over `ranked()` and checks that it keeps `expected`, the given series unchanged. */
export async function assertKeeps(fn: RenderFunction, n: number, expected: string[]): Promise<void> {
  const input = ranked();
  const kept = await call(fn, { seriesList: input, n });
  assert.deepEqual(kept.map((s) => s.name), expected);
  assert.ok(kept.every((s) => input.includes(s) && !s.name.includes('(')), 'the given series, unchanged');
  assert.deepEqual(await call(fn, { seriesList: [], n: 0 }), []);
}
