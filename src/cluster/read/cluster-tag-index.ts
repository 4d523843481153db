import { compareCodePoints } from '../../finders/node-order.js';
import type { TagDetails, TagIndex, TagQuery, TagRow } from '../../finders/tag-index.js';
import { listTagsOf, tagDetailsOf } from '../../finders/tag-listing.js';
import type { TagLimits } from '../../finders/tags/tag-work.js';
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
    const [rows, own] = await Promise.all([listTagsOf(this, filter, limit, limits), this.local.listTags(undefined, -1, limits)]);
    const ids = new Map(own.map((r) => [r.tag, r.id]));
    return rows.map((r) => ({ id: ids.get(r.tag) ?? 0, tag: r.tag }));
  }

  /**
   * A tag's values over the whole cluster, each counted once per series: from the series every
   * node holds with the tag (`tag!=`), replicas' copies counted once. Ids as listTags.
   */
  async tagDetails(tag: string, filter?: string, limit?: number, limits?: TagLimits): Promise<TagDetails | null> {
    const scope = this.fanOut.scope();
    if (scope.local || this.indexIsShared) return this.local.tagDetails(tag, filter, limit, limits);
    const [details, own] = await Promise.all([tagDetailsOf(this, tag, filter, limit, limits), this.local.tagDetails(tag, undefined, -1, limits)]);
    if (details === null) return null;
    const ids = new Map((own?.values ?? []).map((v) => [v.value, v.id]));
    return { id: own?.id ?? 0, tag, values: details.values.map((v) => ({ ...v, id: ids.get(v.value) ?? 0 })) };
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
