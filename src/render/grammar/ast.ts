/**
 * The syntax tree of a render target, as graphite-web's grammar reads it. Pipes are already
 * turned into nesting (`a|f(1)|g()` is `g(f(a,1))`), as graphite-web's evaluator does.
 */

export type Expr = PathExpr | CallExpr | TemplateExpr | Literal;

/** A metric path or glob, with backslash escapes removed. */
export interface PathExpr {
  readonly kind: 'path';
  readonly path: string;
  readonly pos: number;
}

export interface CallExpr {
  readonly kind: 'call';
  readonly name: string;
  readonly args: readonly Expr[];
  readonly kwargs: readonly Kwarg[];
  /** the call's text as written (graphite-web passes `seriesByTag(...)` to the finder this way) */
  readonly raw: string;
  readonly pos: number;
}

export interface Kwarg {
  readonly name: string;
  readonly value: Expr;
}

/** `template(expr, 'v1', name='v')`: fills `$1`, `$name` in the paths of `expr`. */
export interface TemplateExpr {
  readonly kind: 'template';
  readonly inner: Expr;
  readonly args: readonly Literal[];
  readonly kwargs: readonly { readonly name: string; readonly value: Literal }[];
  readonly pos: number;
}

export type Literal = NumberLiteral | StringLiteral | BooleanLiteral | NoneLiteral;

export interface NumberLiteral {
  readonly kind: 'number';
  readonly value: number;
  /** written without a fraction or exponent (Python int); functions taking integers refuse floats */
  readonly isInteger: boolean;
  readonly text: string;
}

export interface StringLiteral {
  readonly kind: 'string';
  /** the text between the quotes, backslashes kept as written (graphite-web does not unescape) */
  readonly value: string;
  readonly quote: '"' | "'";
}

export interface BooleanLiteral {
  readonly kind: 'boolean';
  readonly value: boolean;
}

export interface NoneLiteral {
  readonly kind: 'none';
}

export function isLiteral(e: Expr): e is Literal {
  return e.kind === 'number' || e.kind === 'string' || e.kind === 'boolean' || e.kind === 'none';
}
