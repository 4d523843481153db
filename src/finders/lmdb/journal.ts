import type { Database } from 'lmdb';
import type { MetricTree } from '../tree/metric-tree.js';

/**
 * The index journal: every change since the last snapshot, keyed by a sequence number, as one
 * byte (1 added, 0 deleted) followed by the UTF-8 path.
 */
export const ADDED = 1;
export const DELETED = 0;

export function journalEntry(op: number, path: string): Buffer {
  const entry = Buffer.allocUnsafe(1 + Buffer.byteLength(path));
  entry[0] = op;
  entry.write(path, 1, 'utf8');
  return entry;
}

/** Applies the journal, in order, to a tree restored from the snapshot. */
export function replayJournal(tree: MetricTree, journal: Database<Buffer, number>): { entries: number; next: number } {
  let entries = 0;
  let next = 0;
  for (const { key, value } of journal.getRange()) {
    entries++;
    next = key + 1;
    const segments = value.toString('utf8', 1).split('.');
    if (value[0] === ADDED) tree.addLeaf(segments);
    else {
      const node = tree.lookup(segments);
      if (node >= 0) tree.removeLeaf(node);
    }
  }
  return { entries, next };
}
