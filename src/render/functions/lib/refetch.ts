import type { EvalContext, RequestContext } from '../../function-types.js';
import type { Series } from '../../series.js';

/**
 * Evaluates a function's first argument again with a changed time range, as graphite-web
 * does with requestContext['args'][0] (movingAverage's look-back, timeShift, smartSummarize's
 * alignment). Without the argument's source text, the distinct pathExpressions of the input
 * stand in for it.
 */
export async function evaluateInputAgain(ctx: EvalContext, input: readonly Series[], changes: Partial<RequestContext>): Promise<Series[]> {
  const source = ctx.argSources?.[0];
  if (source !== undefined) return ctx.evaluate(source, changes);
  const expressions: string[] = [];
  for (const s of input) if (!expressions.includes(s.pathExpression)) expressions.push(s.pathExpression);
  const out: Series[] = [];
  for (const e of expressions) out.push(...(await ctx.evaluate(e, changes)));
  return out;
}
