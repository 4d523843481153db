/** Parameter specs many functions share. */
import type { ParamSpec } from '../../function-types.js';
import { AGG_FUNC_NAMES } from './safe.js';

export const SERIES_LIST: ParamSpec = { name: 'seriesList', type: 'seriesList', required: true };
export const SERIES_LISTS: ParamSpec = { name: 'seriesLists', type: 'seriesList', required: true, multiple: true };
export const INT_OR_INTERVAL_SUGGESTIONS: readonly (string | number)[] = [5, 7, 10, '1min', '5min', '10min', '30min', '1hour'];
export const SUMMARIZE_SUGGESTIONS: readonly string[] = ['10min', '1h', '1d'];

/** Python's `sorted(options, key=str)`, which is how /functions lists options */
export function sortOptions<T extends string | number | boolean | null>(options: readonly T[]): T[] {
  const key = (v: T) => (v === null ? 'None' : v === true ? 'True' : v === false ? 'False' : String(v));
  return [...new Set(options)].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export const AGG_FUNC_OPTIONS: readonly string[] = sortOptions(AGG_FUNC_NAMES);
