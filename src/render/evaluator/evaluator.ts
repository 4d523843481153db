import type { MetricIndex } from '../../finders/metric-index.js';
import type { TagIndex, TagLimits } from '../../finders/tag-index.js';
import type { SeriesReader } from '../../readers/series-reader.js';
import { InputError, seriesListOf, type AnyRenderFunction, type ArgValue, type BoundArgs, type EvalContext, type EventTimes, type FunctionOutput, type RequestContext, type SeriesFunctionHandle, type TimeRange } from '../function-types.js';
import type { WorkSlicer } from '../../lib/work-slicer.js';
import type { ValueBuffers } from '../../lib/value-pool.js';
import { Series } from '../series.js';
import type { CallExpr, Expr } from '../grammar/ast.js';
import { isLiteral } from '../grammar/ast.js';
import { parseTarget } from '../grammar/parser.js';
import { bindArguments, type ArgResult } from './binding.js';
import { firstArgument, literalArg, substitute, templateValues, type Replacements } from './expressions.js';
import { RequestFetcher, type BackendNames } from './fetcher.js';
import { RequestBudget, Semaphore, type RenderLimits } from './limits.js';
import { FetchPlan, PlannedRefetches, Planner, type PlanRange } from './planner.js';

export interface EvaluatorDeps {
  readonly index: MetricIndex;
  readonly reader: SeriesReader;
  /** every render function by name (aliases included) */
  readonly functions: ReadonlyMap<string, AnyRenderFunction>;
  readonly limits: RenderLimits;
  /** where seriesByTag finds its series; without it seriesByTag is an input error */
  readonly tagIndex?: TagIndex;
  /** the bounds of seriesByTag's tag queries (the tag index's defaults when absent) */
  readonly tagLimits?: TagLimits;
  /** batches of series reads (SeriesReader.fetchMany) in flight per request */
  readonly fetchConcurrency?: number;
  /** series per batch (one store round trip) */
  readonly fetchBatchSize?: number;
  /** the index's and the store's names, for the 503 of one that does not answer in time */
  readonly backendNames?: BackendNames;
  /** where events() finds graphite-web's events; without it events() is an input error */
  readonly events?: EventTimes;
}

/**
 * Evaluates render targets as graphite-web's evaluator does: the planner lists every read the
 * targets make, over every time range (the extra ranges of functions with a refetch hook
 * included), they are fetched at once (concurrently, within the request's caps), then each
 * target's tree is evaluated, functions called with their arguments bound and checked.
 */
export class Evaluator {
  constructor(private readonly deps: EvaluatorDeps) {}

  /**
   * Parses every target first, so a bad one fails the request before anything is fetched; a
   * request with more targets than limits.render.maxTargets is refused before any is parsed.
   */
  parse(targets: readonly string[]): Expr[] {
    const given = targets.filter((t) => t.trim() !== '');
    new RequestBudget(this.deps.limits).checkTargets(given.length);
    return given.map((t) => parseTarget(t, this.deps.limits.maxDepth));
  }

  /**
   * `slicer`: the request's slices of the event loop and its call-off (RenderWork's); without
   * it the work runs whole (tests, tools).
   */
  async evaluate(targets: readonly string[], rc: RequestContext, slicer?: WorkSlicer, opts: EvaluateOptions = {}): Promise<Series[]> {
    const trees = this.parse(targets);
    return new RequestRun(this.deps, slicer, opts.buffers).evaluateTrees(trees, rc, opts);
  }
}

export interface EvaluateOptions {
  /**
   * The answer is json consolidated to this many points (graphite-web's maxDataPoints): when
   * every target is a bare path expression (or seriesByTag), the series read are the answer,
   * and each is consolidated as soon as it is read (RequestFetcher.consolidateAsRead). The
   * answer is the same; the json writer's own consolidation then has nothing left to do.
   */
  readonly consolidateTo?: number;
  /** where the series read take their values (the request's pooled arrays, ValueArena) */
  readonly buffers?: ValueBuffers;
}

/** One request's evaluation: its budget, its fetch cache, its read bound, its plan. */
class RequestRun {
  private readonly budget: RequestBudget;
  private readonly fetcher: RequestFetcher;
  private readonly planner: Planner;
  /** the calls whose extra ranges are already planned (and so prefetched) */
  private readonly refetches = new PlannedRefetches();
  /** stacked()'s totals, for the whole request */
  private readonly totalStacks = new Map<string, number[]>();

  constructor(
    private readonly deps: EvaluatorDeps,
    slicer?: WorkSlicer,
    buffers?: ValueBuffers,
  ) {
    this.budget = new RequestBudget(deps.limits, slicer);
    this.fetcher = new RequestFetcher(deps.index, deps.reader, this.budget, new Semaphore(deps.fetchConcurrency ?? 4), deps.tagIndex, deps.fetchBatchSize, deps.tagLimits, deps.backendNames, buffers);
    this.planner = new Planner(deps.functions);
  }

  async evaluateTrees(trees: readonly Expr[], rc: RequestContext, opts: EvaluateOptions = {}): Promise<Series[]> {
    if (opts.consolidateTo !== undefined && trees.every(isBareRead)) this.fetcher.consolidateAsRead(opts.consolidateTo, rc.xFilesFactor);
    await this.prefetch(trees, rc, undefined);
    const ctx = this.context(rc);
    const out: Series[] = [];
    for (const tree of trees) out.push(...(await this.evalSeries(tree, ctx, undefined)));
    return out;
  }

  /** Plans the trees over the context's range and fetches what the plan lists (`open`: see RequestFetcher.prefetch). */
  private prefetch(trees: readonly Expr[], rc: RequestContext, replacements: Replacements | undefined, open = false): Promise<void> {
    const plan = new FetchPlan();
    const range: PlanRange = { startTime: rc.startTime, endTime: rc.endTime, now: rc.now, tz: rc.tz, templates: rc.templates };
    for (const tree of trees) this.planner.plan(tree, range, replacements, plan, this.refetches);
    return this.fetcher.prefetch(plan.requests.values(), open);
  }

  private context(rc: RequestContext): EvalContext {
    const ctx: EvalContext = {
      ...rc,
      evaluate: async (target: string, changes?: Partial<RequestContext>) => {
        const next = this.context(changes ? { ...requestOf(ctx), ...changes } : requestOf(ctx));
        const tree = parseTarget(target, this.deps.limits.maxDepth);
        await this.prefetch([tree], next, undefined, true);
        return this.evalSeries(tree, next, undefined);
      },
      seriesFunction: (name: string) => this.seriesFunction(name, ctx),
      checkDeadline: () => this.budget.checkDeadline(),
      pause: () => this.budget.pause(),
      countPoints: (n: number) => this.budget.addPoints(n),
      totalStacks: this.totalStacks,
      findEvents: (from: number, until: number, tags: readonly string[] | undefined) => {
        if (this.deps.events === undefined) throw new InputError('this server keeps no events');
        return this.deps.events(from, until, tags);
      },
    };
    return ctx;
  }

  /** graphite-web's `SeriesFunctions[name](requestContext, *args)`, bound and checked as a target's call. */
  private seriesFunction(name: string, ctx: EvalContext): SeriesFunctionHandle | undefined {
    const fn = this.deps.functions.get(name);
    if (!fn) return undefined;
    return {
      name,
      aggregator: fn.aggregator === true,
      call: async (args) => {
        // its first argument is not an expression it could evaluate again over other ranges
        if (fn.refetch) throw new InputError(`${name} cannot be called by name: it reads its argument again over other time ranges`);
        const bound = bindArguments(fn, args.map((value) => ({ value, isFloat: false })), new Map(), (n) => this.deps.functions.has(n));
        return seriesListOf(await fn.run(ctx, bound, []), name);
      },
    };
  }

  /** A target's series (or a refetched argument's): anything else it evaluates to gives none. */
  private async evalSeries(e: Expr, ctx: EvalContext, replacements: Replacements | undefined): Promise<Series[]> {
    const result = await this.evalExpr(e, ctx, replacements);
    return Array.isArray(result) ? seriesListOf(result, e.kind === 'call' ? e.name : 'the target') : [];
  }

  private async evalExpr(e: Expr, ctx: EvalContext, replacements: Replacements | undefined): Promise<ArgValue> {
    switch (e.kind) {
      case 'path': {
        const substituted = substitute(e.path, replacements);
        if (substituted.kind === 'value') return substituted.value.value;
        return this.fetcher.fetch(substituted.path, ctx.startTime, ctx.endTime, ctx.now, ctx.xFilesFactor);
      }
      case 'template':
        return this.evalExpr(e.inner, ctx, templateValues(e, ctx.templates));
      case 'call':
        return this.evalCall(e, ctx, replacements);
      default:
        return literalArg(e).value;
    }
  }

  private async evalCall(call: CallExpr, ctx: EvalContext, replacements: Replacements | undefined): Promise<FunctionOutput> {
    if (call.name === 'seriesByTag') {
      return this.fetcher.fetch(call.raw, ctx.startTime, ctx.endTime, ctx.now, ctx.xFilesFactor, true);
    }
    const fn = this.deps.functions.get(call.name);
    if (!fn) throw new InputError(`Received request for unknown function: ${call.name}`);
    const args: ArgResult[] = [];
    for (const a of call.args) args.push(await this.evalArg(a, ctx, replacements));
    const kwargs = new Map<string, ArgResult>();
    for (const k of call.kwargs) kwargs.set(k.name, await this.evalArg(k.value, ctx, replacements));
    const bound = bindArguments(fn, args, kwargs, (name) => this.deps.functions.has(name));
    await ctx.pause();
    const callCtx = this.callContext(ctx);
    const refetched = fn.refetch ? await this.refetch(call, fn, bound, callCtx, replacements) : [];
    const result = await fn.run(callCtx, bound, refetched);
    await ctx.pause();
    return result;
  }

  /**
   * The call's first argument evaluated over each range its refetch hook returns, as
   * graphite-web evaluates `requestContext['args'][0]` in a copied context. The planner has
   * fetched those ranges already, unless the hook needed the step of the argument's series
   * (a window of points): then they are planned and fetched now, from the evaluated input.
   */
  private async refetch(call: CallExpr, fn: AnyRenderFunction, bound: BoundArgs, ctx: EvalContext, replacements: Replacements | undefined): Promise<Series[][]> {
    const input = bound[fn.params[0]?.name];
    const ranges = fn.refetch!(bound, ctx, { maxStep: () => maxStep(input) });
    const first = firstArgument(call);
    if (!first) return ranges.map(() => []);
    if (!this.refetches.has(call, ctx)) {
      this.refetches.mark(call, ctx);
      const plan = new FetchPlan();
      for (const r of ranges) this.planner.plan(first, { startTime: r.startTime, endTime: r.endTime, now: ctx.now, tz: ctx.tz, templates: ctx.templates }, replacements, plan, this.refetches);
      await this.fetcher.prefetch(plan.requests.values(), true);
    }
    const out: Series[][] = [];
    for (const r of ranges) out.push(await this.evalSeries(first, this.context(shifted(ctx, r)), replacements));
    return out;
  }

  /**
   * The context a function runs in: the request's, with xFilesFactor passed through to it
   * (xFilesFactor() sets it for the rest of the request).
   */
  private callContext(ctx: EvalContext): EvalContext {
    return Object.create(ctx, {
      xFilesFactor: {
        get: () => ctx.xFilesFactor,
        set: (v: number) => {
          ctx.xFilesFactor = v;
        },
        enumerable: true,
      },
    }) as EvalContext;
  }

  private async evalArg(e: Expr, ctx: EvalContext, replacements: Replacements | undefined): Promise<ArgResult> {
    if (e.kind === 'path') {
      const s = substitute(e.path, replacements);
      if (s.kind === 'value') return s.value;
    }
    if (isLiteral(e)) return literalArg(e);
    return { value: await this.evalExpr(e, ctx, replacements), isFloat: false };
  }
}

/** A target whose series are its reads as they are: a path expression, or a seriesByTag call. */
function isBareRead(e: Expr): boolean {
  return e.kind === 'path' || (e.kind === 'call' && e.name === 'seriesByTag');
}

/** a copy of the request at another range (graphite-web's requestContext.copy()) */
function shifted(ctx: EvalContext, range: TimeRange): RequestContext {
  return { ...requestOf(ctx), startTime: range.startTime, endTime: range.endTime };
}

function requestOf(ctx: EvalContext): RequestContext {
  return {
    startTime: ctx.startTime,
    endTime: ctx.endTime,
    now: ctx.now,
    tz: ctx.tz,
    xFilesFactor: ctx.xFilesFactor,
    templates: ctx.templates,
    localOnly: ctx.localOnly,
    maxDataPoints: ctx.maxDataPoints,
  };
}

/** the largest step of the series of a bound argument (a list, or lists of a multiple parameter) */
function maxStep(input: unknown): number {
  let step = 0;
  const visit = (v: unknown): void => {
    if (v instanceof Series) step = Math.max(step, v.step);
    else if (Array.isArray(v)) v.forEach(visit);
  };
  visit(input);
  return step;
}
