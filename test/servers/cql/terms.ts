// Terms compiled against the type they are assigned to: a literal is serialized once when the
// statement is prepared; a bind marker is checked against its type on every execution.

import type { Literal, Term } from './ast.js';
import { CqlError } from './errors.js';
import { type BoundValue, UNSET } from './frame.js';
import {
  type CqlType,
  encodeBigint,
  encodeDouble,
  encodeInt,
  encodeVarint,
  invalidValue,
  joinCollection,
  normalizeCollection,
  typeName,
} from './types.js';

export type Values = readonly BoundValue[];
export type CompiledTerm = (values: Values) => BoundValue;

/** A bind marker's description in PREPARE's metadata: its name and the type it must have. */
export interface Variable {
  name: string;
  type: CqlType;
}

export class Bindings {
  readonly vars: (Variable | undefined)[];
  constructor(count: number) {
    this.vars = new Array(count).fill(undefined);
  }
  declare(index: number, name: string, type: CqlType): void {
    this.vars[index] = { name, type };
  }
}

export function checkBound(v: BoundValue, type: CqlType, what: string): BoundValue {
  if (v === null || v === UNSET) return v;
  const why = invalidValue(type, v);
  if (why) throw CqlError.invalid(`Invalid value for ${what} of type ${typeName(type)}: ${why}`);
  return type.kind === 'set' || type.kind === 'map' ? normalizeCollection(type, v) : v;
}

/**
 * Compiles `term` as a value of `type`. `name` is what PREPARE reports for an anonymous marker
 * (the column's name, or Cassandra's `[limit]`, `[ttl]`, ...).
 */
export function compileTerm(term: Term, type: CqlType, name: string, b: Bindings): CompiledTerm {
  switch (term.t) {
    case 'bind': {
      b.declare(term.index, term.name ?? name, type);
      const i = term.index;
      return (values) => {
        if (i >= values.length) throw CqlError.invalid(`There were ${values.length} markers(?) in CQL but ${i + 1} or more values were expected`);
        return checkBound(values[i], type, name);
      };
    }
    case 'list':
    case 'set': {
      if (type.kind === 'map' && term.t === 'set' && term.items.length === 0) {
        const empty = joinCollection(0, []);
        return () => empty;
      }
      if (type.kind !== term.t) throw CqlError.invalid(`Invalid ${term.t} literal for ${name} of type ${typeName(type)}`);
      const items = term.items.map((it) => compileTerm(it, type.elem, `value(${name})`, b));
      return (values) => {
        const parts: Buffer[] = [];
        for (const it of items) {
          const v = it(values);
          if (v === null || v === UNSET) throw CqlError.invalid('null is not supported inside collections');
          parts.push(v);
        }
        return normalizeCollection(type, joinCollection(parts.length, parts));
      };
    }
    case 'map': {
      if (type.kind !== 'map') throw CqlError.invalid(`Invalid map literal for ${name} of type ${typeName(type)}`);
      const entries = term.entries.map(([k, v]) => [compileTerm(k, type.key, `key(${name})`, b), compileTerm(v, type.value, `value(${name})`, b)] as const);
      return (values) => {
        const parts: Buffer[] = [];
        for (const [k, v] of entries) {
          const kv = k(values);
          const vv = v(values);
          if (kv === null || vv === null || kv === UNSET || vv === UNSET) throw CqlError.invalid('null is not supported inside collections');
          parts.push(kv, vv);
        }
        return normalizeCollection(type, joinCollection(entries.length, parts));
      };
    }
    case 'token':
      throw CqlError.invalid(`token() is only allowed on the right of a token relation`);
    default: {
      const v = encodeLiteral(term, type, name);
      return () => v;
    }
  }
}

function invalidLiteral(lit: Literal, type: CqlType, name: string): CqlError {
  const text = lit.t === 'null' ? 'null' : lit.t === 'bool' ? String(lit.value) : lit.text;
  const kind = { string: 'STRING', int: 'INTEGER', float: 'FLOAT', hex: 'HEX', bool: 'BOOLEAN', uuid: 'UUID', null: 'NULL' }[lit.t];
  return CqlError.invalid(`Invalid ${kind} constant (${text}) for "${name}" of type ${typeName(type)}`);
}

function parseTimestamp(s: string): number | null {
  // Cassandra accepts ISO-8601-like forms: 'yyyy-mm-dd[ |T]HH:MM[:SS[.fff]][Z|+hhmm|+hh:mm]' and bare dates.
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(s.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', ms = '0', zone] = m;
  let t = Date.UTC(+y, +mo - 1, +d, +h, +mi, +sec, Number(ms.padEnd(3, '0')));
  if (zone && zone !== 'Z') {
    const z = zone.replace(':', '');
    const off = (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5))) * (z[0] === '-' ? -1 : 1);
    t -= off * 60_000;
  }
  return Number.isNaN(t) ? null : t;
}

export function encodeLiteral(lit: Literal, type: CqlType, name: string): Buffer | null {
  if (lit.t === 'null') return null;
  if (type.kind !== 'native') throw invalidLiteral(lit, type, name);
  const bad = () => invalidLiteral(lit, type, name);
  switch (type.name) {
    case 'text':
    case 'ascii':
      if (lit.t !== 'string') throw bad();
      if (type.name === 'ascii' && /[^\x00-\x7f]/.test(lit.text)) throw CqlError.invalid(`Invalid ASCII character in string literal for ${name}`);
      return Buffer.from(lit.text, 'utf8');
    case 'blob':
      if (lit.t !== 'hex') throw bad();
      if (lit.text.length % 2 !== 0) throw CqlError.syntax(`Hex string is of odd length: 0x${lit.text}`);
      return Buffer.from(lit.text, 'hex');
    case 'boolean':
      if (lit.t !== 'bool') throw bad();
      return Buffer.from([lit.value ? 1 : 0]);
    case 'int':
    case 'smallint':
    case 'tinyint': {
      if (lit.t !== 'int') throw bad();
      const n = Number(lit.text);
      const bits = type.name === 'int' ? 32 : type.name === 'smallint' ? 16 : 8;
      if (!Number.isInteger(n) || n < -(2 ** (bits - 1)) || n >= 2 ** (bits - 1)) throw CqlError.invalid(`Unable to make ${type.name} from '${lit.text}'`);
      if (bits === 32) return encodeInt(n);
      const b = Buffer.allocUnsafe(bits / 8);
      if (bits === 16) b.writeInt16BE(n);
      else b.writeInt8(n);
      return b;
    }
    case 'bigint':
    case 'timestamp': {
      if (type.name === 'timestamp' && lit.t === 'string') {
        const ms = parseTimestamp(lit.text);
        if (ms === null) throw CqlError.invalid(`Unable to parse a date/time from '${lit.text}'`);
        return encodeBigint(BigInt(ms));
      }
      if (lit.t !== 'int') throw bad();
      const n = BigInt(lit.text);
      if (n < -(1n << 63n) || n >= 1n << 63n) throw CqlError.invalid(`Unable to make long from '${lit.text}'`);
      return encodeBigint(n);
    }
    case 'varint':
      if (lit.t !== 'int') throw bad();
      return encodeVarint(BigInt(lit.text));
    case 'double':
    case 'float': {
      if (lit.t !== 'int' && lit.t !== 'float') throw bad();
      const n = Number(lit.text);
      if (type.name === 'double') return encodeDouble(n);
      const b = Buffer.allocUnsafe(4);
      b.writeFloatBE(n);
      return b;
    }
    case 'uuid':
    case 'timeuuid':
      if (lit.t !== 'uuid') throw bad();
      if (type.name === 'timeuuid' && lit.text[14] !== '1') throw CqlError.invalid(`Unsupported UUID for timeuuid: ${lit.text} is not a version 1 uuid`);
      return Buffer.from(lit.text.replace(/-/g, ''), 'hex');
    case 'inet': {
      if (lit.t !== 'string') throw bad();
      const parts = lit.text.split('.');
      if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255))
        throw CqlError.invalid(`Unable to make inet address from '${lit.text}' (the test server parses IPv4 literals only)`);
      return Buffer.from(parts.map(Number));
    }
  }
}

/** An int parameter (LIMIT, TTL): compiled, then read as a number. */
export function intTerm(term: Term, name: string, b: Bindings): (values: Values) => number | null | typeof UNSET {
  const f = compileTerm(term, { kind: 'native', name: 'int' }, name, b);
  return (values) => {
    const v = f(values);
    if (v === null || v === UNSET) return v;
    if (v.length !== 4) throw CqlError.invalid(`Invalid empty value for ${name}`);
    return v.readInt32BE(0);
  };
}

export function bigintTerm(term: Term, name: string, b: Bindings): (values: Values) => bigint | null | typeof UNSET {
  const f = compileTerm(term, { kind: 'native', name: 'bigint' }, name, b);
  return (values) => {
    const v = f(values);
    if (v === null || v === UNSET) return v;
    if (v.length !== 8) throw CqlError.invalid(`Invalid empty value for ${name}`);
    return v.readBigInt64BE(0);
  };
}
