/**
 * Users write Python `re` syntax (carbon's rule files, graphite-web's aliasSub, grep, exclude,
 * seriesByTag's `=~`). carbyne matches every such pattern on RE2 (LinearRegExp: time linear in
 * the text, so no pattern from a request can hold the server), after translating what Python
 * spells differently. What RE2 cannot run in linear time — backreferences, lookahead, atomic
 * groups, possessive quantifiers, conditionals — is refused with a message that says so;
 * lookbehind (fixed width in Python) runs, without capturing groups inside it.
 */
import { LinearRegExp } from './linear-regexp.js';

/** A Python pattern carbyne cannot run in linear time, or that is not a valid pattern. */
export class PythonRegexError extends Error {
  override readonly name = 'PythonRegexError';
}

const LINEAR_ONLY = 'carbyne runs regular expressions in linear time';

/** Longest pattern accepted, characters: compiling costs time and memory in proportion. */
export const MAX_PATTERN_LENGTH = 20_000;

/** Rewrites a Python `re` pattern in RE2's syntax, or throws PythonRegexError for what RE2 cannot run. */
export function translatePythonPattern(pattern: string): string {
  const unsupported = (what: string): never => {
    throw new PythonRegexError(`${what} are not supported (${LINEAR_ONLY})`);
  };
  if (pattern.length > MAX_PATTERN_LENGTH) throw new PythonRegexError(`pattern longer than ${MAX_PATTERN_LENGTH} characters`);
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const rest = pattern.slice(i);
    if (c === '\\') {
      const escape = translateEscape(rest, inClass, unsupported);
      out += escape.text;
      i += escape.length - 1;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      // a `[` inside a class is a literal for Python; RE2 would read `[:alpha:]` as a POSIX class
      else if (c === '[') out += '\\';
      out += c;
      continue;
    }
    if (c === '[') {
      // `]` first in a class (after `[` or `[^`) is a literal in Python
      const opening = /^\[\^?\]?/.exec(rest)![0];
      out += opening.endsWith(']') ? `${opening.slice(0, -1)}\\]` : opening;
      i += opening.length - 1;
      inClass = true;
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      const group = translateGroupOpening(rest, /^(\(\?[a-z]*\))*$/.test(out), unsupported);
      out += group.text;
      i += group.length - 1;
      continue;
    }
    if (c === '{') {
      // Python reads `{,n}` as `{0,n}` and `{,}` as `{0,}`; `{}` and other braces are literals
      const repeat = /^\{(\d*)(,(\d*))?\}/.exec(rest);
      if (repeat && (repeat[1] !== '' || repeat[2] !== undefined)) {
        out += `{${repeat[1] || '0'}${repeat[2] ?? ''}}`;
        i += repeat[0].length - 1;
        if (pattern[i + 1] === '+') unsupported('possessive quantifiers');
        continue;
      }
      out += '\\{';
      continue;
    }
    if (c === '}') {
      out += '\\}';
      continue;
    }
    if ((c === '*' || c === '+' || c === '?') && pattern[i + 1] === '+' && i > 0) unsupported('possessive quantifiers');
    out += c;
  }
  return out;
}

/** `(?` and what follows: named groups, flags, comments, and the constructs RE2 lacks. */
function translateGroupOpening(rest: string, atStart: boolean, unsupported: (what: string) => never): { text: string; length: number } {
  if (rest.startsWith('(?P<')) return { text: '(?P<', length: 4 };
  if (rest.startsWith('(?P=')) unsupported('backreferences');
  if (rest.startsWith('(?=') || rest.startsWith('(?!')) unsupported('lookahead assertions');
  if (rest.startsWith('(?<=') || rest.startsWith('(?<!')) return { text: rest.slice(0, 4), length: 4 };
  // RE2 would take `(?<name>`; Python 3.11 does not
  if (rest.startsWith('(?<')) throw new PythonRegexError(`unknown extension ?<${rest[3] ?? ''}`);
  if (rest.startsWith('(?>')) unsupported('atomic groups');
  if (rest.startsWith('(?(')) unsupported('conditional groups');
  if (rest.startsWith('(?#')) {
    const end = rest.indexOf(')');
    if (end < 0) throw new PythonRegexError('missing ), unterminated comment');
    return { text: '', length: end + 1 };
  }
  const flags = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?(:|\))/.exec(rest);
  if (flags) {
    const on = flags[1];
    const off = flags[2];
    if (/[xL]/.test(on + (off ?? ''))) unsupported('the verbose (x) and locale (L) flags');
    if (flags[3] === ')' && !atStart) throw new PythonRegexError('global flags not at the start of the expression');
    // unicode (u) is Python's default, ASCII (a) is how RE2 reads \w \d \s \b anyway
    const keep = (f: string) => f.replace(/[au]/g, '');
    const onKept = keep(on);
    const offKept = off === undefined ? undefined : keep(off);
    if (onKept === '' && (offKept ?? '') === '') return { text: flags[3] === ':' ? '(?:' : '', length: flags[0].length };
    return { text: `(?${onKept}${offKept ? `-${offKept}` : ''}${flags[3]}`, length: flags[0].length };
  }
  return { text: '(?', length: 2 };
}

/** One backslash escape, inside a character class or not. */
function translateEscape(rest: string, inClass: boolean, unsupported: (what: string) => never): { text: string; length: number } {
  const next = rest[1];
  if (next === undefined) throw new PythonRegexError('bad escape (end of pattern)');
  if (/[1-9]/.test(next)) {
    // outside a class \1..\99 refer to groups; inside, digits are an octal escape
    if (!inClass) {
      const octal = /^\\([0-7]{3})/.exec(rest);
      if (!octal) unsupported('backreferences');
      return { text: codePointEscape(parseInt(octal![1], 8)), length: 4 };
    }
    const octal = /^\\([0-7]{1,3})/.exec(rest);
    if (!octal) throw new PythonRegexError(`bad escape \\${next}`);
    return { text: codePointEscape(parseInt(octal[1], 8)), length: octal[0].length };
  }
  if (next === '0') {
    const octal = /^\\(0[0-7]{0,2})/.exec(rest)!;
    return { text: codePointEscape(parseInt(octal[1], 8)), length: octal[0].length };
  }
  if (next === 'Z') return { text: '\\z', length: 2 };
  if (next === 'u' || next === 'U') {
    const digits = next === 'u' ? 4 : 8;
    const hex = new RegExp(`^\\\\${next}([0-9a-fA-F]{${digits}})`).exec(rest);
    if (!hex) throw new PythonRegexError(`incomplete escape \\${next}`);
    return { text: codePointEscape(parseInt(hex[1], 16)), length: hex[0].length };
  }
  if (next === 'x') {
    const hex = /^\\x([0-9a-fA-F]{2})/.exec(rest);
    if (!hex) throw new PythonRegexError('incomplete escape \\x');
    return { text: codePointEscape(parseInt(hex[1], 16)), length: 4 };
  }
  if (next === 'N') unsupported('named character escapes (\\N{...})');
  if (/[pPzCQE]/.test(next)) throw new PythonRegexError(`bad escape \\${next}`);
  if (inClass && (next === 'b')) return { text: '\\x{8}', length: 2 };
  return { text: rest.slice(0, 2), length: 2 };
}

function codePointEscape(cp: number): string {
  return `\\x{${cp.toString(16)}}`;
}

/** Compiles a Python regular expression to run in linear time, with a message naming the pattern when it cannot. */
export function compilePythonRegex(pattern: string, flags = ''): RegExp {
  try {
    return new LinearRegExp(translatePythonPattern(pattern), flags);
  } catch (err) {
    const reason = err instanceof PythonRegexError ? err.message : re2Reason(err);
    throw new PythonRegexError(`invalid regular expression "${pattern}": ${reason}`);
  }
}

/** RE2's own complaint, without its prefix (`error parsing regexp: `). */
function re2Reason(err: unknown): string {
  return (err as Error).message.replace(/^error parsing regexp: /, '');
}

/**
 * Rewrites a Python `re.sub` replacement for String.prototype.replace: `\1`..`\99`, `\g<1>`,
 * `\g<name>` become `$1`, `$<name>`; `$` is escaped; `\\` and `\n` style escapes are kept as
 * Python reads them.
 */
export function translatePythonReplacement(replacement: string): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    if (c === '$') {
      out += '$$';
      continue;
    }
    if (c !== '\\' || i + 1 >= replacement.length) {
      out += c;
      continue;
    }
    const next = replacement[i + 1];
    const digits = /^\d{1,2}/.exec(replacement.slice(i + 1));
    if (digits) {
      out += `$${digits[0]}`;
      i += digits[0].length;
    } else if (next === 'g') {
      const m = /^g<([A-Za-z0-9_]+)>/.exec(replacement.slice(i + 1));
      if (!m) throw new Error(`bad group reference in replacement "${replacement}"`);
      // group 0 is the whole match, which JavaScript spells $&
      out += m[1] === '0' ? '$&' : /^\d+$/.test(m[1]) ? `$${Number(m[1])}` : `$<${m[1]}>`;
      i += m[0].length;
    } else {
      const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', f: '\f', v: '\v', a: '\x07', b: '\b' };
      out += escapes[next] ?? `\\${next}`;
      i += 1;
    }
  }
  return out;
}
