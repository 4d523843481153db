/**
 * The ids graphite-web's tag database shows in `/tags` and `/tags/<tag>`: rows of its `tags_tag`
 * and `tags_tagvalue` tables, numbered by SQLite's AUTOINCREMENT. Registering a series inserts
 * all of its tags (then all of its values) in one `INSERT OR IGNORE`, and every row of such an
 * insert takes a number, inserted or ignored; rows are never deleted, so a tag or value keeps
 * its id after its last series goes and gets it back when it returns.
 */
export interface TagIdLedger {
  /** The id a tag (or value) was given, if it ever was. */
  storedId(kind: TagIdKind, text: string): number | undefined;
  /** Records the id given to a new tag (or value). */
  assigned(kind: TagIdKind, text: string, id: number): void;
  /** The sequences' last numbers (0 when none). */
  sequence(kind: TagIdKind): number;
  setSequence(kind: TagIdKind, last: number): void;
}

export type TagIdKind = 'tag' | 'value';

/**
 * Gives ids to the tags or values of one registered series as graphite-web's INSERT OR IGNORE
 * does: `known(text)` says whether the text already has an id (in memory, or in the ledger);
 * returns the ids of `texts` in order.
 */
export function insertOrIgnore(ledger: TagIdLedger, kind: TagIdKind, texts: readonly string[], known: (text: string) => number | undefined): number[] {
  let seq = ledger.sequence(kind);
  const ids: number[] = [];
  const fresh = new Map<string, number>();
  for (const text of texts) {
    seq++;
    const id = known(text) ?? fresh.get(text) ?? ledger.storedId(kind, text);
    if (id !== undefined) {
      ids.push(id);
      continue;
    }
    fresh.set(text, seq);
    ledger.assigned(kind, text, seq);
    ids.push(seq);
  }
  ledger.setSequence(kind, seq);
  return ids;
}

/**
 * The ids of texts that already had them when an index is rebuilt from stored series: nothing
 * is inserted, so no sequence number is taken, unless a text has no id at all (a store written
 * before ids were kept), which then gets the next.
 */
export function restoredIds(ledger: TagIdLedger, kind: TagIdKind, texts: readonly string[], known: (text: string) => number | undefined): number[] {
  return texts.map((text) => {
    const id = known(text) ?? ledger.storedId(kind, text);
    if (id !== undefined) return id;
    const next = ledger.sequence(kind) + 1;
    ledger.setSequence(kind, next);
    ledger.assigned(kind, text, next);
    return next;
  });
}

/** A ledger in memory only (an index that is not persisted, and tests). */
export class MemoryTagIdLedger implements TagIdLedger {
  private readonly ids = { tag: new Map<string, number>(), value: new Map<string, number>() };
  private readonly sequences = { tag: 0, value: 0 };

  storedId(kind: TagIdKind, text: string): number | undefined {
    return this.ids[kind].get(text);
  }

  assigned(kind: TagIdKind, text: string, id: number): void {
    this.ids[kind].set(text, id);
  }

  sequence(kind: TagIdKind): number {
    return this.sequences[kind];
  }

  setSequence(kind: TagIdKind, last: number): void {
    this.sequences[kind] = last;
  }

  /** An independent ledger holding the same ids and sequences. */
  copy(): MemoryTagIdLedger {
    const other = new MemoryTagIdLedger();
    for (const kind of ['tag', 'value'] as const) {
      for (const [text, id] of this.ids[kind]) other.ids[kind].set(text, id);
      other.sequences[kind] = this.sequences[kind];
    }
    return other;
  }
}
