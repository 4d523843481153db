import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Clock } from '../../lib/clock.js';

/**
 * This node's last sign of life, kept in a small file: at start, a node that finds one was
 * away since then and catches up (a Repair from that time, less a margin); a beat that comes
 * far later than due means the process was paused (SIGSTOP, a stalled VM) and catches up too.
 * While a repair is unfinished the file keeps its start, so a stop does not lose it.
 */
export class Heartbeat {
  /** how far before the last sign of life a repair goes back: points in flight when the node left */
  static readonly MARGIN_SECONDS = 30;
  private static readonly INTERVAL_MS = 1000;
  /** a beat this late means the process did not run meanwhile */
  private static readonly PAUSE_MS = 10_000;
  private timer: NodeJS.Timeout | null = null;
  private lastBeatMs = 0;
  private lastBeatSeconds = 0;

  constructor(
    private readonly file: string,
    private readonly clock: Clock,
    private readonly catchUp: (since: number, reason: string) => void,
    /** the start of a catching-up not finished yet: recorded instead of now */
    private readonly owedSince: () => number | null = () => null,
  ) {}

  start(): void {
    const last = this.read();
    if (last !== null) this.catchUp(last - Heartbeat.MARGIN_SECONDS, 'this node restarted');
    this.beat();
    this.timer = setInterval(() => this.beat(), Heartbeat.INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.beat();
  }

  private beat(): void {
    const wall = Date.now();
    if (this.lastBeatMs > 0 && wall - this.lastBeatMs > Heartbeat.PAUSE_MS) this.catchUp(this.lastBeatSeconds - Heartbeat.MARGIN_SECONDS, `this node was paused for ${Math.round((wall - this.lastBeatMs) / 1000)} s`);
    this.lastBeatMs = wall;
    this.lastBeatSeconds = this.clock.nowSeconds();
    const owed = this.owedSince();
    try {
      writeFileSync(`${this.file}.tmp`, String(owed === null ? this.lastBeatSeconds : Math.min(owed + Heartbeat.MARGIN_SECONDS, this.lastBeatSeconds)));
      renameSync(`${this.file}.tmp`, this.file);
    } catch {
      // a missed beat only makes the next repair start earlier
    }
  }

  private read(): number | null {
    if (!existsSync(this.file)) return null;
    const n = Number(readFileSync(this.file, 'utf8').trim());
    return Number.isFinite(n) && n > 0 ? n : null;
  }
}
