import { pyFloatRepr } from '../../lib/python-format.js';

/** A value as graphite-web's JSON writes it: NaN (null) as null, infinities as ±1e9999. */
export function jsonValue(x: number): string {
  if (x !== x) return 'null';
  if (x === Infinity) return '1e9999';
  if (x === -Infinity) return '-1e9999';
  return pyFloatRepr(x);
}
