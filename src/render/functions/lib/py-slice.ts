/** Python's `list[:n]`: a negative n drops that many from the end. */
export function headSlice<T>(list: readonly T[], n: number): T[] {
  return n >= 0 ? list.slice(0, n) : list.slice(0, Math.max(0, list.length + n));
}
