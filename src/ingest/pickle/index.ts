/**
 * The safe unpickler, for carbon's pickle protocol and for reading graphite-web's pickle
 * answers in tests: `toPlain(unpickle(bytes))` gives JSON-like data (dicts as objects);
 * `unpickle` alone gives dicts as Map.
 */
export { type PickleDict, type PickleValue, type UnpickleOptions, PickleClass, PickleObject, UnpicklingError, unpickle } from './unpickler.js';
export { type PlainValue, toPlain } from './to-plain.js';
export { decodeCarbonPickle } from './carbon-pickle.js';

/**
 * The classes in graphite-web's `/metrics/find?format=pickle` answers (a leaf's `intervals`):
 * pass them as `allowedClasses` to read those answers; they come back as records
 * `{__class__, intervals: [{__class__, start, end, tuple, size}], size}`.
 */
export const GRAPHITE_FIND_CLASSES = ['graphite.intervals.IntervalSet', 'graphite.intervals.Interval'] as const;
