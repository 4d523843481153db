import { InputError } from '../function-types.js';
import type { CallExpr, Expr, Kwarg, Literal, PathExpr, TemplateExpr } from './ast.js';

/**
 * A hand-written recursive-descent parser for graphite-web's target grammar
 * (render/grammar_unsafe.py): paths with globs, calls with positional then keyword arguments,
 * int/float/scientific numbers, quoted strings, true/false/None/inf, pipes and template().
 *
 * Where graphite-web silently reads a malformed target as a path matching nothing, this parser
 * fails with a ParseError (HTTP 400) naming the position and what was expected.
 */

export class ParseError extends InputError {
  constructor(
    readonly target: string,
    readonly position: number,
    readonly problem: string,
  ) {
    super(`${problem} at position ${position} of target "${target}"`);
  }
}

/** Characters that end a path element (graphite-web's `symbols`); a backslash escapes them and `=`. */
const SYMBOLS = new Set(['(', ')', '{', '}', ',', '.', "'", '"', '\\', '|']);
const ESCAPABLE = new Set([...SYMBOLS, '=']);
/** graphite-web has no cap but Python's recursion limit; limits.render.maxDepth sets carbyne's */
export const DEFAULT_MAX_DEPTH = 100;

const NUMBER = /-?\d+(\.\d+)?([eE]-?\d+)?/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const KEYWORD = /(true|false|none|inf)(?![A-Za-z0-9_$])/iy;

export function parseTarget(target: string, maxDepth = DEFAULT_MAX_DEPTH): Expr {
  return new Parser(target, maxDepth).parseWhole();
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly src: string,
    private readonly maxDepth: number,
  ) {}

  parseWhole(): Expr {
    this.skipSpace();
    if (this.atEnd()) this.fail('expected a path or a function call');
    const expr = this.parseExpression();
    this.skipSpace();
    if (!this.atEnd()) {
      const c = this.src[this.pos];
      this.fail(c === ')' ? "unexpected ')' (unbalanced parentheses)" : `unexpected ${describe(c)}; expected the end of the target or '|'`);
    }
    return expr;
  }

  private fail(problem: string, at = this.pos): never {
    throw new ParseError(this.src, at, this.atEnd(at) ? `${problem} (reached the end of the target)` : problem);
  }

  private atEnd(at = this.pos): boolean {
    return at >= this.src.length;
  }

  private skipSpace(): void {
    while (this.pos < this.src.length && isSpace(this.src.charCodeAt(this.pos))) this.pos++;
  }

  /** Whether the next non-space character is one of `chars` (or the end, when `orEnd`). */
  private followedBy(at: number, chars: string, orEnd: boolean): boolean {
    let i = at;
    while (i < this.src.length && isSpace(this.src.charCodeAt(i))) i++;
    return i >= this.src.length ? orEnd : chars.includes(this.src[i]);
  }

  /** (template | call | path), then any number of `| call` */
  private parseExpression(): Expr {
    if (++this.depth > this.maxDepth) this.fail(`expressions nested deeper than ${this.maxDepth} levels (limits.render.maxDepth)`);
    let expr = this.parsePrimary();
    for (;;) {
      const save = this.pos;
      this.skipSpace();
      if (this.src[this.pos] !== '|') {
        this.pos = save;
        break;
      }
      this.pos++;
      this.skipSpace();
      const callPos = this.pos;
      const name = this.peekCallName();
      if (name === null) this.fail("expected a function call after '|'");
      const call = this.parseCall(name);
      expr = { kind: 'call', name: call.name, args: [expr, ...call.args], kwargs: call.kwargs, raw: call.raw, pos: callPos };
    }
    this.depth--;
    return expr;
  }

  private parsePrimary(): Expr {
    const name = this.peekCallName();
    if (name === 'template') return this.parseTemplate();
    if (name !== null) return this.parseCall(name);
    return this.parsePath();
  }

  /** The function name when the text at pos is `name(` (spaces allowed before the parenthesis). */
  private peekCallName(): string | null {
    IDENT.lastIndex = this.pos;
    const m = IDENT.exec(this.src);
    if (!m) return null;
    let i = this.pos + m[0].length;
    while (i < this.src.length && isSpace(this.src.charCodeAt(i))) i++;
    return this.src[i] === '(' ? m[0] : null;
  }

  private parseCall(name: string): CallExpr {
    const start = this.pos;
    this.pos += name.length;
    this.skipSpace();
    this.pos++; // '('
    const args: Expr[] = [];
    const kwargs: Kwarg[] = [];
    this.skipSpace();
    if (this.src[this.pos] === ')') {
      this.pos++;
      return { kind: 'call', name, args, kwargs, raw: this.src.slice(start, this.pos), pos: start };
    }
    for (;;) {
      this.skipSpace();
      const argPos = this.pos;
      const kwName = this.peekKwargName();
      if (kwName !== null) {
        if (kwargs.some((k) => k.name === kwName)) this.fail(`keyword argument '${kwName}' repeated in ${name}()`, argPos);
        this.pos = this.src.indexOf('=', this.pos) + 1;
        this.skipSpace();
        kwargs.push({ name: kwName, value: this.parseArgument(name) });
      } else {
        if (kwargs.length > 0) this.fail(`positional argument after keyword arguments in ${name}()`, argPos);
        args.push(this.parseArgument(name));
      }
      this.skipSpace();
      const c = this.src[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ')') {
        this.pos++;
        return { kind: 'call', name, args, kwargs, raw: this.src.slice(start, this.pos), pos: start };
      }
      this.fail(this.atEnd() ? `expected ',' or ')' to continue ${name}(` : `unexpected ${describe(c)} in the arguments of ${name}(); expected ',' or ')'`);
    }
  }

  /** `name =` at pos (a keyword argument), not `name==` nor a path such as `a=b.c`'s first part. */
  private peekKwargName(): string | null {
    IDENT.lastIndex = this.pos;
    const m = IDENT.exec(this.src);
    if (!m) return null;
    let i = this.pos + m[0].length;
    while (i < this.src.length && isSpace(this.src.charCodeAt(i))) i++;
    return this.src[i] === '=' ? m[0] : null;
  }

  private parseArgument(func: string): Expr {
    const c = this.src[this.pos];
    if (c === undefined || c === ',' || c === ')') this.fail(`expected an argument of ${func}()`);
    const literal = this.tryLiteral();
    if (literal) return literal;
    return this.parseExpression();
  }

  /** A literal argument: numbers and keywords only when an argument ends after them, as in graphite-web. */
  private tryLiteral(): Literal | null {
    const c = this.src[this.pos];
    if (c === '"' || c === "'") return this.parseString(c);
    NUMBER.lastIndex = this.pos;
    let m = NUMBER.exec(this.src);
    if (m && this.followedBy(this.pos + m[0].length, ',)', true)) {
      this.pos += m[0].length;
      const text = m[0];
      const isInteger = m[1] === undefined && m[2] === undefined;
      return { kind: 'number', value: Number(text), isInteger, text };
    }
    KEYWORD.lastIndex = this.pos;
    m = KEYWORD.exec(this.src);
    if (m && this.followedBy(this.pos + m[0].length, ',)', true)) {
      this.pos += m[0].length;
      const word = m[1].toLowerCase();
      if (word === 'none') return { kind: 'none' };
      if (word === 'inf') return { kind: 'number', value: Infinity, isInteger: false, text: 'inf' };
      return { kind: 'boolean', value: word === 'true' };
    }
    return null;
  }

  /** A quoted string; a backslash keeps the next character inside it, and both stay in the value. */
  private parseString(quote: '"' | "'"): Literal {
    const start = this.pos;
    let i = this.pos + 1;
    for (;;) {
      if (i >= this.src.length) this.fail(`unterminated string starting with ${quote}`, start);
      const c = this.src[i];
      if (c === '\n' || c === '\r') this.fail('line break inside a string', i);
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === quote) {
        // pyparsing's quotedString reads a doubled quote as part of the string
        if (this.src[i + 1] === quote) {
          i += 2;
          continue;
        }
        break;
      }
      i++;
    }
    this.pos = i + 1;
    return { kind: 'string', value: this.src.slice(start + 1, i), quote };
  }

  private parseTemplate(): TemplateExpr {
    const start = this.pos;
    this.pos += 'template'.length;
    this.skipSpace();
    this.pos++; // '('
    this.skipSpace();
    if (this.src[this.pos] === ')') this.fail('template() needs an expression');
    const inner = this.parseExpression();
    const args: Literal[] = [];
    const kwargs: { name: string; value: Literal }[] = [];
    for (;;) {
      this.skipSpace();
      const c = this.src[this.pos];
      if (c === ')') {
        this.pos++;
        break;
      }
      if (c !== ',') this.fail(this.atEnd() ? "expected ',' or ')' to continue template(" : `unexpected ${describe(c)} in template(); expected ',' or ')'`);
      this.pos++;
      this.skipSpace();
      const argPos = this.pos;
      const kwName = this.peekKwargName();
      if (kwName !== null) this.pos = this.src.indexOf('=', this.pos) + 1;
      this.skipSpace();
      const value = this.tryLiteral();
      if (!value || value.kind === 'boolean' || value.kind === 'none') {
        this.fail('invalid template() syntax, only string and numeric arguments are allowed', argPos);
      }
      if (kwName !== null) kwargs.push({ name: kwName, value });
      else if (kwargs.length > 0) this.fail('template() takes either positional or keyword values, not both', argPos);
      else args.push(value);
      if (args.length > 0 && kwargs.length > 0) this.fail('template() takes either positional or keyword values, not both', argPos);
    }
    return { kind: 'template', inner, args, kwargs, pos: start };
  }

  /** Dot-separated elements of path characters, escapes and `{a,b}` lists. */
  private parsePath(): PathExpr {
    const start = this.pos;
    let out = '';
    for (;;) {
      const elementStart = this.pos;
      out += this.parsePathElement();
      if (this.pos === elementStart) {
        const c = this.src[this.pos];
        if (this.pos === start) {
          this.fail(c === undefined ? 'expected a path or a function call' : `unexpected ${describe(c)}; expected a path or a function call`);
        }
        this.fail(`empty path element after '.'`);
      }
      if (this.src[this.pos] !== '.') break;
      out += '.';
      this.pos++;
    }
    return { kind: 'path', path: out, pos: start };
  }

  private parsePathElement(): string {
    let out = '';
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) return out;
      if (c === '\\') {
        const next = this.src[this.pos + 1];
        if (next === undefined || !ESCAPABLE.has(next)) this.fail(`a backslash in a path must escape one of (){},.'"\\|=`);
        out += next;
        this.pos += 2;
      } else if (c === '{') {
        out += this.parseBraceList();
      } else if (isPathChar(c)) {
        out += c;
        this.pos++;
      } else {
        return out;
      }
    }
  }

  private parseBraceList(): string {
    const open = this.pos;
    this.pos++;
    let out = '{';
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) this.fail("unterminated '{' in path", open);
      if (c === '}') {
        this.pos++;
        return `${out}}`;
      }
      if (c === ',') {
        out += ',';
        this.pos++;
      } else if (c === '\\') {
        const next = this.src[this.pos + 1];
        if (next === undefined || !ESCAPABLE.has(next)) this.fail(`a backslash in a path must escape one of (){},.'"\\|=`);
        out += next;
        this.pos += 2;
      } else if (isPathChar(c)) {
        out += c;
        this.pos++;
      } else {
        this.fail(`unexpected ${describe(c)} inside '{...}' of a path`);
      }
    }
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function isPathChar(c: string): boolean {
  const code = c.charCodeAt(0);
  return code > 32 && code !== 127 && !SYMBOLS.has(c);
}

function describe(c: string): string {
  return `'${c}'`;
}
