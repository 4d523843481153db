import type { Series } from './series.js';

/**
 * The contract between the evaluator and the render functions. A render function is one file
 * under src/render/functions/ exporting one or more RenderFunction objects; the same objects
 * drive evaluation (argument binding and validation) and `GET /functions`.
 */

/** graphite-web's function groups, as /functions reports them */
export const FUNCTION_GROUPS = ['Alias', 'Calculate', 'Combine', 'Filter Data', 'Filter Series', 'Graph', 'Sorting', 'Special', 'Transform'] as const;
export type FunctionGroup = (typeof FUNCTION_GROUPS)[number];

/** graphite-web's ParamTypes (render/functions/params.py) */
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

export interface ParamSpec {
  readonly name: string;
  readonly type: ParamType;
  readonly required?: boolean;
  /** shown by /functions; also the value bound when the argument is omitted */
  readonly default?: ArgValue;
  /** a variadic parameter (`*seriesLists`): binds every remaining positional argument, as an array */
  readonly multiple?: boolean;
  /** the only values accepted (smartSummarize's alignTo also lists true, false and None) */
  readonly options?: readonly (string | number | boolean | null)[];
  /** shown by /functions only */
  readonly suggestions?: readonly (string | number)[];
}

/** What an argument evaluates to: a series list for a path or nested call, or a literal. */
export type ArgValue = Series[] | number | string | boolean | null;

/** Arguments bound to parameter names; a `multiple` parameter binds an array of values. */
export type BoundArgs = Record<string, ArgValue | ArgValue[] | undefined>;

const DEFAULTED = Symbol('defaulted');

/** Binds an omitted parameter to its declared default, remembering that the target did not give it. */
export function bindDefault(bound: BoundArgs, param: ParamSpec): void {
  bound[param.name] = param.default;
  const own = bound as BoundArgs & { [DEFAULTED]?: Set<string> };
  if (!own[DEFAULTED]) Object.defineProperty(own, DEFAULTED, { value: new Set<string>(), enumerable: false });
  own[DEFAULTED]!.add(param.name);
}

/**
 * Whether a parameter took its declared default: graphite-web sometimes shows a Python int
 * default ("0") where a value the target gives arrives as a float ("0.0").
 */
export function isDefaulted(bound: BoundArgs, name: string): boolean {
  return (bound as BoundArgs & { [DEFAULTED]?: Set<string> })[DEFAULTED]?.has(name) ?? false;
}

/** The request being answered (graphite-web's requestContext). */
export interface RequestContext {
  /** unix seconds */
  readonly startTime: number;
  readonly endTime: number;
  readonly now: number;
  /** IANA name */
  readonly tz: string;
  /** not readonly: graphite-web's xFilesFactor() sets it for the rest of the request */
  xFilesFactor: number;
  /** `template[name]=value` parameters, for template() */
  readonly templates: Readonly<Record<string, string>>;
  readonly localOnly: boolean;
  readonly maxDataPoints?: number;
}

export interface EvalContext extends RequestContext {
  /**
   * Evaluates a target expression, optionally with a changed time range (timeShift,
   * movingAverage's look-back, smartSummarize's alignment all fetch again this way).
   */
  evaluate(target: string, changes?: Partial<RequestContext>): Promise<Series[]>;
  /**
   * Evaluates argument `index` of the call being run again, with a changed time range, as
   * graphite-web evaluates requestContext['args'][0] again for movingAverage's look-back,
   * timeShift and smartSummarize's alignment. Absent, those functions evaluate the distinct
   * pathExpressions of their input instead (which loses functions applied to it, such as alias).
   */
  evaluateArg?(index: number, changes?: Partial<RequestContext>): Promise<Series[]>;
  /** Stops work when the request's time limit has passed; throws a limit error. */
  checkDeadline(): void;
}

export interface RenderFunction {
  readonly name: string;
  readonly group: FunctionGroup;
  /** our own words (never graphite-web's prose), reStructuredText as /functions shows it */
  readonly description: string;
  readonly params: readonly ParamSpec[];
  run(ctx: EvalContext, args: BoundArgs): Promise<Series[]> | Series[];
}

/** A user mistake in a target (bad argument, unknown function): answered with HTTP 400. */
export class InputError extends Error {
  override readonly name = 'InputError';
}
