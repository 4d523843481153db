/**
 * Typed reads of bound arguments. The evaluator has already checked types, required
 * parameters and options against each ParamSpec; these only narrow the TypeScript types
 * (and still refuse a wrong type with an InputError rather than misbehave).
 */
import { InputError, type ArgValue } from '../../function-types.js';

type BoundArgs = Readonly<Record<string, unknown>>;
import { Series } from '../../series.js';

function isSeriesList(v: unknown): v is Series[] {
  return Array.isArray(v) && v.every((s) => s instanceof Series);
}

export function seriesListArg(args: BoundArgs, name: string): Series[] {
  const v = args[name];
  if (isSeriesList(v)) return v;
  throw new InputError(`parameter "${name}" must be a series list`);
}

export function optionalSeriesListArg(args: BoundArgs, name: string): Series[] | undefined {
  const v = args[name];
  return v === undefined || v === null ? undefined : seriesListArg(args, name);
}

/** a `multiple` seriesList parameter: one list per argument */
export function seriesListsArg(args: BoundArgs, name: string): Series[][] {
  const v = args[name];
  if (v === undefined || v === null) return [];
  if (Array.isArray(v) && v.every((l) => isSeriesList(l))) return v as Series[][];
  throw new InputError(`parameter "${name}" must be series lists`);
}

export function numberArg(args: BoundArgs, name: string): number {
  const v = args[name];
  if (typeof v === 'number') return v;
  throw new InputError(`parameter "${name}" must be a number`);
}

export function optionalNumberArg(args: BoundArgs, name: string): number | undefined {
  const v = args[name];
  return v === undefined || v === null ? undefined : numberArg(args, name);
}

export function integerArg(args: BoundArgs, name: string): number {
  const v = numberArg(args, name);
  if (Number.isInteger(v)) return v;
  throw new InputError(`parameter "${name}" must be an integer, got ${v}`);
}

export function stringArg(args: BoundArgs, name: string): string {
  const v = args[name];
  if (typeof v === 'string') return v;
  throw new InputError(`parameter "${name}" must be a string`);
}

export function optionalStringArg(args: BoundArgs, name: string): string | undefined {
  const v = args[name];
  return v === undefined || v === null ? undefined : stringArg(args, name);
}

export function booleanArg(args: BoundArgs, name: string, fallback: boolean): boolean {
  const v = args[name];
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'boolean') return v;
  throw new InputError(`parameter "${name}" must be true or false`);
}

/** a `multiple` parameter of plain values (nodes, value types) */
export function valuesArg(args: BoundArgs, name: string): ArgValue[] {
  const v = args[name];
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? (v as ArgValue[]) : [v as ArgValue];
}

export function nodesArg(args: BoundArgs, name: string): (number | string)[] {
  return valuesArg(args, name).map((n) => {
    if (typeof n === 'number' || typeof n === 'string') return n;
    throw new InputError(`parameter "${name}" must be node numbers or tag names`);
  });
}

/** `int` or a string interval; what intOrInterval parameters take */
export function intOrIntervalArg(args: BoundArgs, name: string): number | string {
  const v = args[name];
  if (typeof v === 'number' || typeof v === 'string') return v;
  throw new InputError(`parameter "${name}" must be a number of points or an interval string`);
}
