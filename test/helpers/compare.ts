import assert from 'node:assert/strict';

/** The project's tolerance for numbers compared with graphite-web's: 1e-9 relative. */
export const RELATIVE_TOLERANCE = 1e-9;

export function numbersClose(a: number, b: number, tolerance = RELATIVE_TOLERANCE): boolean {
  if (Object.is(a, b) || a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * Deep equality of two JSON-like values where numbers may differ by the relative tolerance;
 * nulls, strings, booleans, key sets and array lengths and order must match exactly.
 * Fails with the JSON path of the first difference.
 */
export function assertJsonClose(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (!numbersClose(actual, expected)) assert.fail(`${path}: ${actual} != ${expected}`);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) assert.fail(`${path}: expected an array, got ${JSON.stringify(actual)?.slice(0, 200)}`);
    if (actual.length !== expected.length) assert.fail(`${path}: length ${actual.length} != ${expected.length}`);
    for (let i = 0; i < expected.length; i++) assertJsonClose(actual[i], expected[i], `${path}[${i}]`);
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      assert.fail(`${path}: expected an object, got ${JSON.stringify(actual)?.slice(0, 200)}`);
    }
    const ak = Object.keys(actual as object).sort();
    const ek = Object.keys(expected).sort();
    assert.deepEqual(ak, ek, `${path}: keys differ`);
    for (const k of ek) assertJsonClose((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  if (actual !== expected) assert.fail(`${path}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`);
}
