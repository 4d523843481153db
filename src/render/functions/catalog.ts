/**
 * The function catalogue of GET /functions, in graphite-web's shape: per function its name,
 * the call signature as Python would print it, a description, module, group and parameters,
 * all read from the functions' own definitions.
 */
import type { AnyRenderFunction, FunctionGroup, OptionValue, ParamSpec } from '../function-types.js';
import { AGG_FUNC_NAMES, sortOptions, type ArgValue } from '../function-params.js';
import { pythonRepr } from '../../lib/python-text.js';

export interface ParamInfo {
  name: string;
  type: string;
  required?: true;
  default?: ArgValue;
  multiple?: true;
  options?: OptionValue[];
  suggestions?: (string | number)[];
}

export interface FunctionInfo {
  name: string;
  function: string;
  description: string;
  module: string;
  group: FunctionGroup;
  params: ParamInfo[];
}

/** graphite-web reports its own module; clients only display it */
const MODULE = 'graphite.render.functions';

/**
 * `name(a, b=default, *rest)`: required parameters bare, optional ones with their default (None
 * when they have none), unless the function gives graphite-web's own text.
 */
export function signature(fn: AnyRenderFunction): string {
  if (fn.signature !== undefined) return fn.signature;
  const parts = fn.params.map((p) => {
    if (p.multiple) return `*${p.name}`;
    if (p.required) return p.name;
    const value = p.default ?? null;
    return `${p.name}=${Array.isArray(value) ? String(value) : pythonRepr(value)}`;
  });
  return `${fn.name}(${parts.join(', ')})`;
}

/**
 * The catalogue of a set of functions. An aggOrSeriesFunc parameter lists the aggregation
 * names and every function of the set marked `aggregator`, as graphite-web's does.
 */
export class FunctionCatalog {
  private readonly seriesFuncOptions: OptionValue[];

  constructor(private readonly functions: readonly AnyRenderFunction[]) {
    this.seriesFuncOptions = sortOptions([...AGG_FUNC_NAMES, ...functions.filter((f) => f.aggregator).map((f) => f.name)]);
  }

  paramInfo(p: ParamSpec): ParamInfo {
    const info: ParamInfo = { name: p.name, type: p.type };
    if (p.required) info.required = true;
    if (p.default !== undefined && p.default !== null) info.default = p.default;
    if (p.multiple) info.multiple = true;
    const options = p.type === 'aggOrSeriesFunc' ? this.seriesFuncOptions : p.options;
    if (options && options.length > 0) info.options = sortOptions(options);
    if (p.suggestions && p.suggestions.length > 0) info.suggestions = [...p.suggestions];
    return info;
  }

  info(fn: AnyRenderFunction): FunctionInfo {
    return { name: fn.name, function: signature(fn), description: fn.description, module: MODULE, group: fn.group, params: fn.params.map((p) => this.paramInfo(p)) };
  }

  /** every function keyed by name, or keyed by group then name; optionally one group only */
  list(opts: { grouped?: boolean; group?: string } = {}): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const fn of this.functions) {
      if (opts.group !== undefined && opts.group !== fn.group) continue;
      const info = this.info(fn);
      if (opts.grouped) ((result[fn.group] ??= {}) as Record<string, FunctionInfo>)[fn.name] = info;
      else result[fn.name] = info;
    }
    return result;
  }
}
