import type { Database } from 'lmdb';
import type { TreeState } from '../tree/metric-tree.js';
import { LITTLE_ENDIAN, putArray, putStrings, readArray, readStrings, type ArrayInfo } from './array-chunks.js';

/**
 * The in-memory tree saved as its raw arrays, so a restart copies memory instead of re-adding
 * every path (10 M series: seconds instead of minutes). The arrays are cut into values of at
 * most CHUNK bytes; segment strings are stored in groups joined by "." (which no segment holds).
 * Any mismatch on reading gives null, and the caller rebuilds from the stored paths.
 */
const FORMAT = 1;

type ArrayName = keyof TreeState['nodes'] | keyof TreeState['pairs'] | 'segmentHashes' | 'segmentSlots';

interface Meta {
  format: number;
  littleEndian: boolean;
  counts: TreeState['counts'];
  arrays: Record<string, ArrayInfo>;
  segments: { count: number; groups: number };
}

/** Replaces the snapshot in `db`. Call inside a write transaction. */
export function writeSnapshot(db: Database<Buffer, string>, state: TreeState): void {
  db.clearSync();
  const arrays: Meta['arrays'] = {};
  const put = (name: ArrayName, array: Int32Array | Uint8Array | Uint16Array) => (arrays[name] = putArray(db, name, array));
  for (const [name, array] of Object.entries(state.nodes)) put(name as ArrayName, array);
  for (const [name, array] of Object.entries(state.pairs)) put(name as ArrayName, array);
  put('segmentHashes', state.segments.hashes);
  put('segmentSlots', state.segments.slots);
  const groups = putStrings(db, 'segments', state.segments.strings, '.');
  const meta: Meta = {
    format: FORMAT,
    littleEndian: LITTLE_ENDIAN,
    counts: state.counts,
    arrays,
    segments: { count: state.segments.strings.length, groups },
  };
  db.putSync('meta', Buffer.from(JSON.stringify(meta), 'utf8'));
}

/** The snapshot in `db`, or null when there is none or it does not fit this build. */
export function readSnapshot(db: Database<Buffer, string>): TreeState | null {
  const metaBytes = db.getBinary('meta');
  if (!metaBytes) return null;
  const meta = JSON.parse(metaBytes.toString('utf8')) as Meta;
  if (meta.format !== FORMAT || meta.littleEndian !== LITTLE_ENDIAN) return null;

  const read = (name: ArrayName) => readArray(db, name, meta.arrays[name]);
  const int32 = (name: ArrayName) => {
    const a = read(name);
    return a instanceof Int32Array ? a : null;
  };
  const parent = int32('parent');
  const pair = int32('pair');
  const flags = read('flags');
  const childCount = int32('childCount');
  const firstChild = int32('firstChild');
  const nextSibling = int32('nextSibling');
  const prevSibling = int32('prevSibling');
  const nextInPair = int32('nextInPair');
  const prevInPair = int32('prevInPair');
  const childSlots = int32('childSlots');
  const pairPos = read('pairPos');
  const pairSeg = int32('pairSeg');
  const pairHead = int32('pairHead');
  const pairCount = int32('pairCount');
  const pairSlots = int32('pairSlots');
  const segmentHashes = int32('segmentHashes');
  const segmentSlots = int32('segmentSlots');
  if (
    !parent || !pair || !(flags instanceof Uint8Array) || !childCount || !firstChild || !nextSibling || !prevSibling ||
    !nextInPair || !prevInPair || !childSlots || !(pairPos instanceof Uint16Array) || !pairSeg || !pairHead ||
    !pairCount || !pairSlots || !segmentHashes || !segmentSlots
  ) {
    return null;
  }

  const strings = readStrings(db, 'segments', meta.segments.groups, '.');
  if (strings === null || strings.length !== meta.segments.count || segmentHashes.length !== strings.length) return null;
  const { nodes, pairs } = meta.counts;
  if (parent.length !== nodes || pairSeg.length !== pairs || !isPowerOfTwo(childSlots.length) || !isPowerOfTwo(pairSlots.length) || !isPowerOfTwo(segmentSlots.length)) {
    return null;
  }
  return {
    counts: meta.counts,
    nodes: { parent, pair, flags, childCount, firstChild, nextSibling, prevSibling, nextInPair, prevInPair, childSlots },
    pairs: { pairPos, pairSeg, pairHead, pairCount, pairSlots },
    segments: { strings, hashes: segmentHashes, slots: segmentSlots },
  };
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}
