import type { EvalContext, RequestContext } from '../../function-types.js';
import type { Series } from '../../series.js';

/**
 * Evaluates a function's first argument again with a changed time range, as graphite-web
 * does with requestContext['args'][0] (movingAverage's look-back, timeShift, smartSummarize's
 * alignment). When the evaluator cannot, the distinct pathExpressions of the input stand in
 * for the argument.
 */
export async function evaluateInputAgain(ctx: EvalContext, input: readonly Series[], changes: Partial<RequestContext>): Promise<Series[]> {
  if (ctx.evaluateArg) return ctx.evaluateArg(0, changes);
  const expressions: string[] = [];
  for (const s of input) if (!expressions.includes(s.pathExpression)) expressions.push(s.pathExpression);
  const out: Series[] = [];
  for (const e of expressions) out.push(...(await ctx.evaluate(e, changes)));
  return out;
}
