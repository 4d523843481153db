// Aggregations: terms (size, include/exclude as a Lucene regexp or a list, order by _count or
// _key, min_doc_count), composite (terms sources, after, size), nested, filter, cardinality,
// value_count, min, max, sum, avg. Counts are exact (one shard), so doc_count_error_upper_bound
// is 0.

import { EsError } from './errors.js';
import { compileRegexp } from './patterns.js';
import { type Doc, type QueryContext, type Scope, type Value, checkFielddata, compareValues, compileQuery, fieldValues, rawValues } from './query.js';

export interface Entity {
  doc: Doc;
  scope: Scope | null;
}

type AggResult = Record<string, unknown>;

function keyOut(v: Value): Record<string, unknown> {
  if (typeof v === 'boolean') return { key: v ? 1 : 0, key_as_string: String(v) };
  return { key: v };
}

function orderOf(order: unknown): { by: string; dir: 'asc' | 'desc' }[] {
  const list = order === undefined ? [{ _count: 'desc' }] : Array.isArray(order) ? order : [order];
  return list.map((o) => {
    const [by, dir] = Object.entries(o as Record<string, string>)[0];
    if (by !== '_count' && by !== '_key') throw EsError.badRequest(`ordering terms buckets by [${by}] is not supported by the test server`);
    return { by, dir: dir === 'asc' ? 'asc' : 'desc' };
  });
}

export function runAggs(spec: unknown, entities: Entity[], ctx: QueryContext): AggResult {
  if (!spec || typeof spec !== 'object') throw EsError.parsing('Expected [START_OBJECT] under [aggregations]');
  const out: AggResult = {};
  for (const [name, def] of Object.entries(spec as Record<string, Record<string, unknown>>)) out[name] = runAgg(name, def, entities, ctx);
  return out;
}

function runAgg(name: string, def: Record<string, unknown>, entities: Entity[], ctx: QueryContext): AggResult {
  const sub = def.aggs ?? def.aggregations;
  const types = Object.keys(def).filter((k) => k !== 'aggs' && k !== 'aggregations' && k !== 'meta');
  if (types.length !== 1) throw EsError.parsing(`Expected a single aggregation type under [${name}], found [${types.join(', ')}]`);
  const type = types[0];
  const body = def[type] as Record<string, unknown>;
  const withSub = (es: Entity[]) => (sub ? runAggs(sub, es, ctx) : {});
  switch (type) {
    case 'terms':
      return terms(name, body, entities, ctx, withSub);
    case 'composite':
      return composite(name, body, entities, ctx, withSub);
    case 'nested': {
      const path = String(body?.path ?? '');
      if (!ctx.mapping.isNested(path)) throw EsError.badRequest(`[nested] nested path [${path}] is not nested`);
      const inner: Entity[] = [];
      for (const e of entities)
        for (const obj of rawValues(e.doc, e.scope, path)) if (obj && typeof obj === 'object') inner.push({ doc: e.doc, scope: { obj: obj as Record<string, unknown>, path } });
      return { doc_count: inner.length, ...withSub(inner) };
    }
    case 'filter': {
      const q = compileQuery(body, ctx);
      const kept = entities.filter((e) => q(e.doc, e.scope) >= 0);
      return { doc_count: kept.length, ...withSub(kept) };
    }
    case 'cardinality':
    case 'value_count':
    case 'min':
    case 'max':
    case 'sum':
    case 'avg': {
      const field = String(body?.field ?? '');
      checkFielddata(ctx, field);
      const all: Value[] = [];
      for (const e of entities) all.push(...fieldValues(ctx, e.doc, e.scope, field));
      if (type === 'cardinality') return { value: new Set(all).size };
      if (type === 'value_count') return { value: all.length };
      const nums = all.map(Number).filter((n) => !Number.isNaN(n));
      if (type === 'sum') return { value: nums.reduce((a, b) => a + b, 0) };
      if (nums.length === 0) return { value: null };
      if (type === 'avg') return { value: nums.reduce((a, b) => a + b, 0) / nums.length };
      return { value: type === 'min' ? Math.min(...nums) : Math.max(...nums) };
    }
    default:
      throw EsError.parsing(`Unknown aggregation type [${type}] did you mean one of the test server's: terms, composite, nested, filter, cardinality, value_count, min, max, sum, avg?`);
  }
}

function terms(name: string, body: Record<string, unknown>, entities: Entity[], ctx: QueryContext, withSub: (es: Entity[]) => AggResult): AggResult {
  const field = String(body?.field ?? '');
  if (!field) throw EsError.badRequest(`Required one of fields [field, script], but none were specified.`);
  const f = checkFielddata(ctx, field);
  const size = body.size === undefined ? 10 : Number(body.size);
  if (!(size > 0)) throw EsError.badRequest(`[size] must be greater than 0. Found [${size}] in [${name}]`);
  const minDocCount = body.min_doc_count === undefined ? 1 : Number(body.min_doc_count);
  const keep = includeExclude(name, body.include, body.exclude, f?.type === 'keyword' || f?.type === undefined, ctx);
  const groups = new Map<Value, Entity[]>();
  for (const e of entities) {
    for (const v of new Set(fieldValues(ctx, e.doc, e.scope, field))) {
      if (!keep(v)) continue;
      let g = groups.get(v);
      if (!g) groups.set(v, (g = []));
      g.push(e);
    }
  }
  const order = orderOf(body.order);
  const buckets = [...groups.entries()].filter(([, es]) => es.length >= minDocCount);
  buckets.sort((a, b) => {
    for (const o of order) {
      const c = o.by === '_count' ? a[1].length - b[1].length : compareValues(a[0], b[0]);
      if (c !== 0) return o.dir === 'asc' ? c : -c;
    }
    return compareValues(a[0], b[0]);
  });
  const shown = buckets.slice(0, size);
  const other = buckets.slice(size).reduce((n, [, es]) => n + es.length, 0);
  return {
    doc_count_error_upper_bound: 0,
    sum_other_doc_count: other,
    buckets: shown.map(([k, es]) => ({ ...keyOut(k), doc_count: es.length, ...withSub(es) })),
  };
}

function includeExclude(name: string, include: unknown, exclude: unknown, isString: boolean, ctx: QueryContext): (v: Value) => boolean {
  const one = (spec: unknown): ((v: Value) => boolean) | null => {
    if (spec === undefined || spec === null) return null;
    if (typeof spec === 'string') {
      if (!isString)
        throw EsError.badRequest(`Aggregation [${name}] cannot support regular expression style include/exclude settings as they can only be applied to string fields. Use an array of values for include/exclude clauses`);
      const re = compileRegexp(spec, false, ctx.index);
      return (v) => re.test(String(v));
    }
    if (Array.isArray(spec)) {
      const set = new Set(spec.map(String));
      return (v) => set.has(String(v));
    }
    throw EsError.badRequest(`[${name}] include/exclude partitions are not supported by the test server`);
  };
  const inc = one(include);
  const exc = one(exclude);
  return (v) => (!inc || inc(v)) && !(exc && exc(v));
}

function composite(name: string, body: Record<string, unknown>, entities: Entity[], ctx: QueryContext, withSub: (es: Entity[]) => AggResult): AggResult {
  const sources = body?.sources as Record<string, Record<string, Record<string, unknown>>>[] | undefined;
  if (!Array.isArray(sources) || sources.length === 0) throw EsError.badRequest(`Composite [sources] cannot be null or empty`);
  const size = body.size === undefined ? 10 : Number(body.size);
  const srcs = sources.map((s) => {
    const [sname, def] = Object.entries(s)[0];
    const t = def.terms;
    if (!t) throw EsError.badRequest(`[${name}] composite sources other than terms are not supported by the test server`);
    const field = String(t.field);
    checkFielddata(ctx, field);
    return { name: sname, field, desc: t.order === 'desc', missingBucket: t.missing_bucket === true };
  });
  const groups = new Map<string, { key: (Value | null)[]; es: Entity[] }>();
  for (const e of entities) {
    let keys: (Value | null)[][] = [[]];
    for (const s of srcs) {
      const vs: (Value | null)[] = [...new Set(fieldValues(ctx, e.doc, e.scope, s.field))];
      if (vs.length === 0) {
        if (!s.missingBucket) {
          keys = [];
          break;
        }
        vs.push(null);
      }
      keys = keys.flatMap((k) => vs.map((v) => [...k, v]));
    }
    for (const k of keys) {
      const id = JSON.stringify(k);
      let g = groups.get(id);
      if (!g) groups.set(id, (g = { key: k, es: [] }));
      g.es.push(e);
    }
  }
  const cmp = (a: (Value | null)[], b: (Value | null)[]) => {
    for (let i = 0; i < srcs.length; i++) {
      const x = a[i];
      const y = b[i];
      // a missing bucket sorts first in ascending order
      const c = x === y ? 0 : x === null ? -1 : y === null ? 1 : compareValues(x, y);
      if (c !== 0) return srcs[i].desc ? -c : c;
    }
    return 0;
  };
  let list = [...groups.values()].sort((a, b) => cmp(a.key, b.key));
  const after = body.after as Record<string, Value | null> | undefined;
  if (after) {
    const ak = srcs.map((s) => (s.name in after ? after[s.name] : null));
    list = list.filter((g) => cmp(g.key, ak) > 0);
  }
  const page = list.slice(0, size);
  const keyObj = (k: (Value | null)[]) => Object.fromEntries(srcs.map((s, i) => [s.name, k[i]]));
  const out: AggResult = { buckets: page.map((g) => ({ key: keyObj(g.key), doc_count: g.es.length, ...withSub(g.es) })) };
  if (page.length > 0) out.after_key = keyObj(page[page.length - 1].key);
  return out;
}
