import type { PickleValue } from './unpickler.js';
import { UnpicklingError } from './unpickler.js';

/** JSON-like data: what toPlain() makes of an unpickled value. */
export type PlainValue = null | boolean | number | bigint | string | Uint8Array | PlainValue[] | { [key: string]: PlainValue };

/**
 * Turns unpickled data into plain JS: dicts become objects (their keys must be strings, as in
 * every graphite-web answer), everything else stays as unpickle() made it. Refuses data nested
 * deeper than `maxDepth` and data that contains itself, rather than overflowing the stack.
 */
export function toPlain(value: PickleValue, maxDepth = 100): PlainValue {
  const ancestors = new Set<object>();
  const walk = (v: PickleValue, depth: number): PlainValue => {
    if (v === null || typeof v !== 'object' || v instanceof Uint8Array) return v;
    if (depth >= maxDepth) throw new UnpicklingError(`data nested deeper than ${maxDepth}`);
    if (ancestors.has(v)) throw new UnpicklingError('data contains itself');
    ancestors.add(v);
    let out: PlainValue;
    if (Array.isArray(v)) out = v.map((x) => walk(x, depth + 1));
    else {
      const obj: { [key: string]: PlainValue } = {};
      for (const [k, x] of v) {
        if (typeof k !== 'string') throw new UnpicklingError(`dict key ${String(k)} is not a string`);
        Object.defineProperty(obj, k, { value: walk(x, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      out = obj;
    }
    ancestors.delete(v);
    return out;
  };
  return walk(value, 0);
}
