import { createHash } from 'node:crypto';
import type { estypes } from '@elastic/elasticsearch';
import type { Logger } from '../../lib/logger.js';
import { Stats } from '../../lib/stats.js';
import { parseMetricName } from '../../series/name.js';
import type { MetricName } from '../../series/types.js';
import type { ElementMatcher } from '../glob/compile.js';
import { lazyAsyncIterableOf } from '../lazy-async-iterable.js';
import type { MetricIndex, MetricNode } from '../metric-index.js';
import { compileTagExpressions } from '../tag-expressions.js';
import type { TagDetails, TagIndex, TagQuery, TagRow } from '../tag-index.js';
import { listTagsOf, tagDetailsOf } from '../tag-listing.js';
import type { TagLimits } from '../tags/tag-work.js';
import { tagNamesIn, tagsOfSeries, tagValuesIn, type TagPostings } from '../tag-postings.js';
import { taggedTreePath, treePath } from '../tagged-path.js';
import { walkGlob, type WalkNode } from '../walk/tree-walk.js';
import { RemoteIndex, type RemoteIndexOptions } from '../walk/remote-index.js';
import { BulkWriter, type BulkOperation } from './bulk-writer.js';
import type { ElasticsearchConnection } from './connection.js';
import { findQuery, matchesElements } from './glob-query.js';
import { MAPPED_POSITIONS, mapPositions, positionField } from './mappings.js';
import { tagQuery } from './tag-query.js';

/** A tree node's document in the nodes index. */
interface NodeDoc {
  path: string;
  leaf?: boolean;
  branch?: boolean;
  name?: string | null;
  tags?: string[];
}

/** Most values in one terms filter (Elasticsearch's index.max_terms_count). */
const TERMS_CHUNK = 65_536;

/** The document id of a path or a tag pair: fixed by its text, so a write is an idempotent upsert. */
export function docId(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('base64url');
}

/**
 * The metric and tag index in Elasticsearch (mappings.ts). A find of a pattern with N elements
 * is one bool query on the depth and the segments by position (terms for literals, wildcard
 * queries only where an element has a wildcard), sorted by path and paged, each hit tested
 * against the compiled glob so the answer is exactly the embedded index's; patterns with an
 * empty element or `**` walk the tree by parent instead (walk/tree-walk.ts). Tag queries are one
 * bool query over the tagged leaves' `k=v` pairs, narrowed the same way by the expressions' own
 * test (tag-expressions.ts). Registrations are bulk upserts, bounded in flight and retried with
 * back-off when Elasticsearch refuses items (429).
 */
export class ElasticsearchIndex extends RemoteIndex implements MetricIndex, TagIndex, TagPostings {
  private readonly bulk: BulkWriter;
  /** position fields the nodes index maps */
  private mappedPositions = MAPPED_POSITIONS;

  constructor(
    private readonly es: ElasticsearchConnection,
    opts: RemoteIndexOptions & { readonly logger: Logger },
  ) {
    super(opts);
    this.bulk = new BulkWriter(es, opts.stats ?? new Stats(), opts.logger);
  }

  // ---- find ----

  protected findTree(elements: readonly ElementMatcher[], leavesOnly: boolean, limit: number): Promise<MetricNode[]> {
    return elements.some((e) => e.matchesEmpty || e.globstar) ? walkGlob(this, elements, { leavesOnly, limit }) : this.findByQuery(elements, leavesOnly, limit);
  }

  /** One bool query on depth and segments, paged by path, each hit checked against the glob. */
  private async findByQuery(elements: readonly ElementMatcher[], leavesOnly: boolean, limit: number): Promise<MetricNode[]> {
    const nodes: MetricNode[] = [];
    if (limit <= 0) return nodes;
    await this.es.searchAll<NodeDoc>(this.es.nodesIndex, findQuery(elements, leavesOnly), [{ path: 'asc' }], ['path', 'leaf', 'branch'], (hits) => {
      for (const { source } of hits) {
        if (!matchesElements(source.path, elements)) continue;
        if (!leavesOnly && source.branch === true) nodes.push({ path: source.path, isLeaf: false });
        if (source.leaf === true && nodes.length < limit) nodes.push({ path: source.path, isLeaf: true });
        if (nodes.length >= limit) return false;
      }
    });
    return nodes;
  }

  async children(parents: readonly string[]): Promise<Map<string, WalkNode[]>> {
    const out = new Map<string, WalkNode[]>(parents.map((p) => [p, []]));
    await this.forEachDoc('parent', parents, (doc) => {
      const parent = doc.path.slice(0, Math.max(0, doc.path.lastIndexOf('.')));
      const n = walkNodeOf(doc);
      if (n.isLeaf || n.isBranch) out.get(parent)?.push(n);
    });
    return out;
  }

  async nodes(paths: readonly string[]): Promise<Map<string, WalkNode>> {
    const out = new Map<string, WalkNode>();
    await this.forEachDoc('path', paths, (doc) => {
      const n = walkNodeOf(doc);
      if (n.isLeaf || n.isBranch) out.set(doc.path, n);
    });
    return out;
  }

  /** Documents whose `field` is one of `values`, sorted by path. */
  private async forEachDoc(field: 'path' | 'parent', values: readonly string[], each: (doc: NodeDoc) => void): Promise<void> {
    for (let i = 0; i < values.length; i += TERMS_CHUNK) {
      const chunk = values.slice(i, i + TERMS_CHUNK);
      await this.es.searchAll<NodeDoc>(this.es.nodesIndex, { bool: { filter: [{ terms: { [field]: chunk } }] } }, [{ path: 'asc' }], ['path', 'leaf', 'branch', 'name', 'tags'], (hits) => {
        for (const h of hits) each(h.source);
      });
    }
  }

  /** Every leaf path, sorted by code point (keyword order is UTF-8 byte order). */
  leaves(): AsyncIterable<string> {
    return lazyAsyncIterableOf(async () => {
      const out: string[] = [];
      await this.es.searchAll<NodeDoc>(this.es.nodesIndex, { term: { leaf: true } }, [{ path: 'asc' }], ['path'], (hits) => {
        for (const h of hits) out.push(h.source.path);
      });
      return out;
    });
  }

  // ---- registration ----

  async register(names: readonly MetricName[]): Promise<void> {
    const plan = this.planRegistration(names);
    if (plan.leaves.length === 0) return;
    const ops: BulkOperation[] = [];
    for (const [branch, segments] of plan.branches) ops.push({ action: 'update', index: this.es.nodesIndex, id: docId(branch), doc: { ...nodeFields(segments), branch: true } });
    const pairs = new Set<string>();
    for (const leaf of plan.leaves) {
      const tags = leaf.tags.map(([k, v]) => `${k}=${v}`);
      ops.push({ action: 'update', index: this.es.nodesIndex, id: docId(leaf.path), doc: { ...nodeFields(leaf.segments), leaf: true, ...(leaf.display !== null ? { name: leaf.display, tags } : {}) } });
      for (const pair of tags) if (!this.known.get(`T ${pair}`)) pairs.add(pair);
    }
    const tagOps: BulkOperation[] = [...pairs].map((pair) => {
      const eq = pair.indexOf('=');
      return { action: 'index', index: this.es.tagsIndex, id: docId(pair), doc: { tag: pair.slice(0, eq), value: pair.slice(eq + 1) } };
    });
    const deepest = Math.max(...plan.leaves.map((l) => l.segments.length));
    if (deepest > this.mappedPositions) {
      await mapPositions(this.es, this.mappedPositions, deepest);
      this.mappedPositions = deepest;
    }
    // tag values first, then the tree with ancestors before leaves: a series that finds show
    // is always in the tag listings
    const refresh = this.es.options.refresh === 'wait_for';
    await this.bulk.write(tagOps, refresh);
    await this.bulk.write(ops, refresh);
    for (const p of pairs) this.known.set(`T ${p}`, true);
    this.registeredPlan(plan);
  }

  async delete(pattern: string): Promise<number> {
    const compiled = this.patterns.compile(pattern);
    const leaves = (await this.findNodes(pattern, { leavesOnly: true })).filter((n) => n.isLeaf);
    const paths = leaves.map((n) => (compiled.kind === 'tagged' ? taggedTreePath(n.path) : n.path));
    const docs = await this.nodes(paths);
    const names: MetricName[] = [];
    const byPath = new Map<string, NodeDoc>();
    await this.forEachDoc('path', paths, (doc) => byPath.set(doc.path, doc));
    for (const path of paths) {
      if (!docs.has(path)) continue;
      const parsed = parseMetricName(byPath.get(path)?.name ?? path);
      if (parsed.ok) names.push(parsed.metric);
    }
    return this.unregister(names);
  }

  async unregister(names: readonly MetricName[]): Promise<number> {
    const byPath = new Map(names.map((m) => [treePath(m), m]));
    const docs = new Map<string, NodeDoc>();
    await this.forEachDoc('path', [...byPath.keys()], (doc) => docs.set(doc.path, doc));
    const gone = [...byPath.keys()].filter((p) => docs.get(p)?.leaf === true);
    if (gone.length === 0) return 0;
    this.known.clear();
    const ops: BulkOperation[] = gone.map((path) =>
      docs.get(path)!.branch === true
        ? { action: 'update', index: this.es.nodesIndex, id: docId(path), doc: { leaf: false, name: null, tags: [] } }
        : { action: 'delete', index: this.es.nodesIndex, id: docId(path) },
    );
    await this.bulk.write(ops, true);
    await this.pruneBranches(gone);
    const pairs = new Set<string>();
    for (const path of gone) for (const pair of docs.get(path)!.tags ?? []) pairs.add(pair);
    await this.pruneTagValues([...pairs]);
    return gone.length;
  }

  /** Branches left without children lose their branch mark, or go when they have no data either. */
  private async pruneBranches(removed: readonly string[]): Promise<void> {
    let level = [...new Set(removed.map(parentOf).filter((p) => p !== ''))];
    while (level.length > 0) {
      const withChildren = await this.termsPresent(this.es.nodesIndex, 'parent', level);
      const orphans = level.filter((p) => !withChildren.has(p));
      if (orphans.length === 0) return;
      const docs = await this.nodes(orphans);
      const ops: BulkOperation[] = orphans.map((p) =>
        docs.get(p)?.isLeaf === true ? { action: 'update', index: this.es.nodesIndex, id: docId(p), doc: { branch: false } } : { action: 'delete', index: this.es.nodesIndex, id: docId(p) },
      );
      await this.bulk.write(ops, true);
      level = [...new Set(orphans.filter((p) => docs.get(p)?.isLeaf !== true).map(parentOf).filter((p) => p !== ''))];
    }
  }

  /** Tag values no series holds any more leave the tags index. */
  private async pruneTagValues(pairs: readonly string[]): Promise<void> {
    if (pairs.length === 0) return;
    const held = await this.termsPresent(this.es.nodesIndex, 'tags', pairs);
    const ops: BulkOperation[] = pairs.filter((p) => !held.has(p)).map((p) => ({ action: 'delete', index: this.es.tagsIndex, id: docId(p) }));
    await this.bulk.write(ops, true);
  }

  /** Which of `values` some document holds in `field` (a terms aggregation over a terms filter). */
  private async termsPresent(index: string, field: string, values: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < values.length; i += TERMS_CHUNK) {
      const chunk = values.slice(i, i + TERMS_CHUNK);
      const res = await this.es.call((c) =>
        c.search({
          index,
          size: 0,
          query: { bool: { filter: [{ terms: { [field]: chunk } }] } },
          aggs: { present: { terms: { field, size: chunk.length, include: chunk } } },
        }),
      );
      const buckets = (res.aggregations?.present as estypes.AggregationsStringTermsAggregate | undefined)?.buckets as estypes.AggregationsStringTermsBucket[] | undefined;
      for (const b of buckets ?? []) out.add(String(b.key));
    }
    return out;
  }

  async close(): Promise<void> {
    await this.bulk.settled();
  }

  // ---- tags ----

  async findSeries(expressions: readonly string[]): Promise<string[]> {
    const test = compileTagExpressions(expressions);
    const out: string[] = [];
    await this.es.searchAll<NodeDoc>(this.es.nodesIndex, tagQuery(expressions), [{ name: 'asc' }, { path: 'asc' }], ['name'], (hits) => {
      for (const { source } of hits) {
        const tags = source.name ? tagsOfSeries(source.name) : null;
        if (tags !== null && test(tags) && out[out.length - 1] !== source.name) out.push(source.name!);
      }
    });
    return out;
  }

  tagNames(query: TagQuery = {}): Promise<string[]> {
    return tagNamesIn(this, query, (e) => this.findSeries(e));
  }

  tagValues(tag: string, query: TagQuery = {}): Promise<string[]> {
    return tagValuesIn(this, tag, query, (e) => this.findSeries(e));
  }

  listTags(filter?: string, limit?: number, limits?: TagLimits): Promise<TagRow[]> {
    return listTagsOf(this, filter, limit, limits);
  }

  tagDetails(tag: string, filter?: string, limit?: number, limits?: TagLimits): Promise<TagDetails | null> {
    return tagDetailsOf(this, tag, filter, limit, limits);
  }

  async seriesWith(tag: string, value: string): Promise<string[]> {
    const out: string[] = [];
    await this.es.searchAll<NodeDoc>(this.es.nodesIndex, { term: { tags: `${tag}=${value}` } }, [{ name: 'asc' }, { path: 'asc' }], ['name'], (hits) => {
      for (const h of hits) if (h.source.name) out.push(h.source.name);
    });
    return out;
  }

  async valuesOf(tag: string): Promise<string[]> {
    const out: string[] = [];
    await this.es.searchAll<{ value: string }>(this.es.tagsIndex, { term: { tag } }, [{ value: 'asc' }], ['value'], (hits) => {
      for (const h of hits) out.push(h.source.value);
    });
    return out;
  }

  async allTagNames(): Promise<string[]> {
    const out: string[] = [];
    let after: Record<string, string | number | boolean | null> | undefined;
    for (;;) {
      const res = await this.es.call((c) =>
        c.search({
          index: this.es.tagsIndex,
          size: 0,
          aggs: { tags: { composite: { size: this.es.options.pageSize, sources: [{ tag: { terms: { field: 'tag' } } }], ...(after ? { after } : {}) } } },
        }),
      );
      const agg = res.aggregations?.tags as estypes.AggregationsCompositeAggregate | undefined;
      const buckets = (agg?.buckets ?? []) as estypes.AggregationsCompositeBucket[];
      for (const b of buckets) out.push(String(b.key.tag));
      if (buckets.length < this.es.options.pageSize || !agg?.after_key) return out;
      after = agg.after_key as Record<string, string>;
    }
  }
}

/** The fields every node document has, from its path's segments. */
function nodeFields(segments: readonly string[]): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    path: segments.join('.'),
    parent: segments.slice(0, -1).join('.'),
    depth: segments.length,
    segment: segments[segments.length - 1],
  };
  segments.forEach((s, i) => (fields[positionField(i)] = s));
  return fields;
}

function walkNodeOf(doc: NodeDoc): WalkNode {
  return { path: doc.path, isLeaf: doc.leaf === true, isBranch: doc.branch === true };
}

function parentOf(path: string): string {
  return path.slice(0, Math.max(0, path.lastIndexOf('.')));
}
