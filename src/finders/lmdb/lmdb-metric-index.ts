import { LRUCache } from 'lru-cache';
import type { Database } from 'lmdb';
import type { Logger } from '../../lib/logger.js';
import { RateLimitedLog } from '../../lib/logger.js';
import { displayName } from '../../series/id.js';
import type { MetricName } from '../../series/types.js';
import type { LmdbEnvironment } from '../../stores/lmdb/environment.js';
import { DEFAULT_GLOB_LIMITS, PatternCache, type CompiledPattern, type GlobLimits } from '../glob/compile.js';
import type { FindOptions, MetricIndex, MetricNode } from '../metric-index.js';
import { taggedTreePath, treePath } from '../tagged-path.js';
import { MetricTree } from '../tree/metric-tree.js';
import { PrefixLoader } from '../tree/prefix-loader.js';
import { searchTree, toMetricNodes } from '../tree/search.js';

/** Named database of the index: key = tree path, value = display name for tagged series, else empty. */
export const INDEX_DB_NAME = 'index.paths';

export interface LmdbMetricIndexOptions {
  readonly logger: Logger;
  readonly globLimits?: GlobLimits;
  /** names remembered as registered, so repeated registers skip the tree walk */
  readonly knownNamesCacheSize?: number;
}

const EMPTY = Buffer.alloc(0);

/**
 * The embedded metric index: the whole tree in memory (MetricTree), every leaf persisted in a
 * named database of the shared LMDB environment so a restart reloads it. Only leaves are
 * stored; prefixes, posting lists and the distinct segments per position are rebuilt from
 * them on open.
 *
 * Time filtering: `from`/`until` are accepted and ignored, as graphite-web's whisper finder
 * does (it lists files whatever their data).
 */
export class LmdbMetricIndex implements MetricIndex {
  private readonly tree = new MetricTree();
  private readonly patterns: PatternCache;
  private readonly known: LRUCache<string, true>;
  private readonly badNames: RateLimitedLog;
  private lastWrite: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly db: Database<Buffer, string>,
    private readonly logger: Logger,
    opts: LmdbMetricIndexOptions,
  ) {
    this.patterns = new PatternCache(opts.globLimits ?? DEFAULT_GLOB_LIMITS);
    this.known = new LRUCache({ max: opts.knownNamesCacheSize ?? 100_000 });
    this.badNames = new RateLimitedLog(logger);
  }

  /** Opens the index database in `env` and loads every stored path into memory. */
  static open(env: LmdbEnvironment, opts: LmdbMetricIndexOptions): LmdbMetricIndex {
    const db = env.openDB<Buffer, string>(INDEX_DB_NAME, { encoding: 'binary' });
    const index = new LmdbMetricIndex(db, opts.logger, opts);
    index.load();
    return index;
  }

  /** Leaves in the index. */
  get size(): number {
    return this.tree.leafCount;
  }

  /** Bytes held by the in-memory tree's arrays (segment strings excluded). */
  memoryBytes(): number {
    return this.tree.memoryBytes();
  }

  find(pattern: string, opts: FindOptions = {}): AsyncIterable<MetricNode> {
    return lazyAsyncIterable(() => this.findNodes(pattern, opts));
  }

  /** The answer of `find` as an array, computed synchronously. Throws GlobError. */
  findNodes(pattern: string, opts: FindOptions = {}): MetricNode[] {
    const compiled = this.patterns.compile(pattern);
    const limit = opts.limit ?? Infinity;
    if (compiled.kind === 'tagged') return this.findTagged(compiled.pattern, limit);
    const result = searchTree(this.tree, compiled.elements);
    const nodes = toMetricNodes(this.tree, result, { leavesOnly: opts.leavesOnly ?? false, limit });
    return compiled.escaped.length === 0 ? nodes : rewriteEscaped(nodes, compiled);
  }

  /** Streams the stored paths: LMDB keeps keys in UTF-8 byte order, which is code point order. */
  leaves(): AsyncIterable<string> {
    const db = this.db;
    return {
      [Symbol.asyncIterator](): AsyncIterator<string> {
        const keys = db.getKeys()[Symbol.iterator]();
        return {
          next: () => Promise.resolve(keys.next()),
          return: () => Promise.resolve(keys.return?.() ?? { value: undefined, done: true }),
        };
      },
    };
  }

  async register(names: readonly MetricName[]): Promise<void> {
    let write: Promise<unknown> | undefined;
    for (const metric of names) {
      const key = knownKey(metric);
      if (this.known.get(key) === true) continue;
      const path = treePath(metric);
      const segments = path.split('.');
      if (segments.includes('')) {
        this.badNames.warn({ name: key }, 'metric name with an empty path element not indexed');
        continue;
      }
      if (this.tree.addLeaf(segments)) write = this.db.put(path, path === metric.name ? EMPTY : Buffer.from(key));
      this.known.set(key, true);
    }
    if (write) {
      this.lastWrite = write;
      await write;
    }
  }

  async delete(pattern: string): Promise<number> {
    const compiled = this.patterns.compile(pattern);
    const leaves: number[] = [];
    if (compiled.kind === 'tagged') {
      const node = this.tree.lookup(taggedTreePath(compiled.pattern).split('.'));
      if (node >= 0 && this.tree.isLeaf(node)) leaves.push(node);
    } else {
      const { nodes } = searchTree(this.tree, compiled.elements);
      for (let i = 0; i < nodes.length; i++) if (this.tree.isLeaf(nodes[i])) leaves.push(nodes[i]);
    }
    if (leaves.length === 0) return 0;
    const paths = leaves.map((node) => this.tree.path(node));
    for (const node of leaves) this.tree.removeLeaf(node);
    // the known-names cache is keyed by display name; forget them all rather than decode each
    this.known.clear();
    const write = this.db.batch(() => {
      for (const p of paths) void this.db.remove(p);
    });
    this.lastWrite = write;
    await write;
    return leaves.length;
  }

  async close(): Promise<void> {
    await this.lastWrite;
  }

  private findTagged(pattern: string, limit: number): MetricNode[] {
    const node = this.tree.lookup(taggedTreePath(pattern).split('.'));
    return node >= 0 && this.tree.isLeaf(node) && limit > 0 ? [{ path: pattern, isLeaf: true }] : [];
  }

  private load(): void {
    const started = performance.now();
    const loader = new PrefixLoader(this.tree);
    for (const key of this.db.getKeys()) loader.add(key.split('.'));
    this.tree.trim();
    this.logger.info(
      { leaves: this.tree.leafCount, nodes: this.tree.nodeCount, ms: Math.round(performance.now() - started) },
      'metric index loaded',
    );
  }
}

/**
 * An AsyncIterable over an array computed at the first `next()` (so errors reject it, as an
 * async generator's would), without an async generator's per-item queueing.
 */
function lazyAsyncIterable<T>(compute: () => T[]): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      let items: T[] | undefined;
      let i = 0;
      return {
        next(): Promise<IteratorResult<T>> {
          try {
            items ??= compute();
          } catch (err) {
            return Promise.reject(err);
          }
          return Promise.resolve(i < items.length ? { value: items[i++], done: false } : { value: undefined, done: true });
        },
        return(): Promise<IteratorResult<T>> {
          items = [];
          return Promise.resolve({ value: undefined, done: true });
        },
      };
    },
  };
}

/** The display name; `name` alone for a plain series, without building the tag string. */
function knownKey(metric: MetricName): string {
  for (const _ in metric.tags) return displayName(metric);
  return metric.name;
}

/**
 * graphite-web writes an element whose pattern escapes a wildcard (`u\*er`) back into each
 * matched path, backslashes removed; paths that become equal are reported once.
 */
function rewriteEscaped(nodes: MetricNode[], compiled: Extract<CompiledPattern, { kind: 'tree' }>): MetricNode[] {
  const seen = new Set<string>();
  const out: MetricNode[] = [];
  for (const node of nodes) {
    const parts = node.path.split('.');
    for (const { index, text } of compiled.escaped) if (index < parts.length) parts[index] = text;
    const path = parts.join('.');
    const key = `${node.isLeaf ? 'L' : 'B'}${path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, isLeaf: node.isLeaf });
  }
  return out;
}
