/**
 * Users write Python `re` syntax (carbon's rule files, graphite-web's aliasSub, grep, exclude).
 * JavaScript's RegExp is close; these are the differences that matter in practice.
 */

/** Rewrites Python-only pattern syntax: `(?P<n>...)` and `(?P=n)` named groups. */
export function translatePythonPattern(pattern: string): string {
  return pattern.replace(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?<$1>').replace(/\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)/g, '\\k<$1>');
}

/** Compiles a Python regular expression, with a message naming the pattern when it is invalid. */
export function compilePythonRegex(pattern: string, flags = ''): RegExp {
  try {
    return new RegExp(translatePythonPattern(pattern), flags);
  } catch (err) {
    throw new Error(`invalid regular expression "${pattern}": ${(err as Error).message}`);
  }
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
