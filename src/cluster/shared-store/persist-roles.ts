import type { PersistDecision, PersistPolicy, PolicyChunk } from '../../engine/flush/persist-policy.js';
import type { ClusterMap } from '../cluster-map.js';
import type { Peer } from '../peer/peer.js';
import type { Logger } from '../../lib/logger.js';
import type { Counter } from '../../lib/stats.js';

/** Clocks of two nodes may differ by this much (seconds): a replica waits this much longer. */
export const CLOCK_SKEW_SECONDS = 5;

interface RoundToken {
  readonly now: number;
  readonly caughtUp: boolean;
  readonly up: readonly string[];
}

/**
 * Who persists a series' closed windows in a shared-store cluster: its first owner that answers
 * its probes (the primary, or once it has not for `goneAfterMs` the next replica: a takeover). The other owners hold their
 * copies in memory until the persisting owner says it has written them (its last complete
 * round's start, published in its probe answers, past the window's close and its last point
 * here), then let them go. A node catching up on what it missed writes nothing, not even at
 * shutdown (its log keeps the points): its copy may be older than what a replica wrote while it
 * was away, and it writes once it has fetched that. A node that does not own a series (a stray
 * point kept with cluster.forward off) always writes it.
 */
export class PersistRoles implements PersistPolicy {
  private published: { at: number; up: readonly string[] } | null = null;

  private gone = new Set<string>();

  constructor(
    private readonly map: ClusterMap,
    private readonly peers: ReadonlyMap<number, Peer>,
    /** this node has started and owes no repair */
    private readonly caughtUp: () => boolean,
    /** a node whose probes have gone unanswered this long is taken over from */
    private readonly goneAfterMs: number,
    private readonly log: Logger,
    private readonly takeovers: Counter,
  ) {}

  /** What this node publishes: its last complete round while caught up. */
  persisted(): { at: number; up: readonly string[] } | null {
    return this.published;
  }

  roundStarting(now: number): RoundToken {
    const up = this.upNames();
    const gone = new Set(this.map.nodes.filter((n) => !up.includes(n.name)).map((n) => n.name));
    for (const name of gone) if (!this.gone.has(name)) this.log.warn({ node: name }, `node ${name} has not answered for ${this.goneAfterMs} ms: its replicas persist its series until it is back`);
    for (const name of this.gone) if (!gone.has(name)) this.log.warn({ node: name }, `node ${name} answers again: it persists its series once it has caught up`);
    this.gone = gone;
    return { now, caughtUp: this.caughtUp(), up };
  }

  roundEnded(token: unknown, ok: boolean): void {
    const t = token as RoundToken;
    if (ok && t.caughtUp && this.caughtUp()) this.published = { at: t.now, up: t.up };
  }

  decide(series: { readonly name: string }, chunk: PolicyChunk, _step: number, grace: number, shutdown: boolean): PersistDecision {
    const owners = this.map.ownerIndexes(series.name);
    const self = this.map.self.index;
    if (!owners.includes(self)) return 'write';
    if (!this.caughtUp()) return 'keep';
    if (shutdown) return 'write';
    const persister = owners.find((o) => o === self || this.peers.get(o)!.isAlive(this.goneAfterMs))!;
    if (persister === self) {
      if (owners[0] !== self) this.takeovers.inc();
      return 'write';
    }
    const theirs = this.peers.get(persister)!.self;
    if (theirs === null || !theirs.caughtUp || Number.isNaN(theirs.persistedAt)) return 'keep';
    // in its own view at that round, it was the one persisting this series
    const theirPersister = owners.find((o) => theirs.persistedUp.includes(this.map.nodes[o].name));
    if (theirPersister !== persister) return 'keep';
    return theirs.persistedAt >= Math.max(chunk.end + grace, chunk.touched + CLOCK_SKEW_SECONDS) ? 'drop' : 'keep';
  }

  private upNames(): string[] {
    return this.map.nodes.filter((n) => n.isSelf || this.peers.get(n.index)!.isAlive(this.goneAfterMs)).map((n) => n.name);
  }
}
