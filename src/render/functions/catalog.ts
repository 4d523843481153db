/**
 * The function catalogue of GET /functions, in graphite-web's shape: per function its name,
 * the call signature as Python would print it, a description, module, group and parameters.
 */
import type { ArgValue, FunctionGroup, ParamSpec, RenderFunction } from '../function-types.js';
import { pythonRepr } from '../../lib/python-text.js';
import { sortOptions } from './lib/params.js';

export interface ParamInfo {
  name: string;
  type: string;
  required?: true;
  default?: ArgValue;
  multiple?: true;
  options?: (string | number | boolean | null)[];
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

/** `name(a, b=default, *rest)`: required parameters bare, optional ones with their default (None when they have none) */
export function signature(fn: RenderFunction): string {
  const parts = fn.params.map((p) => {
    if (p.multiple) return `*${p.name}`;
    if (p.required) return p.name;
    const value = p.default ?? null;
    return `${p.name}=${Array.isArray(value) ? String(value) : pythonRepr(value)}`;
  });
  return `${fn.name}(${parts.join(', ')})`;
}

export function paramInfo(p: ParamSpec): ParamInfo {
  const info: ParamInfo = { name: p.name, type: p.type };
  if (p.required) info.required = true;
  if (p.default !== undefined && p.default !== null) info.default = p.default;
  if (p.multiple) info.multiple = true;
  if (p.options && p.options.length > 0) info.options = sortOptions(p.options);
  if (p.suggestions && p.suggestions.length > 0) info.suggestions = [...p.suggestions];
  return info;
}

export function functionInfo(fn: RenderFunction): FunctionInfo {
  return { name: fn.name, function: signature(fn), description: fn.description, module: MODULE, group: fn.group, params: fn.params.map(paramInfo) };
}

/** every function keyed by name, or keyed by group then name; optionally one group only */
export function functionCatalog(functions: readonly RenderFunction[], opts: { grouped?: boolean; group?: string } = {}): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const fn of functions) {
    if (opts.group !== undefined && opts.group !== fn.group) continue;
    const info = functionInfo(fn);
    if (opts.grouped) ((result[fn.group] ??= {}) as Record<string, FunctionInfo>)[fn.name] = info;
    else result[fn.name] = info;
  }
  return result;
}
