import { RE2JS } from 're2js';
import { compilePythonRegex, translatePythonPattern } from '../../lib/python-regex.js';
import { hasBoundedBacktracking, topLevelAlternative } from './backtracking-bound.js';

/** A regular expression in a tag query that cannot be used: invalid, or longer than allowed. */
export class TagRegexError extends Error {
  override readonly name = 'TagRegexError';
}

/** Longest regular expression a tag query may hold, by default. */
export const DEFAULT_MAX_PATTERN_LENGTH = 2048;

/**
 * How graphite-web applies a pattern: `search` as its SQL REGEXP does (Python's re.search, the
 * value searched anywhere), `match` as re.match (at the start).
 */
export type RegexMode = 'search' | 'match';

export type ValueTest = (value: string) => boolean;

/**
 * The one place tag queries, tag lists and autocompletes turn a user's regular expression
 * (Python syntax) into a test of a value. Bounded: a pattern longer than `maxLength` is refused
 * before it is compiled; callers count the values they test against their request's budget; and
 * no single test can stall the server: V8's backtracking engine runs only the patterns whose
 * shape bounds its work (backtracking-bound.ts), every other one runs on RE2's linear-time
 * engine (re2js), and one that needs backtracking (a backreference, a lookaround) is refused.
 */
export function compileTagRegex(pattern: string, mode: RegexMode, maxLength = DEFAULT_MAX_PATTERN_LENGTH): ValueTest {
  if (pattern.length > maxLength) throw new TagRegexError(`regular expression longer than ${maxLength} characters`);
  let re: RegExp;
  try {
    // V8 checks the syntax (its messages) for either engine
    re = compilePythonRegex(pattern, mode === 'match' ? 'y' : '');
  } catch (err) {
    throw new TagRegexError((err as Error).message);
  }
  if (tagRegexEngine(pattern, mode) === 'linear') {
    const linear = compileLinear(pattern);
    return mode === 'search' ? (value) => linear.matcher(value).find() : (value) => linear.matcher(value).lookingAt();
  }
  if (mode === 'search') return (value) => re.test(value);
  return (value) => {
    re.lastIndex = 0;
    return re.test(value);
  };
}

/** Which engine compileTagRegex runs a (valid) pattern on: V8's backtracking one, or the linear-time one. */
export function tagRegexEngine(pattern: string, mode: RegexMode): 'backtracking' | 'linear' {
  return hasBoundedBacktracking(pattern, mode === 'match') ? 'backtracking' : 'linear';
}

function compileLinear(pattern: string): RE2JS {
  try {
    return RE2JS.compile(translatePythonPattern(pattern));
  } catch (err) {
    throw new TagRegexError(`regular expression "${pattern}" needs a backtracking engine (backreferences, lookaround), which tag queries do not run: ${(err as Error).message}`);
  }
}

const META = new Set(['.', '^', '$', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '\\']);
const OPTIONAL = new Set(['*', '?', '{']);

/**
 * Text every value a pattern anchored at the start (`^...`, as graphite-web anchors tag
 * regexes) can match must begin with; '' when there is none to be sure of. Only a plain run of
 * literal characters (and escaped punctuation) counts, a character followed by a quantifier
 * that allows zero is dropped, and a `|` at the level of that run voids it, since another
 * alternative may start otherwise.
 */
export function literalPrefix(anchored: string): string {
  if (!anchored.startsWith('^')) return '';
  let body = anchored.slice(1);
  // graphite-web's own wrapping `^(spec)`: the run may sit inside that first group
  if (body.startsWith('(') && !body.startsWith('(?')) body = body.slice(1);
  if (topLevelAlternative(body)) return '';
  let prefix = '';
  for (let i = 0; i < body.length; ) {
    const c = body[i];
    let literal: string;
    let next = i + 1;
    if (c === '\\') {
      const e = body[i + 1];
      // \d, \w, \s, \b, \1 ... are classes, anchors or references, not the letter
      if (e === undefined || /[A-Za-z0-9]/.test(e)) break;
      literal = e;
      next = i + 2;
    } else if (META.has(c)) break;
    else literal = c;
    if (OPTIONAL.has(body[next])) break;
    prefix += literal;
    i = next;
  }
  return prefix;
}
