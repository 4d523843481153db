import type { Database } from 'lmdb';
import type { MetricTree } from '../tree/metric-tree.js';

/**
 * The index journal: every change since the last snapshot, keyed by a sequence number, as one
 * byte (1 added, 0 deleted) followed by the UTF-8 path, and for a tagged series a NUL and its
 * display name (the tag index's key; names hold no control character).
 */
export const ADDED = 1;
export const DELETED = 0;

export function journalEntry(op: number, path: string, display?: string): Buffer {
  const text = display === undefined ? path : `${path}\0${display}`;
  const entry = Buffer.allocUnsafe(1 + Buffer.byteLength(text));
  entry[0] = op;
  entry.write(text, 1, 'utf8');
  return entry;
}

/** A journaled change of a tagged series: its display name when the entry holds it (older entries do not). */
export type TaggedChange = (added: boolean, path: string, display: string | undefined) => void;

/** Applies the journal, in order, to a tree restored from the snapshot (and tagged changes to `tagged`). */
export function replayJournal(tree: MetricTree, journal: Database<Buffer, number>, tagged?: TaggedChange): { entries: number; next: number } {
  let entries = 0;
  let next = 0;
  for (const { key, value } of journal.getRange()) {
    entries++;
    next = key + 1;
    const text = value.toString('utf8', 1);
    const nul = text.indexOf('\0');
    const path = nul < 0 ? text : text.slice(0, nul);
    const segments = path.split('.');
    if (value[0] === ADDED) tree.addLeaf(segments);
    else {
      const node = tree.lookup(segments);
      if (node >= 0) tree.removeLeaf(node);
    }
    if (tagged && path.startsWith('_tagged.')) tagged(value[0] === ADDED, path, nul < 0 ? undefined : text.slice(nul + 1));
  }
  return { entries, next };
}
