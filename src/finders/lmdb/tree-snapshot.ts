import type { Database } from 'lmdb';
import type { TreeState } from '../tree/metric-tree.js';

/**
 * The in-memory tree saved as its raw arrays, so a restart copies memory instead of re-adding
 * every path (10 M series: seconds instead of minutes). The arrays are cut into values of at
 * most CHUNK bytes; segment strings are stored in groups joined by "." (which no segment holds).
 * Any mismatch on reading gives null, and the caller rebuilds from the stored paths.
 */
const FORMAT = 1;
const CHUNK = 64 * 1024 * 1024;
const SEGMENT_GROUP_BYTES = 32 * 1024 * 1024;

type ArrayName = keyof TreeState['nodes'] | keyof TreeState['pairs'] | 'segmentHashes' | 'segmentSlots';
type Kind = 'int32' | 'uint8' | 'uint16';

interface Meta {
  format: number;
  littleEndian: boolean;
  counts: TreeState['counts'];
  arrays: Record<string, { kind: Kind; length: number; chunks: number }>;
  segments: { count: number; groups: number };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Replaces the snapshot in `db`. Call inside a write transaction. */
export function writeSnapshot(db: Database<Buffer, string>, state: TreeState): void {
  db.clearSync();
  const arrays: Meta['arrays'] = {};
  const put = (name: ArrayName, array: Int32Array | Uint8Array | Uint16Array) => {
    const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
    let chunks = 0;
    for (let at = 0; at < bytes.length || chunks === 0; at += CHUNK) db.putSync(`${name}:${chunks++}`, bytes.subarray(at, at + CHUNK));
    arrays[name] = { kind: kindOf(array), length: array.length, chunks };
  };
  for (const [name, array] of Object.entries(state.nodes)) put(name as ArrayName, array);
  for (const [name, array] of Object.entries(state.pairs)) put(name as ArrayName, array);
  put('segmentHashes', state.segments.hashes);
  put('segmentSlots', state.segments.slots);

  let groups = 0;
  let group: string[] = [];
  let bytes = 0;
  const flush = () => {
    db.putSync(`segments:${groups++}`, Buffer.from(group.join('.'), 'utf8'));
    group = [];
    bytes = 0;
  };
  for (const s of state.segments.strings) {
    group.push(s);
    bytes += s.length * 3 + 1;
    if (bytes >= SEGMENT_GROUP_BYTES) flush();
  }
  if (group.length > 0) flush();

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

  const read = (name: ArrayName): Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer> | Uint16Array<ArrayBuffer> | null => {
    const info = meta.arrays[name];
    if (!info) return null;
    const array = info.kind === 'int32' ? new Int32Array(info.length) : info.kind === 'uint16' ? new Uint16Array(info.length) : new Uint8Array(info.length);
    const target = new Uint8Array(array.buffer);
    let at = 0;
    for (let i = 0; i < info.chunks; i++) {
      const chunk = db.getBinaryFast(`${name}:${i}`);
      if (!chunk || at + chunk.length > target.length) return null;
      // getBinaryFast's buffer is a window on a reused one: only `length` bytes are the value
      target.set(chunk.subarray(0, chunk.length), at);
      at += chunk.length;
    }
    return at === target.length ? array : null;
  };
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

  const strings: string[] = [];
  for (let g = 0; g < meta.segments.groups; g++) {
    const bytes = db.getBinaryFast(`segments:${g}`);
    if (!bytes) return null;
    for (const s of bytes.toString('utf8', 0, bytes.length).split('.')) strings.push(s);
  }
  if (strings.length !== meta.segments.count || segmentHashes.length !== strings.length) return null;
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

function kindOf(array: Int32Array | Uint8Array | Uint16Array): Kind {
  return array instanceof Int32Array ? 'int32' : array instanceof Uint16Array ? 'uint16' : 'uint8';
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}
