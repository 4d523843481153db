/** Building blocks for unit tests of render functions: series from plain arrays, a context, a call. */
import { seriesListOf, type ArgValue, type Args, type EvalContext, type EventTimes, type FunctionOutput, type LiteralArgs, type ParamSpec, type RenderFunction, type RequestContext } from '../../../src/render/function-types.js';
import { Series, type SeriesInit } from '../../../src/render/series.js';
import { bindArguments, type ArgResult } from '../../../src/render/evaluator/binding.js';
import { getRenderFunction } from '../../../src/render/functions/index.js';

/** a series of `values` (null = missing) from `start`, one every `step` seconds */
export function series(name: string, start: number, step: number, values: (number | null)[], init: SeriesInit = {}): Series {
  return new Series(name, start, start + values.length * step, step, Float64Array.from(values, (v) => (v === null ? NaN : v)), init);
}

/** values as plain numbers, NaN shown as null */
export function vals(s: Series): (number | null)[] {
  return Array.from(s.values, (v) => (Number.isNaN(v) ? null : v));
}

type Source = (range: { startTime: number; endTime: number }) => Series[];

export interface TestContext extends EvalContext {
  /** every evaluation of a target or of the first argument: the target and the time range asked for */
  calls: { target: string; startTime: number; endTime: number }[];
  /** the first argument of the call under test over another range (what the evaluator hands `run` as `refetched`) */
  evaluateFirstArg(input: readonly Series[], range: { startTime: number; endTime: number }): Promise<Series[]>;
}

/**
 * A request over [startTime, endTime]. evaluate() answers from `sources` (target -> series
 * builder). The first argument of the call under test is the target `argSources[0]`, or else
 * the distinct pathExpressions of its series (what a plain path argument is). seriesFunction()
 * gives carbyne's own functions.
 */
export function context(opts: Partial<RequestContext> & { sources?: Record<string, Source>; argSources?: string[]; events?: EventTimes; maxPoints?: number } = {}): TestContext {
  let points = 0;
  const calls: TestContext['calls'] = [];
  const base: RequestContext = {
    startTime: 1000,
    endTime: 2000,
    now: 2000,
    tz: 'UTC',
    xFilesFactor: 0,
    templates: {},
    localOnly: false,
    ...opts,
  };
  const evaluateTarget = async (target: string, changes: Partial<RequestContext> = {}) => {
    const range = { startTime: changes.startTime ?? base.startTime, endTime: changes.endTime ?? base.endTime };
    calls.push({ target, ...range });
    const source = opts.sources?.[target];
    if (!source) throw new Error(`no source for ${target}`);
    return source(range);
  };
  const ctx: TestContext = {
    ...base,
    calls,
    evaluate: evaluateTarget,
    evaluateFirstArg: async (input, range) => {
      const targets = opts.argSources ? [opts.argSources[0]] : [...new Set(input.map((s) => s.pathExpression))];
      const out: Series[] = [];
      for (const t of targets) out.push(...(await evaluateTarget(t, range)));
      return out;
    },
    seriesFunction(name: string) {
      const fn = getRenderFunction(name);
      if (!fn) return undefined;
      const call = async (args: readonly ArgValue[]) => {
        const bound = bindArguments(fn, args.map((value) => ({ value, isFloat: false })), new Map(), (n) => getRenderFunction(n) !== undefined);
        return seriesListOf(await fn.run(ctx, bound, []), name);
      };
      return { name, aggregator: fn.aggregator === true, call };
    },
    checkDeadline() {},
    totalStacks: new Map(),
    countPoints(n: number) {
      points += n;
      if (points > (opts.maxPoints ?? Infinity)) throw new Error(`more than ${opts.maxPoints} points`);
    },
    findEvents(from, until, tags) {
      if (!opts.events) throw new Error('no events in this test context');
      return opts.events(from, until, tags);
    },
  };
  return ctx;
}

/**
 * Runs a function as the evaluator does, with arguments given by parameter name: they are bound
 * and checked by the evaluator's binder, as the same arguments written in order in a target
 * would be (omitted ones get their defaults); a function with a refetch hook gets its first
 * argument evaluated again over each range the hook asks for (through `ctx`, which records them).
 */
export async function call<P extends readonly ParamSpec[], R extends FunctionOutput>(fn: RenderFunction<P, R>, args: { readonly [K in keyof Args<P>]?: unknown }, ctx: TestContext = context()): Promise<R> {
  const given = args as Record<string, ArgValue | ArgValue[] | undefined>;
  const arg = (value: ArgValue): ArgResult => ({ value, isFloat: false });
  // in order while none is left out, then by keyword; a `multiple` one only goes in order (None for the gaps)
  const variadic = fn.params.some((p) => p.multiple && given[p.name] !== undefined);
  const positional: ArgResult[] = [];
  const kwargs = new Map<string, ArgResult>();
  let gap = false;
  for (const p of fn.params) {
    const v = given[p.name];
    if (v === undefined) {
      gap = true;
      if (variadic && !p.multiple) positional.push(arg(null));
    } else if (p.multiple) positional.push(...(v as ArgValue[]).map(arg));
    else if (gap && !variadic) kwargs.set(p.name, arg(v as ArgValue));
    else positional.push(arg(v as ArgValue));
  }
  while (variadic && positional.length > 0 && positional[positional.length - 1].value === null) positional.pop();
  const bound = bindArguments(fn, positional, kwargs, (n) => getRenderFunction(n) !== undefined);
  const refetched: Series[][] = [];
  if (fn.refetch) {
    const input = (bound[fn.params[0].name] ?? []) as Series[];
    const ranges = fn.refetch(bound as LiteralArgs<P>, ctx, { maxStep: () => Math.max(0, ...input.map((s) => s.step)) });
    for (const range of ranges) refetched.push(await ctx.evaluateFirstArg(input, range));
  }
  return fn.run(ctx, bound as Args<P>, refetched);
}
