/**
 * Python's fnmatch (3.11, the version graphite-web 1.1.8 runs on Debian 12) as tokens over code
 * points. graphite-web matches each brace variant of a path element with fnmatch, so these
 * rules decide what a find returns:
 * - `*` any run of characters, `?` one character;
 * - `[...]` a set, `[!...]` its complement; a `]` right after `[` or `[!` is a member; `a-z`
 *   ranges; a range whose ends are reversed is dropped (and may take its neighbours with it);
 *   `^` first in a set is a literal;
 * - a `[` with no closing `]` is a literal `[`, and so is the whole of `[]` or `[!]` when no
 *   later `]` closes them;
 * - there is no escaping: graphite-web removes every backslash before matching.
 */

export type Token =
  | { readonly kind: 'star' }
  | { readonly kind: 'any' }
  | { readonly kind: 'char'; readonly cp: number }
  /** code point ranges [lo, hi] inclusive; `negated` matches any code point outside them */
  | { readonly kind: 'set'; readonly negated: boolean; readonly ranges: ReadonlyArray<readonly [number, number]> }
  /** the empty set: matches nothing */
  | { readonly kind: 'never' };

const STAR: Token = { kind: 'star' };
const ANY: Token = { kind: 'any' };
const NEVER: Token = { kind: 'never' };
const OPEN = 0x5b; // [
const CLOSE = 0x5d; // ]
const BANG = 0x21; // !
const DASH = 0x2d; // -

/** True when the element needs matching rather than a direct lookup (graphite-web's test). */
export function hasWildcard(element: string): boolean {
  return element.includes('*') || element.includes('?') || element.includes('[');
}

/** Tokens of one brace-free path element; consecutive stars are merged. */
export function tokenize(element: string): Token[] {
  const p = Array.from(element, (ch) => ch.codePointAt(0)!);
  const n = p.length;
  const out: Token[] = [];
  let i = 0;
  while (i < n) {
    const c = p[i++];
    if (c === 0x2a) {
      if (out.length === 0 || out[out.length - 1].kind !== 'star') out.push(STAR);
    } else if (c === 0x3f) {
      out.push(ANY);
    } else if (c === OPEN) {
      let j = i;
      if (j < n && p[j] === BANG) j++;
      if (j < n && p[j] === CLOSE) j++;
      while (j < n && p[j] !== CLOSE) j++;
      if (j >= n) {
        out.push({ kind: 'char', cp: OPEN });
      } else {
        out.push(bracketSet(p, i, j));
        i = j + 1;
      }
    } else {
      out.push({ kind: 'char', cp: c });
    }
  }
  return out;
}

/**
 * The set between `[` and `]` (p[start..end)), following fnmatch's translation: the content is
 * cut into chunks at the hyphens that form ranges, reversed ranges are removed by merging the
 * chunks around them, and what remains is read as a regular-expression set.
 */
function bracketSet(p: readonly number[], start: number, end: number): Token {
  let chunks: number[][];
  const stuff = p.slice(start, end);
  if (!stuff.includes(DASH)) {
    chunks = [stuff];
  } else {
    chunks = [];
    let i = start;
    let k = p[start] === BANG ? start + 2 : start + 1;
    for (;;) {
      k = indexOf(p, DASH, k, end);
      if (k < 0) break;
      chunks.push(p.slice(i, k));
      i = k + 1;
      k = k + 3;
    }
    const last = p.slice(i, end);
    if (last.length > 0) chunks.push(last);
    else chunks[chunks.length - 1].push(DASH);
    for (let k2 = chunks.length - 1; k2 > 0; k2--) {
      const before = chunks[k2 - 1];
      const after = chunks[k2];
      if (before[before.length - 1] > after[0]) {
        chunks[k2 - 1] = [...before.slice(0, -1), ...after.slice(1)];
        chunks.splice(k2, 1);
      }
    }
  }
  // In the regular expression, a range joins the last code point of a chunk to the first of the
  // next; every other code point (hyphens inside a chunk included) stands for itself.
  const flat = chunks.flat();
  if (flat.length === 0) return NEVER;
  if (flat.length === 1 && flat[0] === BANG) return ANY;
  const negated = flat[0] === BANG;
  const ranges: Array<[number, number]> = [];
  for (let c = 0; c < chunks.length; c++) {
    const chunk = chunks[c];
    const from = c === 0 && negated ? 1 : 0;
    for (let x = from; x < chunk.length; x++) {
      const cp = chunk[x];
      const isRangeStart = x === chunk.length - 1 && c + 1 < chunks.length;
      const isRangeEnd = x === 0 && c > 0;
      if (isRangeEnd) continue;
      if (isRangeStart) ranges.push([cp, chunks[c + 1][0]]);
      else ranges.push([cp, cp]);
    }
  }
  return { kind: 'set', negated, ranges: normalizeRanges(ranges) };
}

function indexOf(p: readonly number[], cp: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (p[i] === cp) return i;
  return -1;
}

/** Sorted, merged ranges. */
function normalizeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  ranges.sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}
