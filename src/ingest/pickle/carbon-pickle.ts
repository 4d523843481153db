import { isUtf8 } from 'node:buffer';
import type { PointHandler } from '../point-handler.js';
import { parsePythonFloatText } from '../python-float.js';
import { RejectReason } from '../reject-reason.js';
import { type PickleValue, type UnpickleOptions, UnpicklingError, unpickle } from './unpickler.js';

/**
 * Reads one carbon pickle frame: a list of `(path, (timestamp, value))`. Items that are not
 * of that shape, or whose numbers are not numbers, are reported and skipped, as carbon skips
 * them; a frame that is not a valid pickle of a list throws UnpicklingError.
 * Returns the number of items in the frame.
 */
export function decodeCarbonPickle(frame: Uint8Array, handler: PointHandler, limits?: Omit<UnpickleOptions, 'allowedClasses'>): number {
  const data = unpickle(frame, limits);
  if (!Array.isArray(data)) throw new UnpicklingError('a carbon pickle holds a list of (path, (timestamp, value))');
  for (let i = 0; i < data.length; i++) {
    const item = data[i];
    if (!Array.isArray(item) || item.length !== 2 || !Array.isArray(item[1]) || item[1].length !== 2) {
      handler.reject(RejectReason.Shape, describe(item), i + 1);
      continue;
    }
    let name = item[0];
    if (name instanceof Uint8Array) {
      if (!isUtf8(name)) {
        handler.reject(RejectReason.Encoding, describe(item), i + 1);
        continue;
      }
      name = Buffer.from(name.buffer, name.byteOffset, name.byteLength).toString('utf8');
    }
    if (typeof name !== 'string') {
      handler.reject(RejectReason.Shape, describe(item), i + 1);
      continue;
    }
    const datapoint = item[1];
    const value = pythonFloat(datapoint[1]);
    if (value === undefined) {
      handler.reject(RejectReason.Value, describe(item), i + 1);
      continue;
    }
    const t = pythonFloat(datapoint[0]);
    if (t === undefined || !Number.isFinite(t)) {
      handler.reject(RejectReason.Timestamp, describe(item), i + 1);
      continue;
    }
    handler.point(name, value, Math.trunc(t) || 0, i + 1);
  }
  return data.length;
}

/** float(x) for what a pickle can hold: numbers, bools, big ints and numeric text */
function pythonFloat(v: PickleValue): number | undefined {
  switch (typeof v) {
    case 'number':
      return v;
    case 'boolean':
      return v ? 1 : 0;
    case 'bigint':
      return Number(v);
    case 'string':
      return parsePythonFloatText(v);
    default:
      if (v instanceof Uint8Array) return parsePythonFloatText(Buffer.from(v).toString('latin1'));
      return undefined;
  }
}

/** a short rendering of a bad item for a log line */
function describe(item: PickleValue): string {
  try {
    const text = JSON.stringify(item, (_k, v: unknown) =>
      typeof v === 'bigint' ? v.toString() : v instanceof Map ? Object.fromEntries([...v].map(([k, x]) => [String(k), x])) : v instanceof Uint8Array ? `b'${Buffer.from(v).toString('latin1')}'` : v,
    );
    return text.length > 200 ? `${text.slice(0, 200)}...` : text;
  } catch {
    return '(unprintable item)';
  }
}
