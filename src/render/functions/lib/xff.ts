/** graphite-web's xFilesFactor tests: is the share of non-null values big enough? */

export function xff(nonNull: number, total: number, xFilesFactor: number): boolean {
  if (!nonNull || !total) return false;
  return nonNull / total >= xFilesFactor;
}

export function xffValues(values: ArrayLike<number>, xFilesFactor: number): boolean {
  if (values.length === 0) return false;
  let nonNull = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) nonNull++;
  return xff(nonNull, values.length, xFilesFactor);
}
