// The query DSL parts a metric/tag index uses, compiled once per search into functions over
// documents: bool (must/filter/should/must_not, minimum_should_match), term, terms, prefix,
// wildcard, regexp, range, exists, ids, match, match_all/none, constant_score and nested.
// Scores are not BM25: a matching scoring clause adds its boost (1 by default), so `_score`
// order only says how many clauses matched; sort on fields for a stable order.

import { EsError } from './errors.js';
import { type FieldType, type IndexMapping, type ResolvedField, analyze, isKeywordLike, isNumeric, normalize, toDate } from './mapping.js';
import { compileRegexp, wildcardRegexp } from './patterns.js';

export interface Doc {
  readonly id: string;
  readonly source: Record<string, unknown>;
  readonly version: number;
  readonly seqNo: number;
  /** Insertion order: Elasticsearch's doc id order within a shard, the tie-break of sorts. */
  readonly order: number;
  readonly cache: Map<string, Value[]>;
}

export type Value = string | number | boolean;

/** Inside a nested query or aggregation: one object of the nested array, and its path. */
export interface Scope {
  readonly obj: Record<string, unknown>;
  readonly path: string;
}

/** A compiled query: the score of a matching document, or -1 when it does not match. */
export type Query = (doc: Doc, scope: Scope | null) => number;

export interface QueryContext {
  readonly mapping: IndexMapping;
  readonly index: string;
}

function getPath(obj: unknown, parts: string[], i: number, out: unknown[]): void {
  if (obj === null || obj === undefined) return;
  if (Array.isArray(obj)) {
    for (const o of obj) getPath(o, parts, i, out);
    return;
  }
  if (i === parts.length) {
    out.push(obj);
    return;
  }
  if (typeof obj !== 'object') return;
  const rec = obj as Record<string, unknown>;
  // `{"a": {"b": 1}}` and `{"a.b": 1}` are the same field
  for (let j = i + 1; j <= parts.length; j++) {
    const key = j === i + 1 ? parts[i] : parts.slice(i, j).join('.');
    if (key in rec) getPath(rec[key], parts, j, out);
  }
}

/** Raw _source values at a path (arrays flattened), from the document or a nested scope. */
export function rawValues(doc: Doc, scope: Scope | null, sourcePath: string): unknown[] {
  const out: unknown[] = [];
  if (scope) {
    if (!sourcePath.startsWith(`${scope.path}.`)) return out;
    getPath(scope.obj, sourcePath.slice(scope.path.length + 1).split('.'), 0, out);
  } else getPath(doc.source, sourcePath.split('.'), 0, out);
  return out.flat(Infinity);
}

/** The indexed values of a field for a document (or nested object), as queries compare them. */
export function fieldValues(ctx: QueryContext, doc: Doc, scope: Scope | null, field: string): Value[] {
  const f = ctx.mapping.field(field);
  if (!f || f.type === 'object' || f.type === 'nested') return [];
  if (f.nested !== (scope?.path ?? null)) return [];
  if (!scope) {
    const hit = doc.cache.get(field);
    if (hit) return hit;
  }
  const out: Value[] = [];
  const ignoreAbove = typeof f.mapping.ignore_above === 'number' ? f.mapping.ignore_above : Infinity;
  for (const raw of rawValues(doc, scope, f.sourcePath)) {
    if (f.type === 'text') {
      if (typeof raw === 'string') out.push(...analyze(raw));
      continue;
    }
    const v = normalize(f.type, raw);
    if (v === null) continue;
    if (typeof v === 'string' && v.length > ignoreAbove) continue;
    out.push(v);
  }
  if (!scope) doc.cache.set(field, out);
  return out;
}

function oneKey(obj: unknown, what: string): [string, unknown] {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw EsError.parsing(`[${what}] query malformed, no start_object after query name`);
  const entries = Object.entries(obj as Record<string, unknown>).filter(([k]) => k !== 'boost' && k !== '_name');
  if (entries.length !== 1) throw EsError.parsing(`[${what}] query doesn't support multiple fields, found [${entries.map(([k]) => k).join('] and [')}]`);
  return entries[0];
}

function boostOf(o: unknown): number {
  return o && typeof o === 'object' && 'boost' in (o as object) ? Number((o as { boost: unknown }).boost) : 1;
}

function field(ctx: QueryContext, name: string): ResolvedField | null {
  return ctx.mapping.field(name);
}

/** A query value as the field's type indexes it (keyword: string, number, boolean, date ms). */
function queryValue(f: ResolvedField | null, v: unknown): Value | null {
  if (!f) return typeof v === 'object' ? null : (v as Value);
  if (f.type === 'text') return typeof v === 'string' ? v.toLowerCase() : String(v);
  return normalize(f.type, v);
}

function textOnly(ctx: QueryContext, name: string, what: string): void {
  const f = field(ctx, name);
  if (f && !isKeywordLike(f.type) && f.type !== 'text')
    throw EsError.queryShard(`Can only use ${what} queries on keyword and text fields - not on [${name}] which is of type [${f.type}]`, ctx.index);
}

/**
 * Lucene's order: numbers by value, terms by their UTF-8 bytes, which is code point order (a
 * JavaScript `<` compares UTF-16 units and puts U+FFFF after an astral character).
 */
function compare(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  if (x === y) return 0;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const p = x.codePointAt(i)!;
    const q = y.codePointAt(i)!;
    if (p !== q) return p - q;
    if (p > 0xffff) i++;
  }
  return x.length - y.length;
}

export function compileQuery(q: unknown, ctx: QueryContext): Query {
  if (q === undefined || q === null) return () => 1;
  if (typeof q !== 'object' || Array.isArray(q)) throw EsError.parsing('query malformed, must start with start_object');
  const keys = Object.keys(q);
  if (keys.length !== 1) throw EsError.parsing(`[_na] query malformed, ${keys.length === 0 ? 'empty clause found' : `expected one query, found [${keys.join(', ')}]`}`);
  const type = keys[0];
  const body = (q as Record<string, unknown>)[type];
  switch (type) {
    case 'match_all': {
      const boost = boostOf(body);
      return () => boost;
    }
    case 'match_none':
      return () => -1;
    case 'bool':
      return compileBool(body as Record<string, unknown>, ctx);
    case 'constant_score': {
      const b = body as { filter?: unknown; boost?: number };
      if (!b || !b.filter) throw EsError.parsing('[constant_score] requires a \'filter\' element');
      const inner = compileQuery(b.filter, ctx);
      const boost = b.boost ?? 1;
      return (d, s) => (inner(d, s) >= 0 ? boost : -1);
    }
    case 'term': {
      const [name, spec] = oneKey(body, 'term');
      const raw = spec && typeof spec === 'object' ? (spec as { value: unknown }).value : spec;
      const ci = !!(spec && typeof spec === 'object' && (spec as { case_insensitive?: boolean }).case_insensitive);
      if (raw === undefined || raw === null || typeof raw === 'object') throw EsError.parsing(`[term] query does not support [${JSON.stringify(raw)}] as a value`);
      const f = field(ctx, name);
      const want = queryValue(f, raw);
      const boost = boostOf(spec);
      if (want === null) return () => -1;
      const wantLower = String(want).toLowerCase();
      return (d, s) => {
        for (const v of fieldValues(ctx, d, s, name)) if (v === want || (ci && String(v).toLowerCase() === wantLower)) return boost;
        return -1;
      };
    }
    case 'terms': {
      const b = { ...(body as Record<string, unknown>) };
      const boost = boostOf(b);
      delete b.boost;
      delete b._name;
      const [name, list] = oneKey(b, 'terms');
      if (!Array.isArray(list)) throw EsError.parsing('[terms] query does not support terms lookup in the test server; give an array of values');
      if (list.length > 65536) throw EsError.badRequest(`The number of terms [${list.length}] used in the Terms Query request has exceeded the allowed maximum of [65536].`);
      const f = field(ctx, name);
      const set = new Set(list.map((v) => queryValue(f, v)).filter((v) => v !== null));
      return (d, s) => {
        for (const v of fieldValues(ctx, d, s, name)) if (set.has(v)) return boost;
        return -1;
      };
    }
    case 'prefix':
    case 'wildcard':
    case 'regexp': {
      const [name, spec] = oneKey(body, type);
      const o = (spec && typeof spec === 'object' ? spec : { value: spec }) as Record<string, unknown>;
      const pattern = String(o.value ?? o.wildcard ?? '');
      const ci = o.case_insensitive === true;
      textOnly(ctx, name, type);
      const boost = boostOf(o);
      let test: (v: string) => boolean;
      if (type === 'prefix') {
        const p = ci ? pattern.toLowerCase() : pattern;
        test = ci ? (v) => v.toLowerCase().startsWith(p) : (v) => v.startsWith(p);
      } else {
        const re = type === 'wildcard' ? wildcardRegexp(pattern, ci) : compileRegexp(pattern, ci, ctx.index);
        test = (v) => re.test(v);
      }
      return (d, s) => {
        for (const v of fieldValues(ctx, d, s, name)) if (typeof v === 'string' && test(v)) return boost;
        return -1;
      };
    }
    case 'range': {
      const [name, spec] = oneKey(body, 'range');
      const o = spec as Record<string, unknown>;
      const f = field(ctx, name);
      if (f?.type === 'text') throw EsError.queryShard(`range queries on text fields are not supported by the test server [${name}]`, ctx.index);
      const bound = (v: unknown) => (v === undefined || v === null ? undefined : f?.type === 'date' ? toDate(v) ?? undefined : queryValue(f, v) ?? undefined);
      const gt = bound(o.gt ?? (o.include_lower === false ? o.from : undefined));
      const gte = bound(o.gte ?? (o.include_lower !== false ? o.from : undefined));
      const lt = bound(o.lt ?? (o.include_upper === false ? o.to : undefined));
      const lte = bound(o.lte ?? (o.include_upper !== false ? o.to : undefined));
      const boost = boostOf(o);
      return (d, s) => {
        for (const v of fieldValues(ctx, d, s, name)) {
          if (gt !== undefined && compare(v, gt) <= 0) continue;
          if (gte !== undefined && compare(v, gte) < 0) continue;
          if (lt !== undefined && compare(v, lt) >= 0) continue;
          if (lte !== undefined && compare(v, lte) > 0) continue;
          return boost;
        }
        return -1;
      };
    }
    case 'exists': {
      const name = (body as { field?: string })?.field;
      if (!name) throw EsError.parsing('[exists] must be provided with a [field]');
      const f = field(ctx, name);
      const boost = boostOf(body);
      if (f && (f.type === 'object' || f.type === 'nested'))
        return (d, s) => (rawValues(d, s, f.sourcePath).some((v) => v !== null && v !== undefined) ? boost : -1);
      return (d, s) => (fieldValues(ctx, d, s, name).length > 0 ? boost : -1);
    }
    case 'ids': {
      const values = new Set(((body as { values?: unknown[] })?.values ?? []).map(String));
      return (d) => (values.has(d.id) ? 1 : -1);
    }
    case 'match': {
      const [name, spec] = oneKey(body, 'match');
      const o = (spec && typeof spec === 'object' ? spec : { query: spec }) as Record<string, unknown>;
      const f = field(ctx, name);
      const boost = boostOf(o);
      if (f?.type === 'text') {
        const tokens = analyze(String(o.query));
        const and = String(o.operator ?? 'or').toLowerCase() === 'and';
        return (d, s) => {
          const have = new Set(fieldValues(ctx, d, s, name));
          const hits = tokens.filter((t) => have.has(t)).length;
          return (and ? hits === tokens.length && hits > 0 : hits > 0) ? boost * hits : -1;
        };
      }
      return compileQuery({ term: { [name]: { value: o.query, boost } } }, ctx);
    }
    case 'nested': {
      const b = body as { path?: string; query?: unknown; score_mode?: string; ignore_unmapped?: boolean };
      if (!b?.path || !b.query) throw EsError.parsing('[nested] requires \'path\' and \'query\' fields');
      if (!ctx.mapping.isNested(b.path)) {
        if (b.ignore_unmapped) return () => -1;
        throw EsError.queryShard(`[nested] failed to find nested object under path [${b.path}]`, ctx.index);
      }
      const inner = compileQuery(b.query, ctx);
      const path = b.path;
      const mode = b.score_mode ?? 'avg';
      return (d, s) => {
        const objs = rawValues(d, s, path).filter((o): o is Record<string, unknown> => !!o && typeof o === 'object');
        let best = -1;
        let sum = 0;
        let n = 0;
        for (const obj of objs) {
          const sc = inner(d, { obj, path });
          if (sc < 0) continue;
          n++;
          sum += sc;
          best = Math.max(best, sc);
        }
        if (n === 0) return -1;
        return mode === 'sum' ? sum : mode === 'max' ? best : mode === 'none' ? 0 : mode === 'min' ? best : sum / n;
      };
    }
    default:
      throw EsError.parsing(`unknown query [${type}]`);
  }
}

function clauses(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function compileBool(b: Record<string, unknown>, ctx: QueryContext): Query {
  if (!b || typeof b !== 'object') throw EsError.parsing('[bool] query malformed');
  for (const k of Object.keys(b))
    if (!['must', 'filter', 'should', 'must_not', 'minimum_should_match', 'boost', '_name', 'adjust_pure_negative'].includes(k))
      throw EsError.parsing(`[bool] query does not support [${k}]`);
  const must = clauses(b.must).map((c) => compileQuery(c, ctx));
  const filter = clauses(b.filter).map((c) => compileQuery(c, ctx));
  const should = clauses(b.should).map((c) => compileQuery(c, ctx));
  const mustNot = clauses(b.must_not).map((c) => compileQuery(c, ctx));
  let msm = b.minimum_should_match === undefined ? (must.length + filter.length > 0 ? 0 : should.length > 0 ? 1 : 0) : minimumShouldMatch(b.minimum_should_match, should.length);
  if (should.length === 0) msm = 0;
  const boost = boostOf(b);
  return (d, s) => {
    let score = 0;
    for (const q of filter) if (q(d, s) < 0) return -1;
    for (const q of mustNot) if (q(d, s) >= 0) return -1;
    for (const q of must) {
      const sc = q(d, s);
      if (sc < 0) return -1;
      score += sc;
    }
    let matched = 0;
    for (const q of should) {
      const sc = q(d, s);
      if (sc >= 0) {
        matched++;
        score += sc;
      }
    }
    if (matched < msm) return -1;
    return score * boost;
  };
}

function minimumShouldMatch(v: unknown, n: number): number {
  const s = String(v).trim();
  if (/^-?\d+$/.test(s)) {
    const k = Number(s);
    return k < 0 ? Math.max(0, n + k) : k;
  }
  const m = /^(-?\d+)%$/.exec(s);
  if (m) {
    const p = Number(m[1]);
    return p < 0 ? n - Math.floor((n * -p) / 100) : Math.floor((n * p) / 100);
  }
  throw EsError.badRequest(`minimum_should_match [${s}] is not supported by the test server`);
}

/** Field data (sorting, aggregations) is refused on text fields, as Elasticsearch refuses it. */
export function checkFielddata(ctx: QueryContext, name: string): ResolvedField | null {
  const f = field(ctx, name);
  if (f?.type === 'text')
    throw EsError.badRequest(
      `Fielddata is disabled on [${name}] in [${ctx.index}]. Text fields are not optimised for operations that require per-document field data like aggregations and sorting, so these operations are disabled by default. Please use a keyword field instead.`,
    );
  return f;
}

export function isFieldType(f: ResolvedField | null, ...types: FieldType[]): boolean {
  return !!f && types.includes(f.type);
}

export { isNumeric, compare as compareValues };
