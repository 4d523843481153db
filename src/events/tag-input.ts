import { pythonStrip } from '../lib/python-text.js';

/**
 * The tag names an event's tag text files it under, as django-tagging (graphite-web's tag
 * field) reads them: words split on spaces, unless the text has a comma outside double quotes,
 * then on commas; a double-quoted run is one tag whatever it holds. Sorted, without repeats.
 * (graphite-web still answers the event's `tags` as the text split on whitespace, so
 * `"a,b c"` is filed under `a` and `b c` but answered as `["a,b", "c"]`.)
 */
export function parseTagInput(text: string): string[] {
  if (text === '') return [];
  if (!text.includes(',') && !text.includes('"')) return sortedUnique(splitStrip(text, ' '));
  const words: string[] = [];
  const unquoted: string[] = [];
  let buffer = '';
  let looseComma = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i++];
    if (c !== '"') {
      if (c === ',') looseComma = true;
      buffer += c;
      continue;
    }
    if (buffer !== '') unquoted.push(buffer);
    buffer = '';
    const close = text.indexOf('"', i);
    if (close < 0) {
      // an unclosed quote: the rest is read as unquoted text
      buffer = text.slice(i);
      if (buffer.includes(',')) looseComma = true;
      i = text.length;
      break;
    }
    const word = pythonStrip(text.slice(i, close));
    if (word !== '') words.push(word);
    i = close + 1;
  }
  if (buffer !== '') unquoted.push(buffer);
  const delimiter = looseComma ? ',' : ' ';
  for (const chunk of unquoted) words.push(...splitStrip(chunk, delimiter));
  return sortedUnique(words);
}

function splitStrip(text: string, delimiter: string): string[] {
  return text
    .split(delimiter)
    .map(pythonStrip)
    .filter((w) => w !== '');
}

/** Python's sorted(set(...)): by code point. */
function sortedUnique(words: readonly string[]): string[] {
  return [...new Set(words)].sort(compareCodePoints);
}

export function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
