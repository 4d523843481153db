/** Building blocks for unit tests of render functions: series from plain arrays, a context, a call. */
import { bindDefault, type ArgValue, type BoundArgs, type EvalContext, type RenderFunction, type RequestContext } from '../../../src/render/function-types.js';
import { Series, type SeriesInit } from '../../../src/render/series.js';

/** a series of `values` (null = missing) from `start`, one every `step` seconds */
export function series(name: string, start: number, step: number, values: (number | null)[], init: SeriesInit = {}): Series {
  return new Series(name, start, start + values.length * step, step, Float64Array.from(values, (v) => (v === null ? NaN : v)), init);
}

/** values as plain numbers, NaN shown as null */
export function vals(s: Series): (number | null)[] {
  return Array.from(s.values, (v) => (Number.isNaN(v) ? null : v));
}

export interface TestContext extends EvalContext {
  /** every evaluate() call: target and the time range asked for */
  calls: { target: string; startTime: number; endTime: number }[];
}

/** A request over [startTime, endTime]; evaluate() answers from `sources` (target -> series builder). */
export function context(opts: Partial<RequestContext> & { sources?: Record<string, (range: { startTime: number; endTime: number }) => Series[]>; argSources?: string[] } = {}): TestContext {
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
  return {
    ...base,
    calls,
    // the argument sources stand for the call's arguments, evaluated again through `sources`
    evaluateArg: opts.argSources ? async (index, changes) => evaluateTarget(opts.argSources![index], changes) : undefined,
    evaluate: evaluateTarget,
    checkDeadline() {},
  };
}

/** Runs a function with arguments bound by name; omitted parameters get their defaults, as the evaluator binds them. */
export async function call(fn: RenderFunction, args: Record<string, ArgValue | ArgValue[]>, ctx: EvalContext = context()): Promise<Series[]> {
  const bound: BoundArgs = {};
  for (const p of fn.params) {
    if (p.name in args) bound[p.name] = args[p.name];
    else bindDefault(bound, p);
  }
  return fn.run(ctx, bound);
}
