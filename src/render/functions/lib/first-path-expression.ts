/**
 * graphite-web's `_getFirstPathExpression`: the first metric path inside an expression such
 * as `scale(sumSeries(servers.{a,b}.cpu),0.5)` (here `servers.{a,b}.cpu`), found by the
 * target grammar: descend into the first argument of each call until a path is reached.
 * Null when the first argument is a literal (number, string, boolean, None, inf) or no path
 * starts where one should. When that path is not followed by what an argument list allows
 * (`,`, `)` or a pipe), no call parses, and graphite-web's grammar falls back to reading the
 * whole name as a path: the leading function name, which ends at its `(`.
 */

const SYMBOLS = `(){},.'"\\|`;

function isMetricChar(c: string): boolean {
  const code = c.charCodeAt(0);
  return code >= 33 && code <= 126 && !SYMBOLS.includes(c);
}

function skipSpace(s: string, pos: number): number {
  while (pos < s.length && /\s/.test(s[pos])) pos++;
  return pos;
}

export function firstPathExpression(expression: string): string | null {
  const start = skipSpace(expression, 0);
  let pos = start;
  for (;;) {
    const call = /^([A-Za-z_][A-Za-z0-9_]*)\s*\(/.exec(expression.slice(pos));
    if (call) {
      if (call[1] === 'template') return null;
      pos = skipSpace(expression, pos + call[0].length);
      if (startsWithLiteral(expression.slice(pos))) return null;
      continue;
    }
    const path = scanPath(expression, pos);
    if (pos === start || path === null) return path?.text ?? null;
    const after = skipSpace(expression, path.end);
    return after >= expression.length || ',)|'.includes(expression[after]) ? path.text : readPath(expression, start);
  }
}

function startsWithLiteral(rest: string): boolean {
  if (/^(true|false|none|inf)(?![A-Za-z0-9_$])/i.test(rest)) return true;
  if (/^-?\d+(\.\d+)?([eE]-?\d+)?\s*(,|\)|$)/.test(rest)) return true;
  return rest.startsWith('"') || rest.startsWith("'");
}

/** A pathExpression of the grammar: elements of metric characters, `\`-escapes and `{a,b}`, joined by dots. */
function readPath(s: string, pos: number): string | null {
  return scanPath(s, pos)?.text ?? null;
}

function scanPath(s: string, pos: number): { text: string; end: number } | null {
  let out = '';
  for (;;) {
    const element = readElement(s, pos);
    if (element === null) break;
    out += element.text;
    pos = element.end;
    if (s[pos] === '.' && readElement(s, pos + 1) !== null) {
      out += '.';
      pos += 1;
    } else break;
  }
  return out === '' ? null : { text: out, end: pos };
}

function readElement(s: string, pos: number): { text: string; end: number } | null {
  let text = '';
  for (;;) {
    const partial = readPartial(s, pos);
    if (partial) {
      text += partial.text;
      pos = partial.end;
      continue;
    }
    if (s[pos] === '{') {
      const items: string[] = [];
      let p = pos + 1;
      let item = readPartial(s, p);
      while (item) {
        items.push(item.text);
        p = item.end;
        if (s[p] !== ',') break;
        item = readPartial(s, p + 1);
        if (item) p += 1;
      }
      if (items.length > 0 && s[p] === '}') {
        text += `{${items.join(',')}}`;
        pos = p + 1;
        continue;
      }
    }
    break;
  }
  return text === '' ? null : { text, end: pos };
}

function readPartial(s: string, pos: number): { text: string; end: number } | null {
  let text = '';
  while (pos < s.length) {
    if (s[pos] === '\\' && pos + 1 < s.length && (SYMBOLS + '=').includes(s[pos + 1])) {
      text += s[pos + 1];
      pos += 2;
    } else if (isMetricChar(s[pos])) {
      text += s[pos];
      pos += 1;
    } else break;
  }
  return text === '' ? null : { text, end: pos };
}
