// Index mappings: the field types a document's values are indexed as (keyword, text, numbers,
// boolean, date, object, nested), dynamic mapping of unseen fields (strings as text with a
// `keyword` sub-field, as Elasticsearch maps them), `dynamic: strict|false`, and the values a
// query sees for a field path. A field inside a `nested` object is only seen by a `nested` query
// (or aggregation) on its path, as in Elasticsearch.

import { EsError } from './errors.js';

export type FieldType =
  | 'keyword'
  | 'text'
  | 'long'
  | 'integer'
  | 'short'
  | 'byte'
  | 'double'
  | 'float'
  | 'half_float'
  | 'scaled_float'
  | 'unsigned_long'
  | 'boolean'
  | 'date'
  | 'object'
  | 'nested'
  | 'flattened'
  | 'wildcard'
  | 'constant_keyword';

export interface FieldMapping {
  type?: FieldType;
  properties?: Record<string, FieldMapping>;
  fields?: Record<string, FieldMapping>;
  ignore_above?: number;
  dynamic?: boolean | 'strict' | 'true' | 'false';
  [k: string]: unknown;
}

export interface Mapping {
  dynamic?: boolean | 'strict' | 'true' | 'false';
  properties: Record<string, FieldMapping>;
  [k: string]: unknown;
}

const NUMERIC = new Set(['long', 'integer', 'short', 'byte', 'double', 'float', 'half_float', 'scaled_float', 'unsigned_long']);
const INTEGER_RANGE: Record<string, [number, number]> = {
  byte: [-128, 127],
  short: [-32768, 32767],
  integer: [-2147483648, 2147483647],
  long: [Number.MIN_SAFE_INTEGER * 1024, Number.MAX_SAFE_INTEGER * 1024],
};
const KNOWN = new Set<string>([...NUMERIC, 'keyword', 'text', 'boolean', 'date', 'object', 'nested', 'flattened', 'wildcard', 'constant_keyword']);

export function isNumeric(t: FieldType | undefined): boolean {
  return !!t && NUMERIC.has(t);
}
export function isKeywordLike(t: FieldType | undefined): boolean {
  return t === 'keyword' || t === 'wildcard' || t === 'constant_keyword';
}

export interface ResolvedField {
  type: FieldType;
  mapping: FieldMapping;
  /** The nested object path this field lives under, if any. */
  nested: string | null;
  /** The path in _source the value is read from (a multi-field reads its parent's value). */
  sourcePath: string;
}

export class IndexMapping {
  mapping: Mapping;
  private resolved = new Map<string, ResolvedField | null>();

  constructor(m?: Partial<Mapping>) {
    this.mapping = { ...(m ?? {}), properties: structuredClone(m?.properties ?? {}) } as Mapping;
    validate(this.mapping.properties, '');
  }

  /** Merges more mappings in (PUT _mapping): new fields are added, existing types may not change. */
  merge(m: Partial<Mapping>): void {
    mergeProps(this.mapping.properties, m.properties ?? {}, '');
    validate(this.mapping.properties, '');
    if (m.dynamic !== undefined) this.mapping.dynamic = m.dynamic;
    this.resolved.clear();
  }

  field(path: string): ResolvedField | null {
    let r = this.resolved.get(path);
    if (r !== undefined) return r;
    r = resolve(this.mapping.properties, path.split('.'), 0, '', null);
    this.resolved.set(path, r);
    return r;
  }

  /** Whether `path` is a nested object. */
  isNested(path: string): boolean {
    return this.field(path)?.type === 'nested';
  }

  /**
   * Checks a document against the mapping, adding dynamic fields. Throws the mapper error
   * Elasticsearch would answer (strict_dynamic_mapping_exception, document_parsing_exception).
   */
  index(source: Record<string, unknown>, id: string): void {
    if (walkObject(source, this.mapping.properties, '', normDynamic(this.mapping.dynamic), id)) this.resolved.clear();
  }
}

function normDynamic(d: FieldMapping['dynamic']): 'true' | 'false' | 'strict' {
  if (d === undefined || d === true || d === 'true') return 'true';
  if (d === false || d === 'false') return 'false';
  return 'strict';
}

function validate(props: Record<string, FieldMapping>, prefix: string): void {
  for (const [name, f] of Object.entries(props)) {
    const full = prefix + name;
    const type = f.type ?? (f.properties ? 'object' : undefined);
    if (!type) throw new EsError(400, 'mapper_parsing_exception', `No type specified for field [${full}]`);
    if (!KNOWN.has(type)) throw new EsError(400, 'mapper_parsing_exception', `No handler for type [${type}] declared on field [${full}] (in the test server)`);
    if (f.properties) validate(f.properties, `${full}.`);
    if (f.fields) validate(f.fields, `${full}.`);
  }
}

function mergeProps(into: Record<string, FieldMapping>, add: Record<string, FieldMapping>, prefix: string): void {
  for (const [name, f] of Object.entries(add)) {
    const have = into[name];
    if (!have) {
      into[name] = structuredClone(f);
      continue;
    }
    const ht = have.type ?? 'object';
    const nt = f.type ?? 'object';
    if (ht !== nt)
      throw EsError.badRequest(`mapper [${prefix}${name}] cannot be changed from type [${ht}] to [${nt}]`);
    if (f.properties) mergeProps((have.properties ??= {}), f.properties, `${prefix}${name}.`);
    if (f.fields) mergeProps((have.fields ??= {}), f.fields, `${prefix}${name}.`);
  }
}

function resolve(props: Record<string, FieldMapping>, parts: string[], i: number, prefix: string, nested: string | null): ResolvedField | null {
  // field names may themselves contain dots only through objects; try the longest match first
  for (let j = parts.length; j > i; j--) {
    const name = parts.slice(i, j).join('.');
    const f = props[name];
    if (!f) continue;
    const path = prefix + name;
    const type = (f.type ?? 'object') as FieldType;
    if (j === parts.length) return { type, mapping: f, nested: type === 'nested' ? nested : nested, sourcePath: path };
    if (f.properties) {
      const r = resolve(f.properties, parts, j, `${path}.`, type === 'nested' ? path : nested);
      if (r) return r;
    }
    if (f.fields && j === parts.length - 1) {
      const sub = f.fields[parts[j]];
      if (sub) return { type: (sub.type ?? 'keyword') as FieldType, mapping: sub, nested, sourcePath: path };
    }
  }
  return null;
}

function dynamicMapping(v: unknown): FieldMapping | null {
  if (typeof v === 'string') {
    if (/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) return { type: 'date' };
    return { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } };
  }
  if (typeof v === 'number') return { type: Number.isInteger(v) ? 'long' : 'float' };
  if (typeof v === 'boolean') return { type: 'boolean' };
  if (v && typeof v === 'object' && !Array.isArray(v)) return { type: 'object', properties: {} } as FieldMapping;
  return null;
}

/** Checks an object's values against the mapping; true when dynamic fields were added. */
function walkObject(obj: Record<string, unknown>, props: Record<string, FieldMapping>, prefix: string, dynamic: 'true' | 'false' | 'strict', id: string): boolean {
  let added = false;
  for (const [name, raw] of Object.entries(obj)) {
    const values = Array.isArray(raw) ? raw.flat(Infinity) : [raw];
    for (const v of values) {
      if (v === null || v === undefined) continue;
      let f = props[name];
      const full = prefix + name;
      if (!f) {
        if (dynamic === 'strict')
          throw new EsError(400, 'strict_dynamic_mapping_exception', `[1:2] mapping set to strict, dynamic introduction of [${name}] within [${prefix ? prefix.slice(0, -1) : '_doc'}] is not allowed`);
        if (dynamic === 'false') continue;
        const m = dynamicMapping(v);
        if (!m) continue;
        props[name] = m;
        f = m;
        added = true;
      }
      const type = f.type ?? 'object';
      if (type === 'object' || type === 'nested') {
        if (typeof v !== 'object' || Array.isArray(v))
          throw new EsError(400, 'document_parsing_exception', `[1:2] object mapping for [${full}] tried to parse field [${name}] as object, but found a concrete value`);
        if (walkObject(v as Record<string, unknown>, (f.properties ??= {}), `${full}.`, f.dynamic !== undefined ? normDynamic(f.dynamic) : dynamic, id)) added = true;
        continue;
      }
      checkValue(type as FieldType, v, full, id);
    }
  }
  return added;
}

function parseFailure(type: string, v: unknown, full: string, id: string): EsError {
  return new EsError(400, 'document_parsing_exception', `[1:2] failed to parse field [${full}] of type [${type}] in document with id '${id}'. Preview of field's value: '${typeof v === 'object' ? JSON.stringify(v) : String(v)}'`);
}

function checkValue(type: FieldType, v: unknown, full: string, id: string): void {
  if (typeof v === 'object') {
    if (type === 'flattened') return;
    throw parseFailure(type, v, full, id);
  }
  if (isNumeric(type)) {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (!Number.isFinite(n)) throw parseFailure(type, v, full, id);
    const range = INTEGER_RANGE[type];
    if (range && (!Number.isInteger(Math.trunc(n)) || n < range[0] || n > range[1])) throw parseFailure(type, v, full, id);
    return;
  }
  if (type === 'boolean') {
    if (v !== true && v !== false && v !== 'true' && v !== 'false' && v !== '') throw parseFailure(type, v, full, id);
    return;
  }
  if (type === 'date' && toDate(v) === null) throw parseFailure(type, v, full, id);
}

export function toDate(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return null;
  if (/^-?\d+$/.test(v)) return Number(v);
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
}

/** A value as a field of this type indexes it: keyword strings, numbers, booleans, epoch ms. */
export function normalize(type: FieldType, v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (isNumeric(type)) {
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isFinite(n)) return null;
    return type === 'integer' || type === 'long' || type === 'short' || type === 'byte' ? Math.trunc(n) : n;
  }
  if (type === 'boolean') return v === true || v === 'true';
  if (type === 'date') return toDate(v);
  if (typeof v === 'object') return null;
  return String(v);
}

/** The standard analyzer, roughly: lower-cased runs of letters and digits. */
export function analyze(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
}
