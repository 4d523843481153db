/**
 * Whether a backtracking engine (V8's) tests any value against a pattern in time about linear
 * in the value's length, judged from the pattern's shape alone. Conservative: `false` for
 * anything it does not understand, so such a pattern runs on the linear-time engine instead
 * (tag-regex.ts).
 *
 * A backtracking engine tries the ways a pattern can match one after another. Alternatives and
 * repeats multiply those ways: `(a|a)(a|a)...` or `(a+)+` or `.*x.*x.*x` on a long value can
 * take longer than any request may. Bounded here: no repeated group, at most one repeat of a
 * variable count (on a character, a class or `.`), and few paths through the alternatives:
 * then the ways are at most the paths times the value's length.
 */

/** Paths through the alternatives allowed when nothing repeats a variable number of times. */
const MAX_PATHS = 1 << 20;
/** ... and beside the one variable repeat, whose count multiplies them by the value's length. */
const MAX_PATHS_WITH_REPEAT = 256;

interface Frame {
  /** paths through the branches closed so far */
  sum: number;
  /** paths through the branch being read */
  product: number;
}

/**
 * `pattern` in Python's syntax (which compilePythonRegex also accepts); `anchored`: the engine
 * tries the match at the start only (a sticky match), else a search tries every start unless
 * the pattern begins with `^` and has no alternative outside a group.
 */
export function hasBoundedBacktracking(pattern: string, anchored: boolean): boolean {
  const stack: Frame[] = [{ sum: 0, product: 1 }];
  let repeats = anchored || (pattern.startsWith('^') && !topLevelAlternative(pattern)) ? 0 : 1;
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    let isGroup = false;
    if (c === '\\') {
      // \1 .. \9: a backreference, beyond what this judges
      if (/[1-9]/.test(pattern[i + 1] ?? '')) return false;
      i += 2;
    } else if (c === '[') {
      const end = classEnd(pattern, i);
      if (end >= pattern.length) return false;
      i = end + 1;
    } else if (c === '(') {
      const opened = groupBodyStart(pattern, i);
      if (opened < 0) return false;
      stack.push({ sum: 0, product: 1 });
      i = opened;
      continue;
    } else if (c === ')') {
      const group = stack.pop()!;
      if (stack.length === 0) return false;
      const top = stack[stack.length - 1];
      top.product *= group.sum + group.product;
      isGroup = true;
      i++;
    } else if (c === '|') {
      const top = stack[stack.length - 1];
      top.sum += top.product;
      top.product = 1;
      i++;
      continue;
    } else if (c === '^' || c === '$') {
      i++;
      continue;
    } else i++;
    const q = quantifier(pattern, i);
    if (q) {
      if (isGroup) return false;
      if (q.variable) repeats++;
      i = q.end;
    }
    if (repeats > 1 || paths(stack) > MAX_PATHS) return false;
  }
  if (stack.length !== 1) return false;
  return paths(stack) <= (repeats === 0 ? MAX_PATHS : MAX_PATHS_WITH_REPEAT);
}

/** An upper bound of the paths so far: every open frame's paths multiply. */
function paths(stack: readonly Frame[]): number {
  let n = 1;
  for (const f of stack) n *= f.sum + f.product;
  return n;
}

/** Where the body of the group opened at `open` starts, or -1 for a construct not judged here (lookaround, flags, comments, references). */
function groupBodyStart(pattern: string, open: number): number {
  if (pattern[open + 1] !== '?') return open + 1;
  const rest = pattern.slice(open + 2);
  if (rest.startsWith(':')) return open + 3;
  const named = /^P?<[A-Za-z_][A-Za-z0-9_]*>/.exec(rest);
  return named ? open + 2 + named[0].length : -1;
}

/** The quantifier at `at` as JavaScript reads it (`*`, `+`, `?`, `{m}`, `{m,}`, `{m,n}`, each maybe lazy), or null. */
function quantifier(pattern: string, at: number): { variable: boolean; end: number } | null {
  const c = pattern[at];
  let variable: boolean;
  let end: number;
  if (c === '*' || c === '+' || c === '?') {
    variable = true;
    end = at + 1;
  } else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at));
    if (!m) return null;
    variable = m[2] !== undefined && (m[3] === '' || Number(m[3]) !== Number(m[1]));
    end = at + m[0].length;
  } else return null;
  if (pattern[end] === '?') end++;
  return { variable, end };
}

/** Whether `|` appears outside every group (and every character class). */
export function topLevelAlternative(pattern: string): boolean {
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(pattern, i);
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth <= 0) return true;
  }
  return false;
}

/** The index of the `]` closing the class opened at `open` (a leading `]` or `^]` is literal); the pattern's length when none does. */
function classEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']') return i;
  }
  return pattern.length;
}
