import { type PointWriter, WriteStatus } from '../../src/engine/point-writer.js';
import { parseMetricName } from '../../src/series/name.js';

export interface RecordedPoint {
  name: string;
  value: number;
  timestamp: number;
}

/**
 * A PointWriter that keeps what it is given, for testing the protocols in front of the storage
 * engine: names are validated by the project's own rules, points before `tooOldBefore` are
 * refused, and points count as kept only once committed.
 */
export class RecordingWriter implements PointWriter {
  /** written but not yet committed */
  pending: RecordedPoint[] = [];
  committed: RecordedPoint[] = [];
  commits = 0;
  /** make the next commit() throw, as a failing disk would */
  failNextCommit = false;

  constructor(private readonly tooOldBefore = -Infinity) {}

  write(name: string, value: number, timestamp: number): WriteStatus {
    if (!parseMetricName(name).ok) return WriteStatus.InvalidName;
    if (Number.isNaN(value)) return WriteStatus.NaN;
    if (timestamp !== -1 && timestamp < this.tooOldBefore) return WriteStatus.TooOld;
    this.pending.push({ name, value, timestamp });
    return WriteStatus.Accepted;
  }

  commit(): void {
    if (this.failNextCommit) {
      this.failNextCommit = false;
      this.pending = [];
      throw new Error('disk full');
    }
    this.commits++;
    for (const p of this.pending) this.committed.push(p);
    this.pending = [];
  }

  /** resolves once `n` points are committed (or rejects after `ms`, so a broken test fails instead of hanging) */
  async waitFor(n: number, ms = 60_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.committed.length < n) {
      if (Date.now() > deadline) throw new Error(`only ${this.committed.length} of ${n} points committed`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}
