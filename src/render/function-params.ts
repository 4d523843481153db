/**
 * Typed parameters of render functions. A function declares its parameters once, as graphite-web
 * declares them (`Param('factor', ParamTypes.float, required=True)` is
 * `param.float('factor', { required: true })`), and that one list drives:
 *
 * - binding and validation of a target's arguments (src/render/evaluator/binding.ts), with
 *   graphite-web's rules and 400 messages (types, required, options, multiple);
 * - the catalogue of GET /functions (src/render/functions/catalog.ts);
 * - the TypeScript type of the arguments `run` receives: `param.float('factor', { required: true })`
 *   gives `factor: number`, a parameter neither required nor defaulted `T | undefined`, one with a
 *   `default` the default's type, a `multiple` one `T[]` (empty when none is given), one with
 *   `options` the union of the options. A renamed parameter no longer compiles where it is read.
 *
 * The parameter objects are plain ParamSpec objects at run time; their value type rides along in
 * a type-only property.
 */
import type { Series } from './series.js';

/** graphite-web's ParamTypes (functions/params.py) */
export type ParamType =
  | 'aggFunc'
  | 'aggOrSeriesFunc'
  | 'any'
  | 'boolean'
  | 'date'
  | 'float'
  | 'integer'
  | 'interval'
  | 'intOrInterval'
  | 'intOrInf'
  | 'node'
  | 'nodeOrTag'
  | 'series'
  | 'seriesList'
  | 'seriesLists'
  | 'string'
  | 'tag';

/** a value a parameter's `options` may list (smartSummarize's alignTo lists true, false and None) */
export type OptionValue = string | number | boolean | null;

/**
 * What an argument evaluates to: a series list for a path or nested call, a list of series lists
 * (mapSeries' answer, which only a seriesLists parameter takes), or a literal.
 */
export type ArgValue = Series[] | Series[][] | number | string | boolean | null;

/** What a render function answers: a series list, or (mapSeries) a list of series lists. */
export type FunctionOutput = Series[] | Series[][];

/** Whether a list holds series lists rather than series (an empty list is both, and neither matters). */
export function isSeriesLists(value: FunctionOutput): value is Series[][] {
  return value.length > 0 && Array.isArray(value[0]);
}

/** A parameter as the binder and /functions read it (graphite-web's Param). */
export interface ParamSpec {
  readonly name: string;
  readonly type: ParamType;
  readonly required?: boolean;
  /** shown by /functions; also the value bound when the argument is omitted or None */
  readonly default?: ArgValue;
  /** a variadic parameter (`*seriesLists`): binds every remaining positional argument, as an array */
  readonly multiple?: boolean;
  /** the only values accepted (not checked for aggFunc and aggOrSeriesFunc, as in graphite-web) */
  readonly options?: readonly OptionValue[];
  /** shown by /functions only */
  readonly suggestions?: readonly (string | number)[];
}

/** type-only key of the value type a parameter gives `run`; no object has it at run time */
declare const VALUE: unique symbol;

/** A parameter whose argument reaches `run` as a `V` under the key `N`. */
export type Param<N extends string = string, V = unknown> = ParamSpec & { readonly name: N; readonly [VALUE]?: [V] };

/** What a builder accepts besides the name: graphite-web's Param keywords. */
export interface ParamOptions<T> {
  readonly required?: boolean;
  readonly default?: T;
  readonly multiple?: boolean;
  readonly options?: readonly OptionValue[];
  readonly suggestions?: readonly (string | number)[];
}

/** the options (None aside: an explicit None means "omitted"), or the type's own values */
type Choice<T, O> = O extends { readonly options: readonly (infer X)[] } ? Exclude<X, null> : T;

/** the value `run` receives for a parameter of type T declared with options O */
type ValueOf<T, O> = O extends { readonly multiple: true }
  ? Choice<T, O>[]
  : O extends { readonly required: true } | { readonly default: unknown }
    ? Choice<T, O>
    : Choice<T, O> | undefined;

type Builder<T> = <const N extends string, const O extends ParamOptions<T> = {}>(name: N, options?: O) => Param<N, ValueOf<T, O>>;

function builder<T>(type: ParamType, fixed: Partial<ParamSpec> = {}): Builder<T> {
  return (name, options) => ({ name, type, ...fixed, ...options }) as ParamSpec as never;
}

/**
 * graphite-web's aggregation functions (functions/aggfuncs.py), then their aliases: what an
 * aggFunc parameter accepts (also as `<name>Series`, deprecated) and lists as options.
 */
export const AGG_FUNC_NAMES = ['average', 'avg_zero', 'median', 'sum', 'min', 'max', 'diff', 'stddev', 'count', 'range', 'multiply', 'last', 'rangeOf', 'avg', 'total', 'current'] as const;

/**
 * The parameter builders, one per graphite-web ParamType, each typed by what the binder hands
 * the function:
 *
 * | builder | graphite-web type | value in `run` |
 * | --- | --- | --- |
 * | seriesList | seriesList | Series[] |
 * | seriesLists | seriesLists | Series[][] (a list of series lists, one argument) |
 * | float, integer, node, intOrInf | float, integer, node, intOrInf | number (intOrInf: Infinity too) |
 * | intOrInterval | intOrInterval | number (points) or string (an interval, as written) |
 * | interval | interval | string, as written, that parseTimeOffset accepts |
 * | string, tag | string, tag | string |
 * | boolean | boolean | boolean |
 * | nodeOrTag | nodeOrTag | number (a node) or string (a tag) |
 * | aggFunc | aggFunc | string: an aggregation name (options filled in, as graphite-web lists them) |
 * | aggOrSeriesFunc | aggOrSeriesFunc | string: an aggregation or a render function's name |
 * | date | date | string or number (an at-time) |
 * | any | any | any argument value (a series list or a literal) |
 */
export const param = {
  seriesList: builder<Series[]>('seriesList'),
  seriesLists: builder<Series[][]>('seriesLists'),
  float: builder<number>('float'),
  integer: builder<number>('integer'),
  node: builder<number>('node'),
  intOrInf: builder<number>('intOrInf'),
  intOrInterval: builder<number | string>('intOrInterval'),
  interval: builder<string>('interval'),
  string: builder<string>('string'),
  tag: builder<string>('tag'),
  boolean: builder<boolean>('boolean'),
  nodeOrTag: builder<number | string>('nodeOrTag'),
  aggFunc: builder<string>('aggFunc', { options: sortOptions(AGG_FUNC_NAMES) }),
  aggOrSeriesFunc: builder<string>('aggOrSeriesFunc'),
  date: builder<string | number>('date'),
  any: builder<ArgValue>('any'),
};

/** The arguments `run` receives: each parameter's value under its name. */
export type Args<P extends readonly ParamSpec[]> = { readonly [K in P[number] as K['name']]: ParamValue<K> };

/** The arguments a refetch hook sees when the evaluator plans: the literals, without the series lists. */
export type LiteralArgs<P extends readonly ParamSpec[]> = {
  readonly [K in P[number] as ParamValue<K> extends Series[] | Series[][] | undefined ? never : K['name']]: ParamValue<K>;
};

// boxed: an optional property's own `undefined` would otherwise be lost to inference
type ParamValue<K> = K extends { readonly [VALUE]?: [infer V] } ? V : unknown;

/** Python's `sorted(set(options), key=str)`, which is how /functions lists options */
export function sortOptions<T extends OptionValue>(options: readonly T[]): T[] {
  const key = (v: T) => (v === null ? 'None' : v === true ? 'True' : v === false ? 'False' : String(v));
  return [...new Set(options)].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
