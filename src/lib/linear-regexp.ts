import { RE2JS } from 're2js';

/**
 * A RegExp whose matching runs on RE2 (re2js, pure JavaScript): time linear in the length of
 * the text, whatever the pattern, so a pattern from a request (`(a+)+$`) cannot hold the event
 * loop. It is a real RegExp for its callers: `test`, `String.prototype.replace`, `match`,
 * `matchAll`, `split` and `search` all reach the engine through `exec`, which the language
 * calls for every RegExp method (RegExpExec), honouring `g`, `y` and `lastIndex` as usual.
 *
 * `source` is RE2 syntax (see python-regex.ts for the translation from Python's). Flags: `g`,
 * `y`, `i`, `m`, `s`; `u` and `d` are not offered.
 */
export class LinearRegExp extends RegExp {
  readonly #program: RE2JS;
  readonly #source: string;
  readonly #named: boolean;

  constructor(pattern: string | LinearRegExp, flags?: string) {
    const source = pattern instanceof LinearRegExp ? pattern.#source : pattern;
    const f = flags ?? (pattern instanceof LinearRegExp ? pattern.flags : '');
    if (/[ud]/.test(f)) throw new SyntaxError(`LinearRegExp does not take the flags u or d (${f})`);
    // the host engine compiles only an empty pattern here and never runs it: exec is ours
    super('(?:)', f);
    this.#source = source;
    this.#program = pattern instanceof LinearRegExp && pattern.flags === f ? pattern.#program : RE2JS.compile(source, re2Flags(f));
    this.#named = Object.keys(this.#program.namedGroups()).length > 0;
  }

  static override get [Symbol.species](): RegExpConstructor {
    return LinearRegExp as unknown as RegExpConstructor;
  }

  override get source(): string {
    return this.#source;
  }

  override toString(): string {
    return `/${this.#source}/${this.flags}`;
  }

  override test(text: string): boolean {
    // no groups to build when no position is kept between calls (a Matcher's find measured
    // faster than RE2JS.test on metric names: bench/regex.bench.ts)
    if (!this.global && !this.sticky) return this.#program.matcher(String(text)).find();
    return this.exec(text) !== null;
  }

  override exec(text: string): RegExpExecArray | null {
    const input = String(text);
    const keepsPosition = this.global || this.sticky;
    const from = keepsPosition ? this.lastIndex : 0;
    const fail = (): null => {
      if (keepsPosition) this.lastIndex = 0;
      return null;
    };
    if (from > input.length) return fail();
    const m = this.#program.matcher(input);
    // leftmost-first: a match starting at `from`, when there is one, is the one found
    if (!m.find(from) || (this.sticky && m.start() !== from)) return fail();
    const result = [m.group()] as unknown as RegExpExecArray;
    for (let g = 1; g <= m.groupCount(); g++) result.push(m.group(g) ?? (undefined as unknown as string));
    result.index = m.start();
    result.input = input;
    result.groups = undefined;
    if (this.#named) {
      const groups: Record<string, string> = Object.create(null);
      for (const [name, g] of Object.entries(this.#program.namedGroups())) groups[name] = result[g];
      result.groups = groups;
    }
    if (keepsPosition) this.lastIndex = m.end();
    return result;
  }
}

function re2Flags(flags: string): number {
  let f = RE2JS.LOOKBEHINDS;
  if (flags.includes('i')) f |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) f |= RE2JS.MULTILINE;
  if (flags.includes('s')) f |= RE2JS.DOTALL;
  return f;
}
