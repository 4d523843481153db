import type { Database } from 'lmdb';
import type { TagPostingsState } from '../tags/tag-postings.js';
import { LITTLE_ENDIAN, putArray, putStrings, readArray, readStrings, type ArrayInfo } from './array-chunks.js';

/**
 * The tag index saved beside the tree's snapshot, in the same transaction: TagPostingsState's
 * arrays, tags and values joined by `;` (which neither holds). `tree` is the identity of the
 * tree snapshot written with it; a tag snapshot whose tree is not the one loaded is not used.
 */
const FORMAT = 1;

type ArrayName = Exclude<keyof TagPostingsState, 'tags' | 'values'>;
const ARRAYS: readonly ArrayName[] = ['tagIds', 'valueIds', 'pairTag', 'pairValue', 'seriesLen', 'seriesHash', 'seriesPairs', 'tagValueOrder', 'tagValueCounts'];

interface Meta {
  format: number;
  littleEndian: boolean;
  tree: unknown;
  arrays: Record<string, ArrayInfo>;
  strings: { tags: number; tagGroups: number; values: number; valueGroups: number };
}

/** Replaces the tag snapshot in `db`. Call inside a write transaction. */
export function writeTagSnapshot(db: Database<Buffer, string>, state: TagPostingsState, tree: unknown): void {
  db.clearSync();
  const arrays: Meta['arrays'] = {};
  for (const name of ARRAYS) arrays[name] = putArray(db, name, state[name]);
  const meta: Meta = {
    format: FORMAT,
    littleEndian: LITTLE_ENDIAN,
    tree,
    arrays,
    strings: {
      tags: state.tags.length,
      tagGroups: putStrings(db, 'tags', state.tags, ';'),
      values: state.values.length,
      valueGroups: putStrings(db, 'values', state.values, ';'),
    },
  };
  db.putSync('meta', Buffer.from(JSON.stringify(meta), 'utf8'));
}

/** The tag snapshot written with the tree snapshot `tree`, or null (none, another tree, damaged). */
export function readTagSnapshot(db: Database<Buffer, string>, tree: unknown): TagPostingsState | null {
  const metaBytes = db.getBinary('meta');
  if (!metaBytes) return null;
  const meta = JSON.parse(metaBytes.toString('utf8')) as Meta;
  if (meta.format !== FORMAT || meta.littleEndian !== LITTLE_ENDIAN || JSON.stringify(meta.tree) !== JSON.stringify(tree)) return null;
  const read: Partial<Record<ArrayName, unknown>> = {};
  for (const name of ARRAYS) {
    const array = readArray(db, name, meta.arrays[name]);
    if (array === null) return null;
    read[name] = array;
  }
  const tags = meta.strings.tags === 0 ? [] : readStrings(db, 'tags', meta.strings.tagGroups, ';');
  const values = meta.strings.values === 0 ? [] : readStrings(db, 'values', meta.strings.valueGroups, ';');
  if (tags === null || values === null || tags.length !== meta.strings.tags || values.length !== meta.strings.values) return null;
  const state = { ...(read as Pick<TagPostingsState, ArrayName>), tags, values };
  return isWhole(state) ? state : null;
}

/** The arrays agree with each other (a snapshot from another build or a bug is not trusted). */
function isWhole(s: TagPostingsState): boolean {
  const typed =
    s.tagIds instanceof Uint32Array && s.valueIds instanceof Uint32Array && s.pairTag instanceof Uint32Array && s.pairValue instanceof Uint32Array &&
    s.seriesLen instanceof Uint16Array && s.seriesHash instanceof Uint32Array && s.seriesPairs instanceof Uint32Array &&
    s.tagValueOrder instanceof Uint32Array && s.tagValueCounts instanceof Uint32Array;
  if (!typed || s.tagIds.length !== s.tags.length || s.valueIds.length !== s.values.length || s.pairValue.length !== s.pairTag.length) return false;
  if (s.seriesHash.length !== s.seriesLen.length || s.tagValueCounts.length !== s.tags.length) return false;
  let pairs = 0;
  for (const len of s.seriesLen) pairs += len;
  let ordered = 0;
  for (const n of s.tagValueCounts) ordered += n;
  if (pairs !== s.seriesPairs.length || ordered !== s.tagValueOrder.length || ordered !== s.pairTag.length) return false;
  for (const p of s.seriesPairs) if (p >= s.pairTag.length) return false;
  for (let p = 0; p < s.pairTag.length; p++) if (s.pairTag[p] >= s.tags.length || s.pairValue[p] >= s.values.length) return false;
  return true;
}
