import { type PickleValue, PickleClass, PickleObject, UnpicklingError } from './unpickler.js';

/** JSON-like data: what toPlain() makes of an unpickled value. */
export type PlainValue = null | boolean | number | bigint | string | Uint8Array | PlainValue[] | { [key: string]: PlainValue };

/**
 * Turns unpickled data into plain JS: dicts become objects (their keys must be strings, as in
 * every graphite-web answer); an object of an allowed class becomes
 * `{ __class__: 'module.Name', ...its state }` (plus `__args__` when it was built with
 * arguments); everything else stays as unpickle() made it. Refuses data nested deeper than
 * `maxDepth` and data that contains itself, rather than overflowing the stack.
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
    else if (v instanceof Map) out = plainDict(v, {}, (x) => walk(x, depth + 1));
    else if (v instanceof PickleClass) out = { __class__: v.name };
    else out = plainObject(v, (x) => walk(x, depth + 1));
    ancestors.delete(v);
    return out;
  };
  return walk(value, 0);
}

function plainDict(dict: Map<PickleValue, PickleValue>, into: { [key: string]: PlainValue }, walk: (v: PickleValue) => PlainValue): { [key: string]: PlainValue } {
  for (const [k, x] of dict) {
    if (typeof k !== 'string') throw new UnpicklingError(`dict key ${String(k)} is not a string`);
    // defineProperty, so a key such as __proto__ is data, never the prototype
    Object.defineProperty(into, k, { value: walk(x), enumerable: true, writable: true, configurable: true });
  }
  return into;
}

/** Python's default BUILD: a dict state, or a (dict, slots) pair, becomes the instance's attributes */
function plainObject(obj: PickleObject, walk: (v: PickleValue) => PlainValue): { [key: string]: PlainValue } {
  const out: { [key: string]: PlainValue } = { __class__: obj.className };
  if (obj.args.length > 0) out.__args__ = obj.args.map(walk);
  const state = obj.state;
  if (state instanceof Map) plainDict(state, out, walk);
  else if (Array.isArray(state) && state.length === 2 && (state[0] === null || state[0] instanceof Map) && state[1] instanceof Map) {
    if (state[0] instanceof Map) plainDict(state[0], out, walk);
    plainDict(state[1], out, walk);
  } else if (state !== null) out.__state__ = walk(state);
  return out;
}
