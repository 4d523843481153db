import { LRUCache } from 'lru-cache';
import type { Logger } from '../../lib/logger.js';
import { RateLimitedLog } from '../../lib/logger.js';
import { Stats, type Counter, type Timer } from '../../lib/stats.js';
import { DEFAULT_GLOB_LIMITS, PatternCache, type ElementMatcher, type GlobLimits } from '../glob/compile.js';
import { lazyAsyncIterableOf } from '../lazy-async-iterable.js';
import type { FindOptions, MetricNode } from '../metric-index.js';
import { remoteFind } from './remote-find.js';
import { displayName } from '../../series/id.js';
import type { MetricName } from '../../series/types.js';
import { treePath } from '../tagged-path.js';
import type { TreeSource, WalkNode } from './tree-walk.js';

/** A series a registration adds: its tree path, and for a tagged one its display name and tags (`name` included). */
export interface NewLeaf {
  readonly path: string;
  readonly segments: readonly string[];
  readonly metric: MetricName;
  readonly display: string | null;
  readonly tags: ReadonlyArray<readonly [string, string]>;
}

/** What a registration writes: its new leaves, and the branches above them not known to exist (path -> segments). */
export interface RegistrationPlan {
  readonly leaves: NewLeaf[];
  readonly branches: Map<string, readonly string[]>;
}

export interface RemoteIndexOptions {
  readonly logger: Logger;
  /** where the index reports finds and registrations (`index.find_ms`, `index.series_registered`) */
  readonly stats?: Stats;
  readonly globLimits?: GlobLimits;
  /** tree nodes (and tag values) this process knows it has written, so registrations skip them */
  readonly knownCacheSize?: number;
}

/**
 * What the Cassandra and Elasticsearch indices share: compiled patterns, the find as the
 * embedded index answers it (remote-find.ts) timed into `index.find_ms`, the cache of what was
 * written (entries expire after 10 minutes, so another process' removal is noticed), and the
 * rate-limited warning for names that cannot be indexed.
 */
export abstract class RemoteIndex implements TreeSource {
  protected readonly patterns: PatternCache;
  protected readonly known: LRUCache<string, true>;
  protected readonly badNames: RateLimitedLog;
  protected readonly registered: Counter;
  private readonly findTimer: Timer;

  constructor(opts: RemoteIndexOptions) {
    this.patterns = new PatternCache(opts.globLimits ?? DEFAULT_GLOB_LIMITS);
    this.known = new LRUCache({ max: opts.knownCacheSize ?? 200_000, ttl: 600_000 });
    this.badNames = new RateLimitedLog(opts.logger);
    const stats = opts.stats ?? new Stats();
    this.findTimer = stats.timer('index.find_ms');
    this.registered = stats.counter('index.series_registered');
  }

  abstract children(parents: readonly string[]): Promise<Map<string, WalkNode[]>>;
  abstract nodes(paths: readonly string[]): Promise<Map<string, WalkNode>>;
  /** The nodes of a tree pattern (no tagged name). */
  protected abstract findTree(elements: readonly ElementMatcher[], leavesOnly: boolean, limit: number): Promise<MetricNode[]>;

  find(pattern: string, opts: FindOptions = {}): AsyncIterable<MetricNode> {
    return lazyAsyncIterableOf(() => this.findNodes(pattern, opts));
  }

  /** The series of `names` not known to be indexed, and the branches above them not known either. */
  protected planRegistration(names: readonly MetricName[]): RegistrationPlan {
    const leaves: NewLeaf[] = [];
    const branches = new Map<string, readonly string[]>();
    for (const metric of names) {
      const path = treePath(metric);
      if (this.known.get(`L ${path}`)) continue;
      const segments = path.split('.');
      if (segments.includes('')) {
        this.badNames.warn({ name: displayName(metric) }, 'metric name with an empty path element not indexed');
        continue;
      }
      for (let i = 1; i < segments.length; i++) {
        const branch = segments.slice(0, i).join('.');
        if (!this.known.get(`B ${branch}`)) branches.set(branch, segments.slice(0, i));
      }
      const display = displayName(metric);
      const tagged = display !== metric.name;
      leaves.push({ path, segments, metric, display: tagged ? display : null, tags: tagged ? Object.entries({ ...metric.tags, name: metric.name }) : [] });
    }
    return { leaves, branches };
  }

  /** Remembers what a registration wrote. */
  protected registeredPlan(plan: RegistrationPlan): void {
    for (const b of plan.branches.keys()) this.known.set(`B ${b}`, true);
    for (const l of plan.leaves) this.known.set(`L ${l.path}`, true);
    this.registered.inc(plan.leaves.length);
  }

  /** The answer of `find` as an array. Throws GlobError. */
  async findNodes(pattern: string, opts: FindOptions = {}): Promise<MetricNode[]> {
    const started = performance.now();
    try {
      return await remoteFind(this.patterns, this, pattern, opts, (elements, leavesOnly, limit) => this.findTree(elements, leavesOnly, limit));
    } finally {
      this.findTimer.observe(performance.now() - started);
    }
  }
}
