import type { Token } from './fnmatch.js';

/** Whether one path segment matches one brace-free element with wildcards. */
export type SegmentTest = (segment: string) => boolean;

/**
 * Compiles fnmatch tokens into a test. Elements made of literal runs around stars (the shapes
 * Grafana sends: `abc*`, `*abc`, `*abc*`, `a*b*c`) use startsWith / endsWith / indexOf; the
 * rest becomes a regular expression where every interior star-literal pair is matched at its
 * leftmost place without backtracking (as Python's fnmatch does), so no pattern goes
 * exponential.
 */
export function compileSegmentTest(tokens: readonly Token[]): SegmentTest {
  const pieces = splitAtStars(tokens);
  const literalPieces = pieces.pieces.map(literalText);
  if (literalPieces.every((p): p is string => p !== null)) return literalTest(literalPieces, pieces.leadingStar, pieces.trailingStar);
  const minCodePoints = tokens.reduce((n, t) => (t.kind === 'star' ? n : n + 1), 0);
  const re = new RegExp(regexSource(pieces), 'su');
  return (s) => s.length >= minCodePoints && re.test(s);
}

interface Pieces {
  /** runs of non-star tokens, in order */
  readonly pieces: ReadonlyArray<readonly Token[]>;
  readonly leadingStar: boolean;
  readonly trailingStar: boolean;
}

function splitAtStars(tokens: readonly Token[]): Pieces {
  const pieces: Token[][] = [];
  let current: Token[] = [];
  for (const t of tokens) {
    if (t.kind === 'star') {
      if (current.length > 0) pieces.push(current);
      current = [];
    } else current.push(t);
  }
  if (current.length > 0) pieces.push(current);
  const leadingStar = tokens.length > 0 && tokens[0].kind === 'star';
  const trailingStar = tokens.length > 0 && tokens[tokens.length - 1].kind === 'star';
  return { pieces, leadingStar, trailingStar };
}

function literalText(piece: readonly Token[]): string | null {
  let s = '';
  for (const t of piece) {
    if (t.kind !== 'char') return null;
    s += String.fromCodePoint(t.cp);
  }
  return s;
}

function literalTest(pieces: readonly string[], leadingStar: boolean, trailingStar: boolean): SegmentTest {
  if (pieces.length === 0) return leadingStar ? () => true : (s) => s.length === 0;
  if (!leadingStar && !trailingStar && pieces.length === 1) {
    const only = pieces[0];
    return (s) => s === only;
  }
  const head = leadingStar ? '' : pieces[0];
  const tail = trailingStar ? '' : pieces[pieces.length - 1];
  const middle = pieces.slice(leadingStar ? 0 : 1, trailingStar ? pieces.length : pieces.length - 1);
  const minLength = head.length + tail.length + middle.reduce((n, p) => n + p.length, 0);
  if (middle.length === 0) return (s) => s.length >= minLength && s.startsWith(head) && s.endsWith(tail);
  if (middle.length === 1 && head === '' && tail === '') {
    const needle = middle[0];
    return (s) => s.includes(needle);
  }
  return (s) => {
    if (s.length < minLength || !s.startsWith(head) || !s.endsWith(tail)) return false;
    let at = head.length;
    const end = s.length - tail.length;
    for (const m of middle) {
      const found = s.indexOf(m, at);
      if (found < 0 || found + m.length > end) return false;
      at = found + m.length;
    }
    return true;
  };
}

function regexSource({ pieces, leadingStar, trailingStar }: Pieces): string {
  let src = '^';
  let group = 0;
  let i = 0;
  if (!leadingStar && pieces.length > 0) src += pieces[i++].map(tokenSource).join('');
  const lastInterior = trailingStar ? pieces.length : pieces.length - 1;
  for (; i < lastInterior; i++) {
    group++;
    src += `(?=(.*?${pieces[i].map(tokenSource).join('')}))\\${group}`;
  }
  if (trailingStar || leadingStar || pieces.length > 1) {
    if (i < pieces.length) src += `.*${pieces[i].map(tokenSource).join('')}`;
    else src += '.*';
  }
  return `${src}$`;
}

function tokenSource(t: Token): string {
  switch (t.kind) {
    case 'any':
      return '.';
    case 'char':
      return cpSource(t.cp);
    case 'never':
      return '(?!)';
    case 'set': {
      const body = t.ranges.map(([lo, hi]) => (lo === hi ? cpSource(lo) : `${cpSource(lo)}-${cpSource(hi)}`)).join('');
      return `[${t.negated ? '^' : ''}${body}]`;
    }
    case 'star':
      return '.*';
  }
}

function cpSource(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}
