import { createHash } from 'node:crypto';
import type { Database } from 'lmdb';
import type { TagIdKind, TagIdLedger } from '../tags/tag-ids.js';

/**
 * The ids of graphite-web's tag and value rows (tags/tag-ids.ts), kept in a named database of
 * the index's LMDB environment so `/tags` shows the same ids after a restart: `t<tag>` and
 * `v<value>` hold ids, `#tag` and `#value` the sequences. Texts too long for an LMDB key are
 * keyed by their SHA-256 (`T`/`V` + hex), the text stored beside the id.
 *
 * Writes are asynchronous and ordered after the index's own; `persistSequences()` writes the
 * sequences once per registration batch.
 */
export class LmdbTagIdLedger implements TagIdLedger {
  private readonly sequences = { tag: 0, value: 0 };
  private sequencesDirty = false;
  private lastWrite: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Database<LedgerEntry, string>) {
    this.sequences.tag = Number(db.get('#tag') ?? 0);
    this.sequences.value = Number(db.get('#value') ?? 0);
  }

  storedId(kind: TagIdKind, text: string): number | undefined {
    const entry = this.db.get(keyOf(kind, text));
    if (entry === undefined) return undefined;
    if (typeof entry === 'number') return entry;
    return entry[1] === text ? entry[0] : undefined;
  }

  assigned(kind: TagIdKind, text: string, id: number): void {
    const key = keyOf(kind, text);
    this.lastWrite = this.db.put(key, isHashed(key) ? [id, text] : id);
  }

  sequence(kind: TagIdKind): number {
    return this.sequences[kind];
  }

  setSequence(kind: TagIdKind, last: number): void {
    if (this.sequences[kind] === last) return;
    this.sequences[kind] = last;
    this.sequencesDirty = true;
  }

  /** Writes the sequences when they moved; resolves once every write so far is committed. */
  persistSequences(): Promise<unknown> {
    if (this.sequencesDirty) {
      this.sequencesDirty = false;
      void this.db.put('#tag', this.sequences.tag);
      this.lastWrite = this.db.put('#value', this.sequences.value);
    }
    return this.lastWrite;
  }

  /** Every tag with its id (graphite-web lists tags whose series are gone). */
  *tags(): IterableIterator<[string, number]> {
    for (const { key, value } of this.db.getRange({ start: 't', end: 'u' })) yield [key.slice(1), value as number];
    for (const { value } of this.db.getRange({ start: 'T', end: 'U' })) {
      const [id, text] = value as [number, string];
      yield [text, id];
    }
  }
}

/** A stored id: the id, or [id, text] under a hashed key. */
export type LedgerEntry = number | [number, string];

/** Keys stay well below LMDB's 1978-byte limit. */
const MAX_KEY_BYTES = 1024;

function isHashed(key: string): boolean {
  return key[0] === 'T' || key[0] === 'V';
}

function keyOf(kind: TagIdKind, text: string): string {
  const k = kind === 'tag' ? 't' : 'v';
  if (Buffer.byteLength(text) < MAX_KEY_BYTES) return k + text;
  return k.toUpperCase() + createHash('sha256').update(text, 'utf8').digest('hex');
}
