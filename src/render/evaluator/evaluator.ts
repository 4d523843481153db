import type { MetricIndex } from '../../finders/metric-index.js';
import type { TagIndex } from '../../finders/tag-index.js';
import type { SeriesReader } from '../../readers/series-reader.js';
import { InputError, type ArgValue, type EvalContext, type RenderFunction, type RequestContext } from '../function-types.js';
import type { Series } from '../series.js';
import type { CallExpr, Expr, Literal, TemplateExpr } from '../grammar/ast.js';
import { parseTarget } from '../grammar/parser.js';
import { pyFloatRepr } from '../../lib/python-format.js';
import { bindArguments, type ArgResult } from './binding.js';
import { RequestFetcher, type BackendNames } from './fetcher.js';
import { RequestBudget, Semaphore, type RenderLimits } from './limits.js';

export interface EvaluatorDeps {
  readonly index: MetricIndex;
  readonly reader: SeriesReader;
  /** every render function by name (aliases included) */
  readonly functions: ReadonlyMap<string, RenderFunction>;
  readonly limits: RenderLimits;
  /** where seriesByTag finds its series; without it seriesByTag is an input error */
  readonly tagIndex?: TagIndex;
  /** batches of series reads (SeriesReader.fetchMany) in flight per request */
  readonly fetchConcurrency?: number;
  /** series per batch (one store round trip) */
  readonly fetchBatchSize?: number;
  /** the index's and the store's names, for the 503 of one that does not answer in time */
  readonly backendNames?: BackendNames;
}

/** A template value: a string, or a number written as an int or a float. */
interface TemplateValue {
  readonly value: string | number;
  readonly isFloat: boolean;
}
/** Template values: `$name` in paths becomes the value (graphite-web's `replacements`). */
type Replacements = ReadonlyMap<string, TemplateValue>;

/**
 * Evaluates render targets as graphite-web's evaluator does: every path expression of the
 * request is fetched up front (concurrently, within the request's caps), then each target's
 * tree is evaluated, functions called with their arguments bound and checked.
 */
export class Evaluator {
  constructor(private readonly deps: EvaluatorDeps) {}

  /** Parses every target first, so a bad one fails the request before anything is fetched. */
  parse(targets: readonly string[]): Expr[] {
    return targets.filter((t) => t.trim() !== '').map((t) => parseTarget(t));
  }

  async evaluate(targets: readonly string[], rc: RequestContext): Promise<Series[]> {
    const trees = this.parse(targets);
    return new RequestRun(this.deps).evaluateTrees(trees, rc);
  }
}

/** One request's evaluation: its budget, its fetch cache, its read bound. */
class RequestRun {
  private readonly budget: RequestBudget;
  private readonly fetcher: RequestFetcher;

  constructor(private readonly deps: EvaluatorDeps) {
    this.budget = new RequestBudget(deps.limits);
    this.fetcher = new RequestFetcher(deps.index, deps.reader, this.budget, new Semaphore(deps.fetchConcurrency ?? 4), deps.tagIndex, deps.fetchBatchSize, deps.backendNames);
  }

  async evaluateTrees(trees: readonly Expr[], rc: RequestContext): Promise<Series[]> {
    const paths = new Map<string, number>();
    for (const tree of trees) collectPaths(tree, rc.templates, undefined, paths);
    await this.fetcher.prefetch(paths, rc.startTime, rc.endTime, rc.now);
    const ctx = this.context(rc);
    const out: Series[] = [];
    for (const tree of trees) {
      const result = await this.evalExpr(tree, ctx, undefined);
      if (Array.isArray(result)) out.push(...(result as Series[]));
    }
    return out;
  }

  private context(rc: RequestContext): EvalContext {
    return {
      ...rc,
      evaluate: async (target: string, changes?: Partial<RequestContext>) => {
        const next = changes ? { ...rc, ...changes } : rc;
        const tree = parseTarget(target);
        const paths = new Map<string, number>();
        collectPaths(tree, next.templates, undefined, paths);
        await this.fetcher.prefetch(paths, next.startTime, next.endTime, next.now);
        const result = await this.evalExpr(tree, this.context(next), undefined);
        return Array.isArray(result) ? (result as Series[]) : [];
      },
      checkDeadline: () => this.budget.checkDeadline(),
    };
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
        return literalValue(e);
    }
  }

  private async evalCall(call: CallExpr, ctx: EvalContext, replacements: Replacements | undefined): Promise<Series[]> {
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
    ctx.checkDeadline();
    const result = await fn.run(this.callContext(ctx, call, replacements), bound);
    ctx.checkDeadline();
    return result;
  }

  /**
   * The context a function runs in: the request's, plus evaluateArg for the functions that
   * evaluate an argument again over another time range. xFilesFactor stays the request's own
   * (xFilesFactor() sets it for the rest of the request).
   */
  private callContext(ctx: EvalContext, call: CallExpr, replacements: Replacements | undefined): EvalContext {
    return Object.create(ctx, {
      xFilesFactor: {
        get: () => ctx.xFilesFactor,
        set: (v: number) => {
          ctx.xFilesFactor = v;
        },
        enumerable: true,
      },
      evaluateArg: {
        value: async (index: number, changes: Partial<RequestContext> = {}): Promise<Series[]> => {
          const arg = call.args[index];
          if (!arg) return [];
          const next: RequestContext = {
            startTime: ctx.startTime,
            endTime: ctx.endTime,
            now: ctx.now,
            tz: ctx.tz,
            xFilesFactor: ctx.xFilesFactor,
            templates: ctx.templates,
            localOnly: ctx.localOnly,
            maxDataPoints: ctx.maxDataPoints,
            ...changes,
          };
          const paths = new Map<string, number>();
          collectPaths(arg, next.templates, replacements, paths);
          await this.fetcher.prefetch(paths, next.startTime, next.endTime, next.now);
          const result = await this.evalExpr(arg, this.context(next), replacements);
          return Array.isArray(result) ? (result as Series[]) : [];
        },
      },
    }) as EvalContext;
  }

  private async evalArg(e: Expr, ctx: EvalContext, replacements: Replacements | undefined): Promise<ArgResult> {
    if (e.kind === 'path') {
      const s = substitute(e.path, replacements);
      if (s.kind === 'value') return s.value;
    }
    const value = await this.evalExpr(e, ctx, replacements);
    return { value, isFloat: e.kind === 'number' && !e.isInteger };
  }
}

function literalValue(l: Literal): ArgValue {
  switch (l.kind) {
    case 'number':
      return l.value;
    case 'string':
      return l.value;
    case 'boolean':
      return l.value;
    case 'none':
      return null;
  }
}

/**
 * template()'s values: its keyword values, then its positional ones as `1`, `2`, ..., then the
 * request's `template[...]` parameters over both.
 */
function templateValues(t: TemplateExpr, requestTemplates: Readonly<Record<string, string>>): Replacements {
  const values = new Map<string, TemplateValue>();
  for (const k of t.kwargs) values.set(k.name, scalar(k.value));
  t.args.forEach((a, i) => values.set(String(i + 1), scalar(a)));
  for (const [k, v] of Object.entries(requestTemplates)) values.set(k, { value: v, isFloat: false });
  return values;
}

function scalar(l: Literal): TemplateValue {
  if (l.kind === 'number') return { value: l.value, isFloat: !l.isInteger };
  return { value: l.kind === 'string' ? l.value : '', isFloat: false };
}

/** Python's str() of a template value, as it is pasted into a path. */
function templateText(v: TemplateValue): string {
  if (typeof v.value === 'string') return v.value;
  return v.isFloat ? pyFloatRepr(v.value) : String(v.value);
}

type Substituted = { kind: 'path'; path: string } | { kind: 'value'; value: ArgResult };

/**
 * `$name` in a path, as graphite-web replaces it: a path that is exactly `$name` becomes the
 * value itself (a number when it looks like one), otherwise every `$name` is replaced by its text.
 */
function substitute(path: string, replacements: Replacements | undefined): Substituted {
  if (!replacements) return { kind: 'path', path };
  let expr = path;
  for (const [name, value] of replacements) {
    if (expr === `$${name}`) {
      if (typeof value.value === 'number') return { kind: 'value', value };
      // graphite-web turns a numeric-looking text into a float; text such as `1.2.3` stays text
      const n = /^-?[\d.]+$/.test(value.value) ? Number(value.value) : NaN;
      return { kind: 'value', value: Number.isNaN(n) ? { value: value.value, isFloat: false } : { value: n, isFloat: true } };
    }
    expr = expr.replaceAll(`$${name}`, templateText(value));
  }
  return { kind: 'path', path: expr };
}

/** Every path expression a tree fetches, with how many times it does, for the prefetch. */
function collectPaths(e: Expr, requestTemplates: Readonly<Record<string, string>>, replacements: Replacements | undefined, out: Map<string, number>): void {
  switch (e.kind) {
    case 'path': {
      const s = substitute(e.path, replacements);
      if (s.kind === 'path') out.set(s.path, (out.get(s.path) ?? 0) + 1);
      return;
    }
    case 'template':
      collectPaths(e.inner, requestTemplates, templateValues(e, requestTemplates), out);
      return;
    case 'call':
      // seriesByTag is fetched when evaluated (graphite-web prefetches it through the tag database)
      if (e.name === 'seriesByTag') return;
      for (const a of e.args) collectPaths(a, requestTemplates, replacements, out);
      for (const k of e.kwargs) collectPaths(k.value, requestTemplates, replacements, out);
      return;
    default:
      return;
  }
}
