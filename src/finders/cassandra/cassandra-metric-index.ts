import { boundedParallel } from '../../lib/parallel.js';
import { displayName } from '../../series/id.js';
import { parseMetricName } from '../../series/name.js';
import type { MetricName } from '../../series/types.js';
import type { CassandraSession, Row } from '../../stores/cassandra/session.js';
import type { ElementMatcher } from '../glob/compile.js';
import type { MetricIndex, MetricNode } from '../metric-index.js';
import { compareCodePoints } from '../node-order.js';
import type { TagDetails, TagIndex, TagQuery, TagRow } from '../tag-index.js';
import { listTagsOf, tagDetailsOf } from '../tag-listing.js';
import type { TagLimits } from '../tags/tag-work.js';
import { findSeriesIn, tagNamesIn, tagValuesIn, type TagPostings } from '../tag-postings.js';
import { taggedTreePath, treePath } from '../tagged-path.js';
import { walkGlob, type WalkNode } from '../walk/tree-walk.js';
import { RemoteIndex, type RemoteIndexOptions } from '../walk/remote-index.js';
import { lazyAsyncIterableOf } from '../lazy-async-iterable.js';

/**
 * The metric and tag index in Cassandra (tables `segment`, `path`, `tag_series`, `tag_values`
 * of schema.ts), for a deployment with Cassandra only. The tree is stored as its nodes listed
 * under their parents, so a glob walks it level by level (literal elements are looked up,
 * wildcards test each child) with the embedded index's semantics (walk/tree-walk.ts); tags as
 * postings per tag and value, queried as the embedded index queries them (tag-postings.ts).
 */
export class CassandraMetricIndex extends RemoteIndex implements MetricIndex, TagIndex, TagPostings {
  private readonly q: ReturnType<typeof statements>;

  constructor(
    private readonly session: CassandraSession,
    opts: RemoteIndexOptions,
  ) {
    super(opts);
    this.q = statements(session.keyspace);
  }

  // ---- find ----

  protected findTree(elements: readonly ElementMatcher[], leavesOnly: boolean, limit: number): Promise<MetricNode[]> {
    return walkGlob(this, elements, { leavesOnly, limit });
  }

  async children(parents: readonly string[]): Promise<Map<string, WalkNode[]>> {
    const lists = await boundedParallel(parents, (parent) => this.session.readAll(this.q.children, [parent]));
    return new Map(parents.map((parent, k) => [parent, lists[k].map((row) => nodeOf(parent, row)).filter((n) => n.isLeaf || n.isBranch)]));
  }

  async nodes(paths: readonly string[]): Promise<Map<string, WalkNode>> {
    const rows = await boundedParallel(paths, async (path) => {
      const { parent, segment } = split(path);
      return (await this.session.read(this.q.node, [parent, segment])).first() ?? null;
    });
    const out = new Map<string, WalkNode>();
    paths.forEach((path, k) => {
      const row = rows[k];
      if (row !== null && (row.has_data === true || row.has_children === true)) out.set(path, nodeOf(split(path).parent, row));
    });
    return out;
  }

  /** Every leaf path, sorted by code point (the table is in token order: read whole, then sorted). */
  leaves(): AsyncIterable<string> {
    return lazyAsyncIterableOf(async () => (await this.session.readAll(this.q.allPaths, [])).map((row) => row.path as string).sort(compareCodePoints));
  }

  // ---- registration ----

  async register(names: readonly MetricName[]): Promise<void> {
    const plan = this.planRegistration(names);
    if (plan.leaves.length === 0) return;
    // the tags and the path first, the tree nodes last, ancestors before their leaves: a find
    // never shows a series the tag query or a removal cannot see
    const tagRows = plan.leaves.flatMap((leaf) => leaf.tags.map(([tag, value]) => [tag, value, leaf.display!] as const));
    await boundedParallel(tagRows, async ([tag, value, series]) => {
      await this.session.write(this.q.addTagSeries, [tag, value, series]);
      await this.session.write(this.q.addTagValue, [tag, value]);
    });
    await boundedParallel(plan.leaves, (leaf) => this.session.write(this.q.addPath, [leaf.path, leaf.segments.length, leaf.display]));
    await boundedParallel([...plan.branches.values()], (segments) => this.session.write(this.q.markBranch, [segments.length - 1, segments.slice(0, -1).join('.'), segments[segments.length - 1]]));
    await boundedParallel(plan.leaves, ({ segments }) => this.session.write(this.q.markLeaf, [segments.length - 1, segments.slice(0, -1).join('.'), segments[segments.length - 1]]));
    this.registeredPlan(plan);
  }

  async delete(pattern: string): Promise<number> {
    const nodes = await this.findNodes(pattern, { leavesOnly: true });
    const names: MetricName[] = [];
    const paths = nodes.filter((n) => n.isLeaf).map((n) => (pattern.includes(';') && !pattern.startsWith('_tagged.') ? taggedTreePath(n.path) : n.path));
    const rows = await boundedParallel(paths, async (path) => (await this.session.read(this.q.path, [path])).first() ?? null);
    rows.forEach((row, k) => {
      const parsed = parseMetricName((row?.name as string | null) ?? paths[k]);
      if (parsed.ok) names.push(parsed.metric);
    });
    return this.unregister(names);
  }

  async unregister(names: readonly MetricName[]): Promise<number> {
    const paths = [...new Set(names.map(treePath))];
    const metrics = new Map(names.map((m) => [treePath(m), m]));
    const present = await boundedParallel(paths, async (path) => (await this.session.read(this.q.path, [path])).first() !== null);
    this.known.clear();
    const gone = paths.filter((_, k) => present[k]);
    await boundedParallel(gone, async (path) => {
      const { parent, segment } = split(path);
      await this.session.write(this.q.unmarkLeaf, [parent, segment]);
      await this.session.write(this.q.deletePath, [path]);
      const metric = metrics.get(path)!;
      const display = displayName(metric);
      if (display !== metric.name) {
        for (const [tag, value] of Object.entries({ ...metric.tags, name: metric.name })) {
          await this.session.write(this.q.deleteTagSeries, [tag, value, display]);
          const left = await this.session.read(this.q.anySeriesWith, [tag, value]);
          if (left.first() === null) await this.session.write(this.q.deleteTagValue, [tag, value]);
        }
      }
    });
    // nodes left without data and without children go, from the leaves up
    let level = [...new Set(gone)];
    while (level.length > 0) {
      const parents = new Set<string>();
      await boundedParallel(level, async (path) => {
        const { parent, segment } = split(path);
        const row = (await this.session.read(this.q.node, [parent, segment])).first();
        if (row === null) return;
        const hasChildren = (await this.session.read(this.q.anyChild, [path])).first() !== null;
        if (row.has_data === true) {
          if (!hasChildren && row.has_children === true) await this.session.write(this.q.unmarkBranch, [parent, segment]);
          return;
        }
        if (hasChildren) return;
        await this.session.write(this.q.deleteNode, [parent, segment]);
        if (parent !== '') parents.add(parent);
      });
      level = [...parents];
    }
    return gone.length;
  }

  /** The session belongs to the backends, which close it. */
  async close(): Promise<void> {}

  // ---- tags (TagIndex over the postings) ----

  findSeries(expressions: readonly string[]): Promise<string[]> {
    return findSeriesIn(this, expressions);
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
    return (await this.session.readAll(this.q.seriesWith, [tag, value])).map((row) => row.series as string);
  }

  async valuesOf(tag: string): Promise<string[]> {
    return (await this.session.readAll(this.q.valuesOf, [tag])).map((row) => row.value as string).sort(compareCodePoints);
  }

  async allTagNames(): Promise<string[]> {
    const tags = (await this.session.readAll(this.q.distinctTags, [])).map((row) => row.tag as string);
    // a tag whose every value went may linger as an empty partition
    const live = await boundedParallel(tags, async (tag) => (await this.session.read(this.q.anyValue, [tag])).first() !== null);
    return tags.filter((_, k) => live[k]).sort(compareCodePoints);
  }
}

function statements(ks: string) {
  return {
    children: `SELECT segment, has_data, has_children FROM ${ks}.segment WHERE parent = ?`,
    node: `SELECT segment, has_data, has_children FROM ${ks}.segment WHERE parent = ? AND segment = ?`,
    anyChild: `SELECT segment FROM ${ks}.segment WHERE parent = ? LIMIT 1`,
    markBranch: `UPDATE ${ks}.segment SET pos = ?, has_children = true WHERE parent = ? AND segment = ?`,
    markLeaf: `UPDATE ${ks}.segment SET pos = ?, has_data = true WHERE parent = ? AND segment = ?`,
    unmarkLeaf: `UPDATE ${ks}.segment SET has_data = false WHERE parent = ? AND segment = ?`,
    unmarkBranch: `UPDATE ${ks}.segment SET has_children = false WHERE parent = ? AND segment = ?`,
    deleteNode: `DELETE FROM ${ks}.segment WHERE parent = ? AND segment = ?`,
    path: `SELECT path, name FROM ${ks}.path WHERE path = ?`,
    allPaths: `SELECT path FROM ${ks}.path`,
    addPath: `INSERT INTO ${ks}.path (path, length, name) VALUES (?, ?, ?)`,
    deletePath: `DELETE FROM ${ks}.path WHERE path = ?`,
    addTagSeries: `INSERT INTO ${ks}.tag_series (tag, value, series) VALUES (?, ?, ?)`,
    deleteTagSeries: `DELETE FROM ${ks}.tag_series WHERE tag = ? AND value = ? AND series = ?`,
    anySeriesWith: `SELECT series FROM ${ks}.tag_series WHERE tag = ? AND value = ? LIMIT 1`,
    seriesWith: `SELECT series FROM ${ks}.tag_series WHERE tag = ? AND value = ?`,
    addTagValue: `INSERT INTO ${ks}.tag_values (tag, value) VALUES (?, ?)`,
    deleteTagValue: `DELETE FROM ${ks}.tag_values WHERE tag = ? AND value = ?`,
    valuesOf: `SELECT value FROM ${ks}.tag_values WHERE tag = ?`,
    anyValue: `SELECT value FROM ${ks}.tag_values WHERE tag = ? LIMIT 1`,
    distinctTags: `SELECT DISTINCT tag FROM ${ks}.tag_values`,
  };
}

function split(path: string): { parent: string; segment: string } {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? { parent: '', segment: path } : { parent: path.slice(0, dot), segment: path.slice(dot + 1) };
}

function nodeOf(parent: string, row: Row): WalkNode {
  const segment = row['segment'] as string;
  return { path: parent === '' ? segment : `${parent}.${segment}`, isLeaf: row['has_data'] === true, isBranch: row['has_children'] === true };
}
