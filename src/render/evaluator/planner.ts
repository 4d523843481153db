/**
 * The planning pass: before anything is fetched, each target's tree is walked over the range it
 * is evaluated at, and every path expression (and seriesByTag call) is listed with every time
 * range it will be read over and how often, so the fetcher reads each once, all in one prefetch.
 *
 * A call whose function declares `refetch` (moving windows, timeShift, smartSummarize's
 * alignment, ...) evaluates its first argument over the call's own range and over each range
 * the hook returns, as graphite-web evaluates `requestContext['args'][0]` again: the planner
 * walks that argument over each of them too, so nested calls plan their own ranges within the
 * shifted ones (`movingAverage(timeShift(a, "1h"), "5min")` reads `a` over four ranges). The
 * ranges are graphite-web's own, never merged into one wider read: whisper picks its archive
 * from `now - from`, so another range could answer with another step.
 *
 * Hooks see only the literal arguments. A hook that needs fetched data (a window of points needs
 * the step) or that fails is left out here and asked again by the evaluator when the call runs,
 * which then fetches what it adds. Nothing in planning fails a request: errors surface when the
 * call they belong to runs, in graphite-web's order.
 */
import type { AnyRenderFunction, CallRange, TimeRange } from '../function-types.js';
import type { CallExpr, Expr } from '../grammar/ast.js';
import { isLiteral } from '../grammar/ast.js';
import { bindArguments, type ArgResult } from './binding.js';
import { firstArgument, literalArg, substitute, templateValues, type Replacements } from './expressions.js';

/** The range a tree is planned over (what a refetch hook sees, and the templates of template()). */
export interface PlanRange extends CallRange {
  readonly templates: Readonly<Record<string, string>>;
}

/** One expression read over one range, and how many uses the targets make of it. */
export interface FetchRequest {
  readonly expression: string;
  /** a `seriesByTag(...)` call's text, resolved through the tag index */
  readonly byTag: boolean;
  readonly startTime: number;
  readonly endTime: number;
  readonly now: number;
  uses: number;
  /** a function evaluates targets built from it (evaluatesTargets): later uses may come, so no use takes the values */
  open: boolean;
}

export function fetchKey(expression: string, startTime: number, endTime: number, now: number, byTag: boolean): string {
  return `${startTime}|${endTime}|${now}|${byTag ? 'tag' : 'path'}|${expression}`;
}

function rangeKey(r: TimeRange): string {
  return `${r.startTime}|${r.endTime}`;
}

/** What one planning walk found: the reads, deduplicated. */
export class FetchPlan {
  readonly requests = new Map<string, FetchRequest>();

  add(expression: string, byTag: boolean, range: PlanRange, open = false): void {
    const key = fetchKey(expression, range.startTime, range.endTime, range.now, byTag);
    const request = this.requests.get(key);
    if (request) {
      request.uses++;
      request.open ||= open;
    } else this.requests.set(key, { expression, byTag, startTime: range.startTime, endTime: range.endTime, now: range.now, uses: 1, open });
  }
}

/** The calls whose extra ranges a plan already covers, by call and by the range the call runs over. */
export class PlannedRefetches {
  private readonly planned = new WeakMap<CallExpr, Set<string>>();

  mark(call: CallExpr, range: TimeRange): void {
    let ranges = this.planned.get(call);
    if (!ranges) this.planned.set(call, (ranges = new Set()));
    ranges.add(rangeKey(range));
  }

  has(call: CallExpr, range: TimeRange): boolean {
    return this.planned.get(call)?.has(rangeKey(range)) ?? false;
  }
}

/** thrown by the planner's RefetchInput: the hook needs data the planner does not have */
const NEEDS_DATA = Symbol('needs fetched data');

export class Planner {
  constructor(private readonly functions: ReadonlyMap<string, AnyRenderFunction>) {}

  /**
   * Adds to `plan` every read of `e` evaluated over `range`, its refetches included; `open`
   * within the arguments of a function that evaluates targets of its own (evaluatesTargets).
   */
  plan(e: Expr, range: PlanRange, replacements: Replacements | undefined, plan: FetchPlan, refetches: PlannedRefetches, open = false): void {
    switch (e.kind) {
      case 'path': {
        const s = substitute(e.path, replacements);
        if (s.kind === 'path') plan.add(s.path, false, range, open);
        return;
      }
      case 'template':
        this.plan(e.inner, range, templateValues(e, range.templates), plan, refetches, open);
        return;
      case 'call': {
        if (e.name === 'seriesByTag') {
          plan.add(e.raw, true, range, open);
          return;
        }
        const fn = this.functions.get(e.name);
        const argsOpen = open || fn?.evaluatesTargets === true;
        for (const a of e.args) this.plan(a, range, replacements, plan, refetches, argsOpen);
        for (const k of e.kwargs) this.plan(k.value, range, replacements, plan, refetches, argsOpen);
        if (fn?.refetch) this.planRefetch(e, fn, range, replacements, plan, refetches, argsOpen);
        return;
      }
      default:
        return;
    }
  }

  /** The call's first argument over each range its hook asks for, when the literals suffice. */
  private planRefetch(call: CallExpr, fn: AnyRenderFunction, range: PlanRange, replacements: Replacements | undefined, plan: FetchPlan, refetches: PlannedRefetches, open: boolean): void {
    const first = firstArgument(call);
    if (!first) return;
    let ranges: readonly TimeRange[];
    try {
      const literal = (x: Expr) => this.literal(x, replacements);
      const kwargs = new Map(call.kwargs.map((k) => [k.name, literal(k.value)]));
      const bound = bindArguments(fn, call.args.map(literal), kwargs, (n) => this.functions.has(n));
      ranges = fn.refetch!(bound as never, range, {
        maxStep: () => {
          throw NEEDS_DATA;
        },
      });
    } catch {
      // needs the step, or bad arguments: the evaluator asks again when the call runs
      return;
    }
    refetches.mark(call, range);
    for (const r of ranges) this.plan(first, { ...range, startTime: r.startTime, endTime: r.endTime }, replacements, plan, refetches, open);
  }

  /** An argument as the binder sees it before any fetch: literals as they are, series lists empty. */
  private literal(e: Expr, replacements: Replacements | undefined): ArgResult {
    if (isLiteral(e)) return literalArg(e);
    if (e.kind === 'path') {
      const s = substitute(e.path, replacements);
      if (s.kind === 'value') return s.value;
    }
    return { value: [], isFloat: false };
  }
}
