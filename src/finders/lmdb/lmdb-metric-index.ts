import { LRUCache } from 'lru-cache';
import type { Database } from 'lmdb';
import type { Logger } from '../../lib/logger.js';
import { RateLimitedLog } from '../../lib/logger.js';
import { Stats, type Counter, type Timer } from '../../lib/stats.js';
import { displayName } from '../../series/id.js';
import type { MetricName } from '../../series/types.js';
import type { LmdbEnvironment } from '../../stores/lmdb/environment.js';
import { DEFAULT_GLOB_LIMITS, PatternCache, type GlobLimits } from '../glob/compile.js';
import type { FindOptions, MetricIndex, MetricNode } from '../metric-index.js';
import type { TagDetails, TagIndex, TagLimits, TagQuery, TagRow } from '../tag-index.js';
import { seriesNameOf, taggedTreePath, treePath } from '../tagged-path.js';
import { parseMetricName } from '../../series/name.js';
import { MemoryTagIndex } from '../tags/memory-tag-index.js';
import { LmdbTagIdLedger, type LedgerEntry } from './tag-id-ledger.js';
import { MetricTree } from '../tree/metric-tree.js';
import { PrefixLoader } from '../tree/prefix-loader.js';
import { SCRATCH, metricNodesWork, searchTree, searchWork, toMetricNodes } from '../tree/search.js';
import { WorkSlicer, runWhole } from '../../lib/work-slicer.js';
import { lazyAsyncIterable } from '../lazy-async-iterable.js';
import { rewriteEscaped } from '../glob/escaped-fields.js';
import { ADDED, DELETED, journalEntry, replayJournal } from './journal.js';
import { readSnapshot, writeSnapshot } from './tree-snapshot.js';
import { readTagSnapshot, writeTagSnapshot } from './tag-snapshot.js';
import { TagPostings } from '../tags/tag-postings.js';

/** Named databases of the index. */
export const INDEX_DB_NAMES = {
  /** the truth: key = tree path of every leaf, value = display name for tagged series, else empty */
  paths: 'index.paths',
  /** the in-memory tree as arrays, written on close (see tree-snapshot.ts) */
  snapshot: 'index.snapshot',
  /** changes since the snapshot, keyed by sequence number: 1 + path (added) or 0 + path (deleted) */
  journal: 'index.journal',
  /** the ids graphite-web's tag database would show for tags and values (tag-id-ledger.ts) */
  tagIds: 'index.tag_ids',
  /** the tag index's arrays, written with the tree's snapshot (tag-snapshot.ts) */
  tagSnapshot: 'index.tag_snapshot',
} as const;

/** A journal longer than this is folded into a new snapshot right after loading. */
const JOURNAL_FOLD = 50_000;

export interface LmdbMetricIndexOptions {
  readonly logger: Logger;
  readonly globLimits?: GlobLimits;
  /** names registered more than once, remembered so further registers skip the tree walk */
  readonly knownNamesCacheSize?: number;
  /**
   * While running, a new snapshot is written once the journal holds this many changes (and a
   * quarter of the leaf count), so the journal and the replay on a restart after a crash stay
   * bounded. Default 1 M.
   */
  readonly snapshotEvery?: number;
  /** where the index reports its size, finds and registrations (`index.*`) */
  readonly stats?: Stats;
}

const EMPTY = Buffer.alloc(0);

/**
 * The embedded metric index: the whole tree in memory (MetricTree), every leaf persisted in a
 * named database of the shared LMDB environment so a restart reloads it. Only leaves are
 * stored; prefixes, posting lists and the distinct segments per position live in memory.
 *
 * Restart: the tree's arrays are snapshotted on close (and while running, each time the journal
 * grows past `snapshotEvery`), and every change since is journaled
 * (in the same transaction as the path itself), so opening copies the snapshot and replays the
 * journal. Without a usable snapshot (first start, a crash before any close, another format)
 * the tree is rebuilt from the paths and a snapshot written at once.
 *
 * Time filtering: `from`/`until` are accepted and ignored, as graphite-web's whisper finder
 * does (it lists files whatever their data).
 */
export class LmdbMetricIndex implements MetricIndex, TagIndex {
  private tree = new MetricTree();
  private readonly patterns: PatternCache;
  private readonly known: LRUCache<string, true>;
  private readonly badNames: RateLimitedLog;
  private lastWrite: Promise<unknown> = Promise.resolve();
  /** changes since the snapshot */
  private journaled = 0;
  /** next journal key; never reset, so writes still in flight at a snapshot keep their order */
  private seq = 0;
  private readonly snapshotEvery: number;
  /** a snapshot written in an asynchronous transaction, while it runs */
  private snapshotting: Promise<unknown> | null = null;
  private readonly findTimer: Timer;
  private readonly registered: Counter;
  /** the tag index of the tagged leaves, kept in memory beside the tree */
  private tags: MemoryTagIndex;
  private readonly tagIds: LmdbTagIdLedger;
  /** the tag index was rebuilt from the stored names: the next snapshot is due at once */
  private tagsRebuilt = false;

  private constructor(
    private readonly env: LmdbEnvironment,
    private readonly db: Database<Buffer, string>,
    private readonly snapshotDb: Database<Buffer, string>,
    private readonly journal: Database<Buffer, number>,
    tagIdDb: Database<LedgerEntry, string>,
    private readonly tagSnapshotDb: Database<Buffer, string>,
    private readonly logger: Logger,
    opts: LmdbMetricIndexOptions,
  ) {
    this.tagIds = new LmdbTagIdLedger(tagIdDb);
    this.tags = new MemoryTagIndex(this.tagIds);
    this.patterns = new PatternCache(opts.globLimits ?? DEFAULT_GLOB_LIMITS);
    this.known = new LRUCache({ max: opts.knownNamesCacheSize ?? 100_000 });
    this.badNames = new RateLimitedLog(logger);
    this.snapshotEvery = opts.snapshotEvery ?? 1_000_000;
    const stats = opts.stats ?? new Stats();
    stats.gauge('index.series', () => this.tree.leafCount);
    stats.gauge('index.nodes', () => this.tree.nodeCount);
    stats.gauge('index.memory_bytes', () => this.tree.memoryBytes());
    stats.gauge('index.tagged_series', () => this.tags.size);
    stats.gauge('index.tags_memory_bytes', () => this.tags.memoryBytes());
    this.findTimer = stats.timer('index.find_ms');
    this.registered = stats.counter('index.series_registered');
  }

  /** Opens the index databases in `env` and loads the tree into memory. */
  static open(env: LmdbEnvironment, opts: LmdbMetricIndexOptions): LmdbMetricIndex {
    const open = (name: string) => env.openDB<Buffer, string>(name, { encoding: 'binary' });
    const index = new LmdbMetricIndex(
      env,
      open(INDEX_DB_NAMES.paths),
      open(INDEX_DB_NAMES.snapshot),
      env.openDB<Buffer, number>(INDEX_DB_NAMES.journal, { encoding: 'binary' }),
      env.openDB<LedgerEntry, string>(INDEX_DB_NAMES.tagIds, {}),
      open(INDEX_DB_NAMES.tagSnapshot),
      opts.logger,
      opts,
    );
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

  /** Tagged series in the tag index. */
  get taggedSize(): number {
    return this.tags.size;
  }

  /** Bytes held by the tag index (tags/tag-postings.ts). */
  tagMemoryBytes(): number {
    return this.tags.memoryBytes();
  }

  find(pattern: string, opts: FindOptions = {}): AsyncIterable<MetricNode> {
    return lazyAsyncIterable(() => this.findSliced(pattern, opts));
  }

  /**
   * The answer of `find`, the tree walked in slices of the event loop so other requests (and
   * ingest) run while a big glob is expanded; stops with the reason of `opts.signal` once it
   * fires. A walk paused over a removal of nodes starts again (their ids are reused), and after
   * a few such restarts runs whole.
   */
  private async findSliced(pattern: string, opts: FindOptions): Promise<MetricNode[]> {
    const started = performance.now();
    const compiled = this.patterns.compile(pattern);
    const limit = opts.limit ?? Infinity;
    if (compiled.kind === 'tagged') return this.findTagged(compiled.pattern, limit);
    const leavesOnly = opts.leavesOnly ?? false;
    const slicer = new WorkSlicer(opts.signal);
    const scratch = SCRATCH.lend(this.tree);
    try {
      for (let attempt = 0; ; attempt++) {
        const tree = this.tree;
        const removals = tree.removals;
        const work = (function* () {
          const result = yield* searchWork(tree, compiled.elements, scratch, { cap: leavesOnly ? Infinity : limit });
          return yield* metricNodesWork(tree, result, { leavesOnly, limit });
        })();
        // removals keep coming: walk it whole this time
        const run =
          attempt === 3
            ? runWhole(work)
            : runPaused(work, slicer, () => {
                scratch.fit(tree);
                return tree.removals !== removals || tree !== this.tree;
              });
        // a search done within its first slice gives its scratch back before any await, so the
        // next search (of the many a render starts together) borrows it instead of allocating one
        const nodes = run instanceof Promise ? await run : run;
        if (nodes === null) continue;
        this.findTimer.observe(performance.now() - started);
        return compiled.escaped.length === 0 ? nodes : rewriteEscaped(nodes, compiled);
      }
    } finally {
      SCRATCH.giveBack(scratch);
    }
  }

  /** The answer of `find` as an array, computed synchronously. Throws GlobError. */
  findNodes(pattern: string, opts: FindOptions = {}): MetricNode[] {
    const started = performance.now();
    const nodes = this.findNow(pattern, opts);
    this.findTimer.observe(performance.now() - started);
    return nodes;
  }

  private findNow(pattern: string, opts: FindOptions): MetricNode[] {
    const compiled = this.patterns.compile(pattern);
    const limit = opts.limit ?? Infinity;
    if (compiled.kind === 'tagged') return this.findTagged(compiled.pattern, limit);
    const leavesOnly = opts.leavesOnly ?? false;
    // every node found is reported at least once unless only leaves are wanted
    const result = searchTree(this.tree, compiled.elements, { cap: leavesOnly ? Infinity : limit });
    const nodes = toMetricNodes(this.tree, result, { leavesOnly, limit });
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
      if (this.tree.addLeaf(segments)) {
        void this.db.put(path, path === metric.name ? EMPTY : Buffer.from(key));
        write = this.journal.put(this.seq++, journalEntry(ADDED, path, path === metric.name ? undefined : key));
        this.journaled++;
        this.registered.inc();
        if (path !== metric.name) this.tags.add(metric);
      } else {
        // only names registered again are remembered: a first register pays no cache insert
        this.known.set(key, true);
      }
    }
    if (write) {
      this.lastWrite = write;
      this.maybeSnapshot();
      await Promise.all([write, this.tagIds.persistSequences()]);
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
    return this.removeLeaves(leaves);
  }

  async unregister(names: readonly MetricName[]): Promise<number> {
    const leaves: number[] = [];
    for (const metric of names) {
      const node = this.tree.lookup(treePath(metric).split('.'));
      if (node >= 0 && this.tree.isLeaf(node)) leaves.push(node);
    }
    return this.removeLeaves(leaves);
  }

  private async removeLeaves(leaves: readonly number[]): Promise<number> {
    if (leaves.length === 0) return 0;
    const paths = leaves.map((node) => this.tree.path(node));
    // a tagged leaf's stored value is its display name, which the tag index knows it by
    const displays = paths.map((p) => (p.startsWith('_tagged.') ? (this.db.getBinary(p)?.toString('utf8') ?? seriesNameOf(p)) : undefined));
    const tagged = displays.filter((d) => d !== undefined);
    if (tagged.length > 0) this.tags.remove(tagged);
    for (const node of leaves) this.tree.removeLeaf(node);
    // the known-names cache is keyed by display name; forget them all rather than decode each
    this.known.clear();
    // LMDB commits these in order, normally in one transaction; a crash between them leaves a
    // leaf count the snapshot check catches
    let write: Promise<unknown> = this.lastWrite;
    paths.forEach((p, k) => {
      void this.db.remove(p);
      write = this.journal.put(this.seq++, journalEntry(DELETED, p, displays[k]));
    });
    this.journaled += paths.length;
    this.lastWrite = write;
    this.maybeSnapshot();
    await write;
    return leaves.length;
  }

  /** Waits for pending writes and saves the snapshot when anything changed since the last one. */
  async close(): Promise<void> {
    await this.snapshotting;
    await this.lastWrite;
    if (this.journaled > 0) this.env.transactionSync(() => this.snapshotNow());
  }

  /** Starts writing a snapshot in the background once the journal has grown long. */
  private maybeSnapshot(): void {
    if (this.snapshotting || this.journaled < Math.max(this.snapshotEvery, this.tree.leafCount / 4)) return;
    // the tree is copied when the transaction runs, so it holds every change made before; a
    // change made after the call but committed after the transaction stays in the journal too,
    // and replaying it again is harmless
    const done = this.env.transaction(() => this.snapshotNow());
    this.snapshotting = done.finally(() => {
      this.snapshotting = null;
    });
    this.lastWrite = this.snapshotting;
  }

  /** Writes the tree's snapshot and empties the journal. Call inside a write transaction. */
  private snapshotNow(): void {
    const started = performance.now();
    const tree = this.tree.exportState();
    writeSnapshot(this.snapshotDb, tree);
    writeTagSnapshot(this.tagSnapshotDb, this.tags.postings.exportState(), tree.counts);
    this.tagsRebuilt = false;
    this.journal.clearSync();
    this.journaled = 0;
    this.logger.info({ leaves: this.tree.leafCount, ms: Math.round(performance.now() - started) }, 'metric index snapshot saved');
  }

  findSeries(expressions: readonly string[], limits?: TagLimits): Promise<string[]> {
    return this.tags.findSeries(expressions, limits);
  }

  tagNames(query?: TagQuery, limits?: TagLimits): Promise<string[]> {
    return this.tags.tagNames(query, limits);
  }

  tagValues(tag: string, query?: TagQuery, limits?: TagLimits): Promise<string[]> {
    return this.tags.tagValues(tag, query, limits);
  }

  listTags(filter?: string, limit?: number, limits?: TagLimits): Promise<TagRow[]> {
    return this.tags.listTags(filter, limit, limits);
  }

  tagDetails(tag: string, filter?: string, limit?: number, limits?: TagLimits): Promise<TagDetails | null> {
    return this.tags.tagDetails(tag, filter, limit, limits);
  }

  /**
   * The tag index saved with the tree snapshot `treeCounts` names, with every tag the ledger
   * knows; null when there is none to use (then it is rebuilt from the stored names).
   */
  private tagsFromSnapshot(treeCounts: unknown): MemoryTagIndex | null {
    try {
      const state = readTagSnapshot(this.tagSnapshotDb, treeCounts);
      return state === null ? null : new MemoryTagIndex(TagPostings.fromState(state, this.tagIds));
    } catch (err) {
      this.logger.warn({ err }, 'tag index snapshot unreadable; rebuilding from the stored names');
      return null;
    }
  }

  /** The tag index rebuilt from the stored display names of the tagged leaves (every key under `_tagged.`). */
  private tagsFromPaths(): MemoryTagIndex {
    const tags = new MemoryTagIndex(this.tagIds);
    let unreadable = 0;
    for (const { value } of this.db.getRange({ start: '_tagged.', end: '_tagged/' })) {
      const parsed = parseMetricName(value.toString('utf8'));
      if (parsed.ok) tags.postings.add(parsed.metric, true);
      else unreadable++;
    }
    if (unreadable > 0) this.logger.warn({ unreadable }, 'stored tagged names that no longer parse were left out of the tag index');
    this.tagsRebuilt = true;
    return tags;
  }

  /** A journaled change of a tagged series, replayed into a tag index loaded from its snapshot. */
  private replayTagged(tags: MemoryTagIndex, added: boolean, path: string, display: string | undefined): void {
    if (!added) {
      tags.remove([display ?? seriesNameOf(path)]);
      return;
    }
    // entries written before they held the name: the stored path's value is the name
    const name = display ?? this.db.getBinary(path)?.toString('utf8');
    const parsed = name === undefined ? null : parseMetricName(name);
    if (parsed?.ok) tags.postings.add(parsed.metric, true);
  }

  private findTagged(pattern: string, limit: number): MetricNode[] {
    const node = this.tree.lookup(taggedTreePath(pattern).split('.'));
    return node >= 0 && this.tree.isLeaf(node) && limit > 0 ? [{ path: pattern, isLeaf: true }] : [];
  }

  private load(): void {
    const started = performance.now();
    const stored = this.db.getStats() as { entryCount: number };
    let from = 'snapshot';
    let tree: MetricTree | null = null;
    let tags: MemoryTagIndex | null = null;
    // the tag index's part of the time (its snapshot is read beside the tree's)
    let tagMs = 0;
    try {
      const state = readSnapshot(this.snapshotDb);
      if (state) {
        tree = MetricTree.fromState(state);
        const t0 = performance.now();
        tags = this.tagsFromSnapshot(state.counts);
        tagMs = performance.now() - t0;
      }
    } catch (err) {
      this.logger.warn({ err }, 'metric index snapshot unreadable; rebuilding from the stored paths');
    }
    if (tree) {
      const loadedTags = tags;
      const replay = replayJournal(tree, this.journal, loadedTags ? (added, path, display) => this.replayTagged(loadedTags, added, path, display) : undefined);
      this.journaled = replay.entries;
      this.seq = replay.next;
      if (tree.leafCount !== stored.entryCount) {
        this.logger.warn({ snapshot: tree.leafCount, stored: stored.entryCount }, 'metric index snapshot out of step; rebuilding');
        tree = null;
        tags = null;
      }
    }
    if (!tree) {
      from = 'paths';
      tree = new MetricTree();
      const loader = new PrefixLoader(tree);
      for (const key of this.db.getKeys()) loader.add(key.split('.'));
      tree.trim();
      this.journaled = tree.leafCount;
    }
    this.tree = tree;
    this.logger.info(
      { leaves: tree.leafCount, nodes: tree.nodeCount, from, ms: Math.round(performance.now() - started) },
      'metric index loaded',
    );
    const tagsStarted = performance.now();
    this.tags = tags ?? this.tagsFromPaths();
    // graphite-web lists a tag whose series are all gone: every tag ever numbered is known
    for (const [tag, id] of this.tagIds.tags()) this.tags.postings.restoreTag(tag, id);
    void this.tagIds.persistSequences();
    this.logger.info(
      { series: this.tags.size, from: this.tagsRebuilt ? 'paths' : 'snapshot', ms: Math.round(tagMs + performance.now() - tagsStarted) },
      'tag index loaded',
    );
    if (this.journaled > JOURNAL_FOLD || (from === 'paths' && this.journaled > 0) || (this.tagsRebuilt && this.tags.size > 0)) {
      this.env.transactionSync(() => this.snapshotNow());
    }
  }

}

/** The display name; `name` alone for a plain series, without building the tag string. */
function knownKey(metric: MetricName): string {
  for (const _ in metric.tags) return displayName(metric);
  return metric.name;
}

/**
 * Runs `work` in slices; after each pause `stale()` says whether what it walks changed under
 * it, and then the work is dropped (null) for the caller to start again. Work done within the
 * current slice answers at once, not as a promise.
 */
function runPaused<T>(work: Generator<unknown, T>, slicer: WorkSlicer, stale: () => boolean): T | null | Promise<T | null> {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    if (slicer.due()) return resumePaused(work, slicer, stale);
  }
}

async function resumePaused<T>(work: Generator<unknown, T>, slicer: WorkSlicer, stale: () => boolean): Promise<T | null> {
  await slicer.pause();
  return stale() ? null : runPaused(work, slicer, stale);
}
