// Tokens of CQL text: identifiers (unquoted ones fold to lower case, "quoted" ones keep their
// case), string literals with '' escapes and $$ quoting, numbers, 0x blobs, uuids, bind markers
// (? and :name) and punctuation. Comments (--, //, /* */) are skipped.

import { CqlError } from './errors.js';

export type TokenKind = 'ident' | 'qident' | 'string' | 'int' | 'float' | 'hex' | 'uuid' | 'punct' | 'marker' | 'named' | 'eof';

export interface Token {
  kind: TokenKind;
  /** ident: lower-cased; qident: as quoted; string: unescaped; punct: the symbol. */
  text: string;
  /** Upper-cased text of an unquoted identifier, to match keywords. */
  upper: string;
  at: number;
}

const UUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/y;
const NUMBER = /-?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?/y;
const IDENT = /[a-zA-Z][a-zA-Z0-9_]*/y;
const HEX = /0[xX][0-9a-fA-F]*/y;
const PUNCT2 = new Set(['<=', '>=', '!=']);
const PUNCT1 = new Set(['(', ')', ',', ';', '.', '*', '=', '<', '>', '?', ':', '[', ']', '{', '}', '+', '-']);

function match(re: RegExp, s: string, at: number): string | null {
  re.lastIndex = at;
  const m = re.exec(s);
  return m ? m[0] : null;
}

/** Text between `quote`s from `at`, a doubled quote standing for one; and the index after it. */
function readQuoted(src: string, at: number, quote: string, what: string): [string, number] {
  let s = '';
  let j = at + 1;
  for (;;) {
    if (j >= src.length) throw CqlError.syntax(`unterminated ${what} at ${at}`);
    if (src[j] === quote) {
      if (src[j + 1] !== quote) return [s, j + 1];
      s += quote;
      j += 2;
      continue;
    }
    s += src[j++];
  }
}

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, text: string, at: number) => out.push({ kind, text, upper: kind === 'ident' ? text.toUpperCase() : '', at });
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if ((c === '-' && src[i + 1] === '-') || (c === '/' && src[i + 1] === '/')) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw CqlError.syntax(`unterminated comment at ${i}`);
      i = end + 2;
      continue;
    }
    if (c === "'") {
      const [text, end] = readQuoted(src, i, "'", 'string literal');
      push('string', text, i);
      i = end;
      continue;
    }
    if (c === '$' && src[i + 1] === '$') {
      const end = src.indexOf('$$', i + 2);
      if (end < 0) throw CqlError.syntax(`unterminated $$ string at ${i}`);
      push('string', src.slice(i + 2, end), i);
      i = end + 2;
      continue;
    }
    if (c === '"') {
      const [text, end] = readQuoted(src, i, '"', 'quoted identifier');
      push('qident', text, i);
      i = end;
      continue;
    }
    const uuid = match(UUID, src, i);
    if (uuid) {
      push('uuid', uuid.toLowerCase(), i);
      i += uuid.length;
      continue;
    }
    const hex = match(HEX, src, i);
    if (hex) {
      push('hex', hex.slice(2), i);
      i += hex.length;
      continue;
    }
    // a leading '-' is part of a number only where a term may start (not after an operand)
    const prev = out[out.length - 1];
    const operandBefore = prev && (prev.kind !== 'punct' || prev.text === ')' || prev.text === ']' || prev.text === '}');
    if ((c >= '0' && c <= '9') || (c === '-' && !operandBefore) || (c === '.' && src[i + 1] >= '0' && src[i + 1] <= '9')) {
      const num = match(NUMBER, src, i);
      if (num) {
        push(/[.eE]/.test(num) ? 'float' : 'int', num, i);
        i += num.length;
        continue;
      }
      if (c === '-' && /^-(NaN|Infinity)\b/i.test(src.slice(i, i + 9))) {
        push('float', '-Infinity', i);
        i += 9;
        continue;
      }
    }
    const id = match(IDENT, src, i);
    if (id) {
      push('ident', id.toLowerCase(), i);
      i += id.length;
      continue;
    }
    if (c === ':' && /[a-zA-Z]/.test(src[i + 1] ?? '')) {
      const name = match(IDENT, src, i + 1)!;
      push('named', name.toLowerCase(), i);
      i += 1 + name.length;
      continue;
    }
    if (c === ':' && src[i + 1] === '"') {
      const end = src.indexOf('"', i + 2);
      if (end < 0) throw CqlError.syntax(`unterminated quoted marker name at ${i}`);
      push('named', src.slice(i + 2, end), i);
      i = end + 1;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (PUNCT2.has(two)) {
      push('punct', two, i);
      i += 2;
      continue;
    }
    if (PUNCT1.has(c)) {
      push(c === '?' ? 'marker' : 'punct', c, i);
      i++;
      continue;
    }
    throw CqlError.syntax(`line 1:${i} token recognition error at: '${c}'`);
  }
  out.push({ kind: 'eof', text: '<EOF>', upper: '', at: src.length });
  return out;
}
