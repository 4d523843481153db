import { GlobError } from '../finders/glob/errors.js';
import type { MetricIndex, MetricNode } from '../finders/metric-index.js';
import type { TagIndex, TagQuery } from '../finders/tag-index.js';
import { TagExpressionError } from '../finders/tag-expressions.js';
import { WriteStatus, type PointWriter } from '../engine/point-writer.js';
import type { FetchedSeries, SeriesReader } from '../readers/series-reader.js';
import type { StorageSchema } from '../series/types.js';
import type { ClusterMap } from './cluster-map.js';
import { RemoteCallError, type AnswerOrError, type ClusterCall, type ClusterAnswers } from './wire/messages.js';

/** What this node's own storage answers about its series. */
export interface LocalSeries {
  /** the stored schema of each name (undefined: not stored here) */
  schemas(names: readonly string[]): Promise<Array<StorageSchema | undefined>>;
  /** display names of series that took a point at or after `since` (arrival time, seconds) */
  writtenSince(since: number): Iterable<string>;
  /** removes series for good (points, chunks, registry record, index entries); how many existed */
  remove(names: readonly string[]): Promise<number>;
}

/** What a node does when another tells it it was away (a Repair). */
export interface RepairRequests {
  request(since: number, reason: string): void;
}

/** What this node says of itself when probed. */
export interface SelfState {
  caughtUp(): boolean;
  /** the last round that persisted every closed window this node persists (shared store) */
  persisted(): { at: number; up: readonly string[] } | null;
}

export interface LocalParts {
  readonly index: MetricIndex;
  readonly tagIndex?: TagIndex;
  /** this node's own series, stored and hot */
  readonly reader: SeriesReader;
  /** this node's own series, only what it holds in memory (shared store: the rest is in the store) */
  readonly hotReader?: SeriesReader;
  /** this node's storage engine (not the cluster's forwarding writer: a call's points are this node's) */
  readonly writer: PointWriter;
  readonly series: LocalSeries;
}

/**
 * Answers other nodes' calls from this node's own data. Every answer is local: a node never
 * passes a call on, so calls cannot loop. A node that is not in a cluster answers the calls
 * about its own data too (finds, reads, tags, points, pings), not those about a cluster.
 */
export class LocalNode {
  readonly startedMs = Date.now();

  constructor(
    private readonly parts: LocalParts,
    /** the cluster this node is in; undefined for a node alone, which answers from its data all the same */
    private readonly map?: ClusterMap,
    private readonly repair?: RepairRequests,
    private readonly state?: SelfState,
  ) {}

  async answer(calls: readonly ClusterCall[]): Promise<AnswerOrError[]> {
    const out: AnswerOrError[] = [];
    for (const call of calls) {
      try {
        out.push(await this.one(call));
      } catch (err) {
        out.push(toRemoteError(err));
      }
    }
    return out;
  }

  private async one(call: ClusterCall): Promise<ClusterAnswers[ClusterCall['op']]> {
    const p = this.parts;
    switch (call.op) {
      case 'find': {
        const nodes: MetricNode[] = [];
        for await (const n of p.index.find(call.pattern, { from: call.from, until: call.until, leavesOnly: call.leavesOnly, limit: call.limit })) nodes.push(n);
        return nodes;
      }
      case 'fetch': {
        const reader = call.layers === 'hot' ? p.hotReader : p.reader;
        if (reader === undefined) throw new Error('this node reads no hot-only layers (not a shared-store cluster)');
        return (await reader.fetchMany(call.names, call.from, call.until, call.now)) as Array<FetchedSeries | null>;
      }
      case 'leaves': {
        const paths: string[] = [];
        if (!p.index.leaves) throw new Error('the local index cannot list its leaves');
        for await (const path of p.index.leaves()) paths.push(path);
        return { paths };
      }
      case 'tagSeries':
        return this.tags().findSeries(call.expressions);
      case 'tagNames':
        return this.tags().tagNames(tagQuery(call));
      case 'tagValues':
        return this.tags().tagValues(call.tag, tagQuery(call));
      case 'points': {
        let accepted = 0;
        for (let i = 0; i < call.names.length; i++) if (p.writer.write(call.names[i], call.values[i], call.timestamps[i]) === WriteStatus.Accepted) accepted++;
        // acknowledged once logged: the sender may then forget them
        p.writer.commit();
        return { accepted, rejected: call.names.length - accepted };
      }
      case 'active': {
        const map = this.clusterMap();
        const owner = map.nodes.find((n) => n.name === call.owner);
        if (owner === undefined) throw new Error(`no node named ${call.owner}`);
        const names: string[] = [];
        for (const name of p.series.writtenSince(call.since)) if (map.ownerIndexes(name).includes(owner.index)) names.push(name);
        names.sort();
        const from = call.after === '' ? 0 : upperBound(names, call.after);
        const page = names.slice(from, from + call.limit);
        return { names: page, more: from + call.limit < names.length };
      }
      case 'describe':
        return (await p.series.schemas(call.names)).map((s) => s ?? null);
      case 'remove':
        return { removed: await p.series.remove(call.names) };
      case 'repair':
        if (this.repair === undefined) return { started: false };
        this.repair.request(call.since, 'another node saw this one away');
        return { started: true };
      case 'ping': {
        const persisted = this.state?.persisted() ?? null;
        return { name: this.map?.self.name ?? '', startedMs: this.startedMs, caughtUp: this.state?.caughtUp() ?? true, persistedAt: persisted?.at ?? NaN, persistedUp: persisted?.up ?? [] };
      }
    }
  }

  private clusterMap(): ClusterMap {
    if (this.map === undefined) throw new Error('this node is not in a cluster (cluster.nodes is empty)');
    return this.map;
  }

  private tags(): TagIndex {
    if (this.parts.tagIndex === undefined) throw new Error('this node has no tag index');
    return this.parts.tagIndex;
  }
}

function tagQuery(call: { prefix: string; expressions: readonly string[]; limit: number }): TagQuery {
  return {
    ...(call.prefix !== '' ? { prefix: call.prefix } : {}),
    ...(call.expressions.length > 0 ? { expressions: call.expressions } : {}),
    ...(call.limit >= 0 ? { limit: call.limit } : {}),
  };
}

/** Index of the first name after `after` in a sorted list. */
function upperBound(sorted: readonly string[], after: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function toRemoteError(err: unknown): RemoteCallError {
  if (err instanceof GlobError || err instanceof TagExpressionError) return new RemoteCallError('input', err.name, err.message);
  return new RemoteCallError('failure', (err as Error)?.name ?? 'Error', (err as Error)?.message ?? String(err));
}
