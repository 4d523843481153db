// Lucene's regular expression syntax (the `regexp` query, and a terms aggregation's `include`/
// `exclude` string) and the `wildcard` syntax, translated to anchored JavaScript RegExps.
// Lucene regexps always match the whole term; there are no ^ $ anchors, `.` matches any
// character, `"..."` is a literal string, `@` any string, `#` the empty language and `<n-m>` a
// numeric interval (Elasticsearch's regexp syntax reference, "Regular expression syntax").
// Complement (`~`) and intersection (`&`) have no JavaScript equivalent and are refused.

import { EsError } from './errors.js';

// with the u flag only syntax characters may be escaped, and `-` only inside a class
const escapeJs = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
const escapeClass = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

class LuceneRegexp {
  private i = 0;
  constructor(private readonly src: string) {}

  private fail(msg: string): never {
    throw new Error(`${msg} at position ${this.i} of [${this.src}]`);
  }
  private peek(c: string): boolean {
    return this.src[this.i] === c;
  }
  private more(): boolean {
    return this.i < this.src.length;
  }

  parse(): string {
    const out = this.union();
    if (this.more()) this.fail(`unexpected '${this.src[this.i]}'`);
    return out;
  }

  private union(): string {
    const parts = [this.inter()];
    while (this.peek('|')) {
      this.i++;
      parts.push(this.inter());
    }
    return parts.length === 1 ? parts[0] : parts.map((p) => `(?:${p})`).join('|');
  }

  private inter(): string {
    const c = this.concat();
    if (this.peek('&')) this.fail('intersection (&) is not supported by the test server');
    return c;
  }

  private concat(): string {
    let out = '';
    while (this.more() && !this.peek('|') && !this.peek(')') && !this.peek('&')) out += this.repeat();
    return out;
  }

  private repeat(): string {
    let atom = this.complement();
    for (;;) {
      const c = this.src[this.i];
      if (c === '*' || c === '+' || c === '?') {
        this.i++;
        atom = `(?:${atom})${c}`;
      } else if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
        if (!m) this.fail('bad repetition');
        this.i += m[0].length;
        atom = `(?:${atom})${m[0]}`;
      } else return atom;
    }
  }

  private complement(): string {
    if (this.peek('~')) this.fail('complement (~) is not supported by the test server');
    return this.charClass();
  }

  private charClass(): string {
    if (!this.peek('[')) return this.simple();
    this.i++;
    let out = '[';
    if (this.peek('^')) {
      out += '^';
      this.i++;
    }
    let first = true;
    while (this.more() && (!this.peek(']') || first)) {
      first = false;
      const from = this.classChar();
      if (this.peek('-') && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length) {
        this.i++;
        out += `${from}-${this.classChar()}`;
      } else out += from;
    }
    if (!this.peek(']')) this.fail('unterminated character class');
    this.i++;
    return out + ']';
  }

  private classChar(): string {
    let c = this.src[this.i++];
    if (c === '\\') {
      c = this.src[this.i++];
      if (c === undefined) this.fail('dangling escape');
      const sh = shorthand(c);
      if (sh) return sh.slice(1, -1);
    }
    return escapeClass(c);
  }

  private simple(): string {
    const c = this.src[this.i];
    switch (c) {
      case '.':
        this.i++;
        return '[^]';
      case '@':
        this.i++;
        return '[^]*';
      case '#':
        this.i++;
        return '(?!)';
      case '"': {
        const end = this.src.indexOf('"', this.i + 1);
        if (end < 0) this.fail('unterminated string');
        const lit = this.src.slice(this.i + 1, end);
        this.i = end + 1;
        return escapeJs(lit);
      }
      case '(': {
        this.i++;
        if (this.peek(')')) {
          this.i++;
          return '';
        }
        const inner = this.union();
        if (!this.peek(')')) this.fail('unclosed group');
        this.i++;
        return `(?:${inner})`;
      }
      case '<': {
        const m = /^<(\d+)-(\d+)>/.exec(this.src.slice(this.i));
        if (!m) this.fail('named automata (<name>) are not supported by the test server');
        this.i += m[0].length;
        return interval(m[1], m[2]);
      }
      case '\\': {
        this.i++;
        const e = this.src[this.i++];
        if (e === undefined) this.fail('dangling escape');
        return shorthand(e) ?? escapeJs(e);
      }
      case '{':
      case '*':
      case '+':
      case '?':
        return this.fail(`dangling '${c}'`);
      default: {
        const cp = this.src.codePointAt(this.i)!;
        const ch = String.fromCodePoint(cp);
        this.i += ch.length;
        return escapeJs(ch);
      }
    }
  }
}

/** Lucene 9's \d \D \s \S \w \W classes. */
function shorthand(c: string): string | null {
  switch (c) {
    case 'd':
      return '[0-9]';
    case 'D':
      return '[^0-9]';
    case 's':
      return '[ \\t\\n\\r]';
    case 'S':
      return '[^ \\t\\n\\r]';
    case 'w':
      return '[a-zA-Z0-9_]';
    case 'W':
      return '[^a-zA-Z0-9_]';
    default:
      return null;
  }
}

/** `<n-m>`: the decimal numbers n..m; shorter ones may be zero-padded to n's width (Lucene's makeInterval). */
function interval(a: string, b: string): string {
  let lo = Number(a);
  let hi = Number(b);
  if (lo > hi) [lo, hi] = [hi, lo];
  if (hi - lo > 100_000) throw new Error(`numeric interval <${a}-${b}> is too wide for the test server`);
  const width = a.length === b.length ? a.length : 0;
  const alts: string[] = [];
  for (let n = lo; n <= hi; n++) alts.push(width ? String(n).padStart(width, '0') : `0*${n}`);
  return `(?:${alts.join('|')})`;
}

export function luceneRegexp(pattern: string, caseInsensitive = false): RegExp {
  const body = new LuceneRegexp(pattern).parse();
  return new RegExp(`^(?:${body})$`, caseInsensitive ? 'iu' : 'u');
}

/** The `wildcard` query: `*` any run of characters, `?` one, `\` escapes. */
export function wildcardRegexp(pattern: string, caseInsensitive = false): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) out += escapeJs(pattern[++i]);
    else if (c === '*') out += '[^]*';
    else if (c === '?') out += '[^]';
    else out += escapeJs(c);
  }
  return new RegExp(`^${out}$`, caseInsensitive ? 'iu' : 'u');
}

/** A regexp the query names, or the error Elasticsearch answers for a bad one. */
export function compileRegexp(pattern: string, caseInsensitive: boolean, index: string): RegExp {
  try {
    return luceneRegexp(pattern, caseInsensitive);
  } catch (e) {
    throw EsError.queryShard(`failed to create query: ${(e as Error).message}`, index);
  }
}
