// Posting lists of exact field values (keyword, numbers, booleans, dates) per refreshed view,
// built on first use, so a query with a `term`/`terms` clause in a bool's `filter`/`must` is
// evaluated on the documents holding that value instead of on every document. Only a speed-up:
// the whole query still runs on each candidate.

import { normalize } from './mapping.js';
import { type Doc, type QueryContext, type Value, fieldValues } from './query.js';

const byView = new WeakMap<readonly Doc[], Map<string, Map<Value, Doc[]>>>();

function postings(docs: readonly Doc[], field: string, ctx: QueryContext): Map<Value, Doc[]> {
  let fields = byView.get(docs);
  if (!fields) byView.set(docs, (fields = new Map()));
  let p = fields.get(field);
  if (p) return p;
  p = new Map();
  for (const d of docs)
    for (const v of new Set(fieldValues(ctx, d, null, field))) {
      const list = p.get(v);
      if (list) list.push(d);
      else p.set(v, [d]);
    }
  fields.set(field, p);
  return p;
}

function exactField(field: string, ctx: QueryContext) {
  const f = ctx.mapping.field(field);
  if (!f || f.nested !== null || f.type === 'text' || f.type === 'object' || f.type === 'nested' || f.type === 'flattened') return null;
  return f;
}

/** Documents that may match `query` (in view order), or null when every document may. */
export function candidates(query: unknown, docs: readonly Doc[], ctx: QueryContext): readonly Doc[] | null {
  if (!query || typeof query !== 'object' || Array.isArray(query)) return null;
  const [type, body] = Object.entries(query as Record<string, unknown>)[0] ?? [];
  if (type === 'term' || type === 'terms') {
    const entries = Object.entries((body ?? {}) as Record<string, unknown>).filter(([k]) => k !== 'boost' && k !== '_name');
    if (entries.length !== 1) return null;
    const [field, spec] = entries[0];
    const f = exactField(field, ctx);
    if (!f) return null;
    let values: unknown[];
    if (type === 'term') {
      if (spec && typeof spec === 'object') {
        if ((spec as { case_insensitive?: boolean }).case_insensitive) return null;
        values = [(spec as { value?: unknown }).value];
      } else values = [spec];
    } else {
      if (!Array.isArray(spec)) return null;
      values = spec;
    }
    const p = postings(docs, field, ctx);
    const lists = values.map((v) => (v === null || v === undefined || typeof v === 'object' ? undefined : p.get(normalize(f.type, v) as Value))).filter((l): l is Doc[] => !!l);
    if (lists.length <= 1) return lists[0] ?? [];
    return [...new Set(lists.flat())].sort((a, b) => a.order - b.order);
  }
  if (type === 'bool' && body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    let best: readonly Doc[] | null = null;
    for (const key of ['filter', 'must']) {
      const clauses = b[key] === undefined ? [] : Array.isArray(b[key]) ? (b[key] as unknown[]) : [b[key]];
      for (const c of clauses) {
        const cand = candidates(c, docs, ctx);
        if (cand && (!best || cand.length < best.length)) best = cand;
      }
    }
    return best;
  }
  if (type === 'constant_score' && body && typeof body === 'object') return candidates((body as { filter?: unknown }).filter, docs, ctx);
  return null;
}
