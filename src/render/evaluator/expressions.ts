/**
 * What the planner and the evaluator both read from a target's tree: literal values, and the
 * `$name` substitutions of template(), as graphite-web's evaluator makes them.
 */
import type { ArgValue } from '../function-types.js';
import type { CallExpr, Expr, Literal, TemplateExpr } from '../grammar/ast.js';
import { pyFloatRepr } from '../../lib/python-format.js';
import type { ArgResult } from './binding.js';

/** A template value: a string, or a number written as an int or a float. */
interface TemplateValue {
  readonly value: string | number;
  readonly isFloat: boolean;
}

/** Template values: `$name` in paths becomes the value (graphite-web's `replacements`). */
export type Replacements = ReadonlyMap<string, TemplateValue>;

export function literalValue(l: Literal): ArgValue {
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

/** a literal as an argument, remembering whether a number was written as a float */
export function literalArg(l: Literal): ArgResult {
  return { value: literalValue(l), isFloat: l.kind === 'number' && !l.isInteger };
}

/**
 * template()'s values: its keyword values, then its positional ones as `1`, `2`, ..., then the
 * request's `template[...]` parameters over both.
 */
export function templateValues(t: TemplateExpr, requestTemplates: Readonly<Record<string, string>>): Replacements {
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

export type Substituted = { kind: 'path'; path: string } | { kind: 'value'; value: ArgResult };

/**
 * `$name` in a path, as graphite-web replaces it: a path that is exactly `$name` becomes the
 * value itself (a number when it looks like one), otherwise every `$name` is replaced by its text.
 */
export function substitute(path: string, replacements: Replacements | undefined): Substituted {
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

/**
 * The expression a function reads again over other ranges: graphite-web's
 * `requestContext['args'][0]`, its first positional argument. A call giving its series only by
 * keyword has none, and reads nothing again (graphite-web answers no series then).
 */
export function firstArgument(call: CallExpr): Expr | undefined {
  return call.args[0];
}
