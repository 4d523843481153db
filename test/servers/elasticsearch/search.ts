// _search and _count over refreshed documents: query, sort (fields, _score, _doc, and the
// implicit _shard_doc tiebreaker of a point-in-time search), from/size within
// index.max_result_window, search_after, _source filtering, track_total_hits, aggregations.

import { type Entity, runAggs } from './aggs.js';
import { EsError } from './errors.js';
import { type Doc, type Query, type QueryContext, type Value, checkFielddata, compareValues, compileQuery, fieldValues } from './query.js';
import { candidates } from './postings.js';
import type { EsIndex } from './store.js';

export const MAX_RESULT_WINDOW = 10_000;

export interface View {
  index: EsIndex;
  docs: Doc[];
}

const KNOWN_KEYS = new Set([
  'query',
  'size',
  'from',
  'sort',
  'search_after',
  '_source',
  'aggs',
  'aggregations',
  'track_total_hits',
  'pit',
  'track_scores',
  'timeout',
  'version',
  'seq_no_primary_term',
  'min_score',
]);

interface SortSpec {
  field: string;
  desc: boolean;
  missingFirst: boolean;
  unmappedType?: string;
}

interface Hit {
  view: View;
  doc: Doc;
  score: number;
  sort: (Value | null)[];
}

function parseSort(sort: unknown, pit: boolean): SortSpec[] {
  const list = sort === undefined ? [] : Array.isArray(sort) ? sort : [sort];
  const out = list.map((s): SortSpec => {
    if (typeof s === 'string') return { field: s, desc: s === '_score', missingFirst: false };
    const [field, spec] = Object.entries(s as Record<string, unknown>)[0];
    const o = (typeof spec === 'string' ? { order: spec } : (spec as Record<string, unknown>)) ?? {};
    const desc = o.order === undefined ? field === '_score' : o.order === 'desc';
    if (o.mode !== undefined && o.mode !== 'min' && o.mode !== 'max') throw EsError.badRequest(`sort mode [${o.mode}] is not supported by the test server`);
    return { field, desc, missingFirst: o.missing === '_first', unmappedType: o.unmapped_type as string | undefined };
  });
  if (out.length === 0) out.push({ field: '_score', desc: true, missingFirst: false });
  if (pit && !out.some((s) => s.field === '_shard_doc')) out.push({ field: '_shard_doc', desc: false, missingFirst: false });
  return out;
}

function sortValue(s: SortSpec, h: { doc: Doc; score: number }, ctx: QueryContext): Value | null {
  switch (s.field) {
    case '_score':
      return h.score;
    case '_doc':
    case '_shard_doc':
      return h.doc.order;
    case '_id':
      throw EsError.badRequest('Fielddata access on the _id field is disallowed, you can re-enable it by updating the dynamic cluster setting: indices.id_field_data.enabled');
  }
  const vs = fieldValues(ctx, h.doc, null, s.field);
  if (vs.length === 0) return null;
  // multi-valued: the smallest ascending, the largest descending
  let best = vs[0];
  for (const v of vs) if (s.desc ? compareValues(v, best) > 0 : compareValues(v, best) < 0) best = v;
  return typeof best === 'boolean' ? (best ? 1 : 0) : best;
}

function compareSort(specs: SortSpec[], a: (Value | null)[], b: (Value | null)[]): number {
  for (let i = 0; i < specs.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    const s = specs[i];
    if (x === null || y === null) return (x === null) === s.missingFirst ? -1 : 1;
    const c = compareValues(x, y);
    if (c !== 0) return s.desc ? -c : c;
  }
  return 0;
}

function matches(pattern: string, path: string): boolean {
  if (!pattern.includes('*')) return pattern === path;
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(path);
}

/** _source filtering: a path is kept when an include names it or an ancestor, and no exclude does. */
export function filterSource(source: unknown, spec: unknown): unknown {
  if (spec === undefined || spec === true) return source;
  if (spec === false) return undefined;
  let includes: string[] = [];
  let excludes: string[] = [];
  if (typeof spec === 'string') includes = [spec];
  else if (Array.isArray(spec)) includes = spec.map(String);
  else if (spec && typeof spec === 'object') {
    const o = spec as { includes?: string | string[]; excludes?: string | string[]; include?: string | string[]; exclude?: string | string[] };
    includes = [o.includes ?? o.include ?? []].flat();
    excludes = [o.excludes ?? o.exclude ?? []].flat();
  }
  const walk = (obj: unknown, prefix: string, included: boolean): unknown => {
    if (Array.isArray(obj)) return obj.map((o) => walk(o, prefix, included)).filter((o) => o !== undefined);
    if (!obj || typeof obj !== 'object') return included ? obj : undefined;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      const path = prefix + k;
      if (excludes.some((e) => matches(e, path))) continue;
      const inc = included || includes.length === 0 || includes.some((p) => matches(p, path));
      const isObj = v !== null && typeof v === 'object';
      if (!inc && !isObj) continue;
      if (!inc && !includes.some((p) => p.startsWith(`${path}.`) || p.includes('*'))) continue;
      const w = walk(v, `${path}.`, inc);
      if (w === undefined || (isObj && !inc && !Array.isArray(w) && Object.keys(w as object).length === 0)) continue;
      out[k] = w;
    }
    return out;
  };
  return walk(source, '', false);
}

function contextOf(v: View): QueryContext {
  return { mapping: v.index.mapping, index: v.index.name };
}

export function countDocs(views: View[], body: Record<string, unknown> | undefined): number {
  let n = 0;
  for (const v of views) {
    const ctx = contextOf(v);
    const q = compileQuery(body?.query, ctx);
    for (const d of candidates(body?.query, v.docs, ctx) ?? v.docs) if (q(d, null) >= 0) n++;
  }
  return n;
}

/** The documents a query matches (for _delete_by_query). */
export function matching(views: View[], query: unknown): { view: View; doc: Doc }[] {
  const out: { view: View; doc: Doc }[] = [];
  for (const v of views) {
    const ctx = contextOf(v);
    const q = compileQuery(query, ctx);
    for (const d of candidates(query, v.docs, ctx) ?? v.docs) if (q(d, null) >= 0) out.push({ view: v, doc: d });
  }
  return out;
}

export interface SearchOptions {
  pitId?: string;
  /** Scroll pages run past max_result_window. */
  scroll?: boolean;
}

export function search(views: View[], body: Record<string, unknown>, opts: SearchOptions = {}): Record<string, unknown> {
  for (const k of Object.keys(body)) if (!KNOWN_KEYS.has(k)) throw EsError.parsing(`Unknown key for a START_OBJECT in [${k}] (or not supported by the test server).`);
  const size = body.size === undefined ? 10 : Number(body.size);
  const from = body.from === undefined ? 0 : Number(body.from);
  if (!Number.isInteger(size) || size < 0) throw EsError.badRequest(`[size] parameter cannot be negative, found [${body.size}]`);
  if (!Number.isInteger(from) || from < 0) throw EsError.badRequest(`[from] parameter cannot be negative but was [${body.from}]`);
  if (!opts.scroll && from + size > MAX_RESULT_WINDOW)
    throw EsError.badRequest(
      `Result window is too large, from + size must be less than or equal to: [${MAX_RESULT_WINDOW}] but was [${from + size}]. See the scroll api for a more efficient way to request large data sets. This limit can be set by changing the [index.max_result_window] index level setting.`,
    );
  const specs = parseSort(body.sort, opts.pitId !== undefined);
  const after = body.search_after as (Value | null)[] | undefined;
  if (after !== undefined) {
    if (!Array.isArray(after)) throw EsError.parsing('[search_after] must be an array');
    if (from > 0) throw EsError.badRequest('[from] parameter must be set to 0 when [search_after] is used');
    if (after.length !== specs.length) throw EsError.badRequest(`search_after has ${after.length} value(s) but sort has ${specs.length}.`);
  }
  const sortedByScore = specs[0].field === '_score';

  const hits: Hit[] = [];
  const entities: Entity[] = [];
  const minScore = body.min_score === undefined ? -Infinity : Number(body.min_score);
  for (const v of views) {
    const ctx = contextOf(v);
    for (const s of specs)
      if (!s.field.startsWith('_')) {
        const f = checkFielddata(ctx, s.field);
        if (!f && !s.unmappedType) throw EsError.queryShard(`No mapping found for [${s.field}] in order to sort on`, v.index.name);
      }
    const q: Query = compileQuery(body.query, ctx);
    for (const d of candidates(body.query, v.docs, ctx) ?? v.docs) {
      const score = q(d, null);
      if (score < 0 || score < minScore) continue;
      const h = { view: v, doc: d, score, sort: [] as (Value | null)[] };
      h.sort = specs.map((s) => sortValue(s, h, ctx));
      hits.push(h);
      entities.push({ doc: d, scope: null });
    }
  }
  hits.sort((a, b) => compareSort(specs, a.sort, b.sort) || a.doc.order - b.doc.order);
  const total = hits.length;
  const page = (after ? hits.filter((h) => compareSort(specs, h.sort, after) > 0) : hits).slice(from, from + size);

  const out: Record<string, unknown> = {
    took: 1,
    timed_out: false,
    _shards: { total: views.length, successful: views.length, skipped: 0, failed: 0 },
  };
  const hitsOut: Record<string, unknown> = {};
  const track = body.track_total_hits;
  if (track !== false) {
    const limit = track === true ? Infinity : typeof track === 'number' ? track : 10_000;
    hitsOut.total = total > limit ? { value: limit, relation: 'gte' } : { value: total, relation: 'eq' };
  }
  const showScores = sortedByScore || body.track_scores === true;
  hitsOut.max_score = showScores && hits.length > 0 ? Math.max(...hits.map((h) => h.score)) : null;
  hitsOut.hits = page.map((h) => {
    const o: Record<string, unknown> = { _index: h.view.index.name, _id: h.doc.id, _score: showScores ? h.score : null };
    if (body.version === true) o._version = h.doc.version;
    if (body.seq_no_primary_term === true) {
      o._seq_no = h.doc.seqNo;
      o._primary_term = 1;
    }
    const src = filterSource(h.doc.source, body._source);
    if (src !== undefined) o._source = src;
    if (body.sort !== undefined || opts.pitId !== undefined) o.sort = h.sort;
    return o;
  });
  out.hits = hitsOut;
  const aggs = body.aggs ?? body.aggregations;
  if (aggs !== undefined) {
    if (views.length === 0) out.aggregations = {};
    else out.aggregations = runAggs(aggs, entities, contextOf(views[0]));
  }
  if (opts.pitId !== undefined) out.pit_id = opts.pitId;
  return out;
}
