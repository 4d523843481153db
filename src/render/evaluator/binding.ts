import { bindDefault, InputError, type ArgValue, type BoundArgs, type OptionValue, type ParamSpec, type RenderFunction } from '../function-types.js';
import { AGG_FUNC_NAMES } from '../function-params.js';
import { Series } from '../series.js';
import { parseTimeOffset } from '../interval.js';
import { pythonRepr } from '../../lib/python-text.js';

/** An evaluated argument, remembering whether a number was written as a float (Python's float vs int). */
export interface ArgResult {
  readonly value: ArgValue;
  readonly isFloat: boolean;
}

const VALID_AGG = new Set<string>(AGG_FUNC_NAMES);
/** `sumSeries` and the like, which graphite-web still accepts for aggFunc parameters */
const DEPRECATED_AGG = new Set([...VALID_AGG].map((f) => `${f}Series`));

/**
 * Binds positional and keyword arguments to a function's parameters and checks each against
 * its type, as graphite-web's validateParams does with ENFORCE_INPUT_VALIDATION on: too many
 * arguments, a missing required one, an unknown keyword, a value of the wrong type or outside
 * the options all fail with an InputError naming the function, the parameter and the value.
 * Omitted parameters take their default (a `multiple` one without a default: an empty list).
 * Values are converted as graphite-web converts them (`"2"` for a float parameter is 2).
 */
export function bindArguments(fn: Pick<RenderFunction, 'name' | 'params'>, args: readonly ArgResult[], kwargs: ReadonlyMap<string, ArgResult>, isFunctionName: (name: string) => boolean): BoundArgs {
  const params = fn.params;
  const bound: BoundArgs = {};
  const last = params[params.length - 1];
  let argParams: readonly ParamSpec[];
  let kwParams: readonly ParamSpec[];
  if (args.length + kwargs.size > params.length) {
    if (!last?.multiple) throw new InputError(`Too many parameters specified for function "${fn.name}" (it takes ${params.length})`);
    argParams = params;
    kwParams = [];
  } else {
    argParams = params.slice(0, args.length);
    kwParams = params.slice(args.length);
  }

  for (let i = 0; i < args.length; i++) {
    const param = i >= argParams.length ? argParams[argParams.length - 1] : argParams[i];
    if (param.multiple && args[i].value === null) {
      // None among the values of `*args`: graphite-web's functions fail on it (group(None))
      throw new InputError(`Invalid "${param.type}" value specified for function "${fn.name}" parameter "${param.name}": None`);
    }
    if (!param.multiple && args[i].value === null && param.default !== undefined) {
      // an explicit None leaves the function its Python default, as an omitted argument does
      bindDefault(bound, param);
      continue;
    }
    const value = validateValue(fn.name, param, args[i], isFunctionName);
    if (param.multiple) ((bound[param.name] ??= []) as ArgValue[]).push(value as ArgValue);
    else bound[param.name] = value;
  }

  const used = new Set<string>();
  for (const param of kwParams) {
    const given = kwargs.get(param.name);
    if (given !== undefined) used.add(param.name);
    if (given === undefined || given.value === null) {
      // an explicit None counts as omitted: the default applies
      if (param.required) throw new InputError(`Missing required parameter "${param.name}" for function "${fn.name}"`);
      continue;
    }
    const value = validateValue(fn.name, param, given, isFunctionName);
    bound[param.name] = param.multiple ? [value as ArgValue] : value;
  }
  const unexpected = [...kwargs.keys()].filter((k) => !used.has(k));
  if (unexpected.length > 0) throw new InputError(`Unexpected keyword arguments for function "${fn.name}": ${unexpected.join(', ')}`);

  for (const param of params) {
    if (bound[param.name] !== undefined) continue;
    if (param.multiple && param.required) throw new InputError(`Missing required parameter "${param.name}" for function "${fn.name}"`);
    if (param.default !== undefined) bindDefault(bound, param);
    else if (param.multiple) bound[param.name] = [];
  }
  return bound;
}

function validateValue(func: string, param: ParamSpec, arg: ArgResult, isFunctionName: (name: string) => boolean): ArgValue | undefined {
  const value = arg.value;
  // graphite-web lets None through where a default exists (the function then uses it) or the parameter is optional
  if (value === null && param.default !== undefined) return param.default;
  if (value === null && !param.required) return undefined;
  const isAgg = param.type === 'aggFunc' || param.type === 'aggOrSeriesFunc';
  if (!isAgg && param.options && param.options.length > 0 && !param.options.some((o) => o === value)) {
    throw new InputError(`Invalid option specified for function "${func}" parameter "${param.name}": ${pyRepr(value)} (expected one of ${param.options.map((o) => pyRepr(o)).join(', ')})`);
  }
  const converted = convert(param, arg, isFunctionName);
  if (converted === INVALID) {
    throw new InputError(`Invalid "${param.type}" value specified for function "${func}" parameter "${param.name}": ${pyRepr(value, arg.isFloat)}`);
  }
  return converted;
}

const INVALID = Symbol('invalid');

function convert(param: ParamSpec, arg: ArgResult, isFunctionName: (name: string) => boolean): ArgValue | typeof INVALID {
  const v = arg.value;
  const isList = Array.isArray(v);
  switch (param.type) {
    case 'seriesList':
      return isList && v.every((s) => s instanceof Series) ? v : INVALID;
    case 'seriesLists':
      // a list of series lists in one argument (mapSeries' answer); graphite-web checks each
      return isList && v.every((l) => Array.isArray(l) && l.every((s) => s instanceof Series)) ? v : INVALID;
    case 'boolean':
      if (typeof v === 'boolean') return v;
      if (typeof v === 'string') return v.toLowerCase() === 'true' ? true : v.toLowerCase() === 'false' ? false : INVALID;
      if (typeof v === 'number') return v === 0 ? false : v === 1 ? true : INVALID;
      return INVALID;
    case 'float':
      return toFloat(v);
    case 'integer':
    case 'node':
      return toInteger(v, arg.isFloat);
    case 'intOrInf': {
      const i = toInteger(v, arg.isFloat);
      if (i !== INVALID) return i;
      return toFloat(v) === Infinity ? Infinity : INVALID;
    }
    case 'interval':
      return toInterval(v);
    case 'intOrInterval':
      if (typeof v === 'number') return arg.isFloat ? INVALID : v;
      return toInterval(v);
    case 'aggFunc':
      return typeof v === 'string' && (VALID_AGG.has(v) || DEPRECATED_AGG.has(v)) ? v : INVALID;
    case 'aggOrSeriesFunc':
      return typeof v === 'string' && (VALID_AGG.has(v) || DEPRECATED_AGG.has(v) || isFunctionName(v)) ? v : INVALID;
    case 'string':
    case 'tag':
      // graphite-web checks no type here and then fails inside the function (a number where a
      // name or a pattern belongs): a listed option (alignTo's true and false) or a string only
      return typeof v === 'string' || param.options?.includes(v as OptionValue) ? v : INVALID;
    case 'nodeOrTag':
      if (typeof v === 'number') return arg.isFloat ? INVALID : v;
      return typeof v === 'string' ? v : INVALID;
    case 'date':
      // an at-time: graphite-web checks nothing and its parseATTime fails on anything else
      return typeof v === 'string' || typeof v === 'number' ? v : INVALID;
    case 'series':
    case 'any':
      return v;
  }
}

/** Python's float(): numbers, booleans and numeric strings. */
function toFloat(v: ArgValue): number | typeof INVALID {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase().replace(/_/g, '');
    if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) return Number(t);
    if (/^[+-]?(inf|infinity)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
    if (/^[+-]?nan$/.test(t)) return NaN;
  }
  return INVALID;
}

/** a string parseTimeOffset accepts, kept as written */
function toInterval(v: ArgValue): string | typeof INVALID {
  if (typeof v !== 'string') return INVALID;
  try {
    parseTimeOffset(v);
    return v;
  } catch {
    return INVALID;
  }
}

/** Python's int(), refusing floats as graphite-web does (an error beats a silently truncated value). */
function toInteger(v: ArgValue, isFloat: boolean): number | typeof INVALID {
  if (typeof v === 'number') return isFloat || !Number.isInteger(v) ? INVALID : v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v)) return Number(v.trim());
  return INVALID;
}

/** Python's repr of an argument, for messages (a series by its name; a list of series lists nested). */
export function pyRepr(v: ArgValue | string | number | undefined, isFloat = false): string {
  if (!Array.isArray(v)) return pythonRepr(v, isFloat);
  const items = (v as readonly (Series | Series[])[]).slice(0, 5).map((s) => (Array.isArray(s) ? pyRepr(s) : `TimeSeries(name=${s.name})`));
  return `[${items.join(', ')}${v.length > 5 ? ', ...' : ''}]`;
}
