import type { Series } from './series.js';
import type { Args, ArgValue, FunctionOutput, LiteralArgs, ParamSpec } from './function-params.js';

export type { Args, ArgValue, FunctionOutput, LiteralArgs, OptionValue, Param, ParamSpec, ParamType } from './function-params.js';
import { isSeriesLists } from './function-params.js';
export { isSeriesLists };

/**
 * The contract between the evaluator and the render functions. A render function is one file
 * under src/render/functions/ exporting one or more RenderFunction objects made with
 * defineFunction; the same objects drive evaluation (argument binding and validation, the
 * planning of extra time ranges) and `GET /functions`. docs/render-functions.md shows the pattern.
 */

/** graphite-web's function groups, as /functions reports them */
export const FUNCTION_GROUPS = ['Alias', 'Calculate', 'Combine', 'Filter Data', 'Filter Series', 'Graph', 'Sorting', 'Special', 'Transform'] as const;
export type FunctionGroup = (typeof FUNCTION_GROUPS)[number];

/** Arguments as the binder hands them over, by parameter name (`run` sees them typed: Args). */
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
export function isDefaulted<A extends object>(args: A, name: keyof A & string): boolean {
  return (args as { [DEFAULTED]?: Set<string> })[DEFAULTED]?.has(name) ?? false;
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
   * Evaluates a target built while the function runs (graphite-web's evaluateTarget of a new
   * string: aliasQuery, useSeriesAbove, applyByNode), optionally over another time range. Its
   * paths are fetched then. A function that reads its own first argument over other ranges
   * declares `refetch` instead, so the evaluator fetches those ranges before anything runs.
   */
  evaluate(target: string, changes?: Partial<RequestContext>): Promise<Series[]>;
  /**
   * graphite-web's `SeriesFunctions[name]`: the render function of that name (undefined when
   * there is none), to call with positional arguments as graphite-web calls
   * `SeriesFunctions[name](requestContext, *args)` (groupByNode's callback, reduceSeries,
   * applyByNode); the arguments are bound and checked as a target's would be.
   */
  seriesFunction(name: string): SeriesFunctionHandle | undefined;
  /** Stops work when the request's time limit has passed; throws a limit error. */
  checkDeadline(): void;
  /**
   * Counts points a function makes up rather than reads (time(), sin(), hitcount's buckets)
   * against the request's point limit, before it allocates them; throws a limit error past it.
   */
  countPoints(n: number): void;
  /**
   * graphite-web's `requestContext['totalStack']`: stacked()'s running totals by stack name,
   * point by point, shared by every target and every evaluation of the request.
   */
  readonly totalStacks: Map<string, number[]>;
  /**
   * The times (unix seconds, to the microsecond) of graphite-web's events with
   * `from <= when <= until` carrying every one of `tags` (graphite-web's find_events; undefined:
   * every event). An InputError where the server keeps no events.
   */
  findEvents(from: number, until: number, tags: readonly string[] | undefined): Promise<readonly number[]>;
}

/** Where the evaluator finds events (the server's event store, with graphite-web's tag semantics). */
export type EventTimes = (from: number, until: number, tags: readonly string[] | undefined) => Promise<readonly number[]>;

/** Another render function, called by name. */
export interface SeriesFunctionHandle {
  readonly name: string;
  /** graphite-web's `aggregator = True` (see RenderFunction.aggregator) */
  readonly aggregator: boolean;
  call(args: readonly ArgValue[]): Promise<Series[]>;
}

/** A time range, unix seconds. */
export interface TimeRange {
  readonly startTime: number;
  readonly endTime: number;
}

/** The range a call is evaluated over, as its refetch hook sees it. */
export interface CallRange extends TimeRange {
  readonly now: number;
  readonly tz: string;
}

/** What a refetch hook may ask of the first argument's series over the call's own range. */
export interface RefetchInput {
  /**
   * The largest step among them (0 when there are none): graphite-web's look-back for a window
   * of points is that step times the points. Only fetched data knows it, so a hook that asks is
   * left out of the up-front plan and asked again once the argument has been evaluated.
   */
  maxStep(): number;
}

/**
 * A render function whose parameters are `P` and whose answer is `R`: a series list, as nearly
 * every function answers, or a list of series lists (mapSeries), which only a seriesLists
 * parameter (reduceSeries) takes. A collection of functions of either kind is AnyRenderFunction.
 */
export interface RenderFunction<P extends readonly ParamSpec[] = readonly ParamSpec[], R extends FunctionOutput = Series[]> {
  readonly name: string;
  readonly group: FunctionGroup;
  /** our own words (never graphite-web's prose), reStructuredText as /functions shows it */
  readonly description: string;
  /** built with `param.*` (src/render/function-params.ts), in graphite-web's order and names */
  readonly params: P;
  /**
   * graphite-web's `function` text in /functions, when it is not what `params` give: it prints
   * the Python signature, whose argument names and defaults sometimes differ from its params.
   */
  readonly signature?: string;
  /**
   * graphite-web's `aggregator = True`: the function is listed among the options of every
   * aggOrSeriesFunc parameter (groupByNode's callback and the like).
   */
  readonly aggregator?: boolean;
  /**
   * The function evaluates targets it builds from its arguments' series (`ctx.evaluate`:
   * applyByNode), which may read those same series again. The planner then keeps every read
   * of its arguments for such later uses (each use gets a copy), so none is read twice.
   */
  readonly evaluatesTargets?: boolean;
  /**
   * The planning hook of a function that reads its first argument again over other time
   * ranges (graphite-web's `evaluateTarget(newContext, requestContext['args'][0])`: moving
   * windows, timeShift, timeStack, holtWinters*, smartSummarize's alignTo): the ranges, from
   * the literal arguments (an `any` parameter given a series list sees an empty one while the
   * evaluator plans) and the call's own range. The evaluator asks it before anything is
   * fetched (nested calls included, each at the range it is evaluated over), fetches every
   * path over every range once, and hands `run` the first argument evaluated over each range,
   * in order, as `refetched`. It must depend on nothing else, and throw what graphite-web
   * raises for bad values (an InputError), which the evaluator reports when the call runs.
   */
  refetch?(args: LiteralArgs<P>, range: CallRange, input: RefetchInput): readonly TimeRange[];
  /**
   * The function itself. `args` are bound, checked and typed by `params`; `refetched[i]` is
   * the first argument evaluated over `refetch`'s i-th range (empty without a hook). It may
   * change the series it is given (they are its own) and must not keep them.
   */
  run(ctx: EvalContext, args: Args<P>, refetched: readonly Series[][]): Promise<R> | R;
}

/** Any render function, whatever it answers: what the registry, the evaluator and /functions hold. */
export type AnyRenderFunction = RenderFunction<readonly ParamSpec[], FunctionOutput>;

/** A render function, its argument types inferred from its `params`, its answer from `run`. */
export function defineFunction<const P extends readonly ParamSpec[], R extends FunctionOutput = Series[]>(definition: RenderFunction<P, R>): RenderFunction<P, R> {
  return definition;
}

/** A user mistake in a target (bad argument, unknown function): answered with HTTP 400. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/**
 * A function's answer where a series list is wanted (a target, a function called by name): a
 * list of series lists (mapSeries') only goes to a seriesLists parameter. graphite-web fails on
 * one with a 500 where it ends up; carbyne says which call made it.
 */
export function seriesListOf(output: FunctionOutput, name: string): Series[] {
  if (isSeriesLists(output)) throw new InputError(`${name} answers a list of series lists, which only reduceSeries takes`);
  return output as Series[];
}
