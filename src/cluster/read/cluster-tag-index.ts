import { compareCodePoints } from '../../finders/node-order.js';
import type { TagDetails, TagIndex, TagQuery, TagRow, TagValueRow } from '../../finders/tag-index.js';
import { DEFAULT_TAG_LIMITS, type TagLimits } from '../../finders/tags/tag-work.js';
import { filterTest } from '../../finders/tags/memory-tag-index.js';
import { parseTaggedSeries } from '../../series/tagged-series.js';
import type { ClusterMap } from '../cluster-map.js';
import type { ClusterCall } from '../wire/messages.js';
import { noteFailures } from './cluster-index.js';
import type { FanOut } from './fan-out.js';

/**
 * The tags of the whole cluster: every node's answer (this node's own index, the others over
 * the wire) united, sorted by code point, cut to the query's limit; the series a tag query
 * found are noted in the request's scope with the nodes that hold them, so that their data is
 * read from there. The /tags routes (and seriesByTag) get this TagIndex in a cluster.
 */
export class ClusterTagIndex implements TagIndex {
  constructor(
    private readonly local: TagIndex,
    private readonly map: ClusterMap,
    private readonly fanOut: FanOut,
    private readonly indexIsShared = false,
  ) {}

  async findSeries(expressions: readonly string[]): Promise<string[]> {
    return this.everywhere(
      () => this.local.findSeries(expressions),
      { op: 'tagSeries', expressions },
      undefined,
      true,
    );
  }

  tagNames(query: TagQuery = {}): Promise<string[]> {
    return this.everywhere(() => this.local.tagNames(query), { op: 'tagNames', ...wireQuery(query) }, query.limit, false);
  }

  tagValues(tag: string, query: TagQuery = {}): Promise<string[]> {
    return this.everywhere(() => this.local.tagValues(tag, query), { op: 'tagValues', tag, ...wireQuery(query) }, query.limit, false);
  }

  /**
   * Every tag any node has registered. The ids are this node's where it knows the tag, else 0:
   * each node numbers its own tags, and graphite-web's one tag database has no cluster-wide ids.
   */
  async listTags(filter?: string, limit?: number, limits?: TagLimits): Promise<TagRow[]> {
    const scope = this.fanOut.scope();
    if (scope.local || this.indexIsShared) return this.local.listTags(filter, limit, limits);
    const [names, own] = await Promise.all([this.tagNames({ limit: -1 }), this.local.listTags(undefined, -1, limits)]);
    const ids = new Map(own.map((r) => [r.tag, r.id]));
    const test = filterTest(filter, limits ?? DEFAULT_TAG_LIMITS);
    const rows = names.filter((tag) => test === null || test(tag)).map((tag) => ({ id: ids.get(tag) ?? 0, tag }));
    return limit === undefined || limit < 0 ? rows : rows.slice(0, limit);
  }

  /**
   * A tag's values over the whole cluster, each counted once per series: from the series every
   * node holds with the tag (`tag!=`), replicas' copies counted once.
   */
  async tagDetails(tag: string, filter?: string, limit?: number, limits?: TagLimits): Promise<TagDetails | null> {
    const scope = this.fanOut.scope();
    if (scope.local || this.indexIsShared) return this.local.tagDetails(tag, filter, limit, limits);
    const [known, series, own] = await Promise.all([this.tagNames({ limit: -1 }), this.findSeries([`${tag}!=`]), this.local.tagDetails(tag, undefined, -1, limits)]);
    if (!known.includes(tag)) return null;
    const counts = new Map<string, number>();
    for (const name of series) {
      const parsed = parseTaggedSeries(name);
      const value = parsed.ok ? parsed.tags.get(tag) : undefined;
      if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    const ids = new Map((own?.values ?? []).map((v) => [v.value, v.id]));
    const test = filterTest(filter, limits ?? DEFAULT_TAG_LIMITS);
    let values: TagValueRow[] = [...counts.keys()].sort(compareCodePoints).filter((v) => test === null || test(v)).map((value) => ({ id: ids.get(value) ?? 0, value, count: counts.get(value)! }));
    if (limit !== undefined && limit >= 0) values = values.slice(0, limit);
    return { id: own?.id ?? 0, tag, values };
  }

  private async everywhere(local: () => Promise<string[]>, call: ClusterCall & { op: 'tagSeries' | 'tagNames' | 'tagValues' }, limit: number | undefined, series: boolean): Promise<string[]> {
    const scope = this.fanOut.scope();
    if (scope.local || this.indexIsShared) return local();
    const [own, remote] = await Promise.all([local(), this.fanOut.ask(this.map.others, () => call, scope)]);
    noteFailures(remote, this.map, scope);
    const all = new Set<string>(own);
    if (series) for (const name of own) scope.addHolder(name, this.map.self.index);
    for (const a of remote) {
      if (!a.ok) continue;
      for (const name of a.answer as string[]) {
        all.add(name);
        if (series) scope.addHolder(name, a.node.index);
      }
    }
    const sorted = [...all].sort(compareCodePoints);
    return limit !== undefined && limit >= 0 && sorted.length > limit ? sorted.slice(0, limit) : sorted;
  }
}

function wireQuery(q: TagQuery): { prefix: string; expressions: readonly string[]; limit: number } {
  return { prefix: q.prefix ?? '', expressions: q.expressions ?? [], limit: q.limit ?? -1 };
}
