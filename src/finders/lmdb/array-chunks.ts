import type { Database } from 'lmdb';

/**
 * Typed arrays and string lists saved as raw bytes in a snapshot database: an array as values
 * `<name>:<n>` of at most CHUNK bytes, strings in groups joined by a separator they never hold.
 * A snapshot copies memory back instead of rebuilding what the arrays describe.
 */
const CHUNK = 64 * 1024 * 1024;
const STRING_GROUP_BYTES = 32 * 1024 * 1024;

export type ArrayKind = 'int32' | 'uint32' | 'uint8' | 'uint16';
export type SavedArray = Int32Array<ArrayBuffer> | Uint32Array<ArrayBuffer> | Uint8Array<ArrayBuffer> | Uint16Array<ArrayBuffer>;

export interface ArrayInfo {
  readonly kind: ArrayKind;
  readonly length: number;
  readonly chunks: number;
}

export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Writes `array` under `name`. Call inside a write transaction. */
export function putArray(db: Database<Buffer, string>, name: string, array: Int32Array | Uint32Array | Uint8Array | Uint16Array): ArrayInfo {
  const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  let chunks = 0;
  for (let at = 0; at < bytes.length || chunks === 0; at += CHUNK) db.putSync(`${name}:${chunks++}`, bytes.subarray(at, at + CHUNK));
  return { kind: kindOf(array), length: array.length, chunks };
}

/** The array written under `name`, or null when it is missing or damaged. */
export function readArray(db: Database<Buffer, string>, name: string, info: ArrayInfo | undefined): SavedArray | null {
  if (!info) return null;
  const array =
    info.kind === 'int32' ? new Int32Array(info.length) : info.kind === 'uint32' ? new Uint32Array(info.length) : info.kind === 'uint16' ? new Uint16Array(info.length) : new Uint8Array(info.length);
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
}

/** Writes `strings` in groups `<name>:<n>` joined by `separator`; returns the number of groups. */
export function putStrings(db: Database<Buffer, string>, name: string, strings: readonly string[], separator: string): number {
  let groups = 0;
  let group: string[] = [];
  let bytes = 0;
  const flush = () => {
    db.putSync(`${name}:${groups++}`, Buffer.from(group.join(separator), 'utf8'));
    group = [];
    bytes = 0;
  };
  for (const s of strings) {
    group.push(s);
    bytes += s.length * 3 + 1;
    if (bytes >= STRING_GROUP_BYTES) flush();
  }
  if (group.length > 0) flush();
  return groups;
}

/** The strings written under `name`, or null when a group is missing. */
export function readStrings(db: Database<Buffer, string>, name: string, groups: number, separator: string): string[] | null {
  const strings: string[] = [];
  for (let g = 0; g < groups; g++) {
    const bytes = db.getBinaryFast(`${name}:${g}`);
    if (!bytes) return null;
    for (const s of bytes.toString('utf8', 0, bytes.length).split(separator)) strings.push(s);
  }
  return strings;
}

function kindOf(array: Int32Array | Uint32Array | Uint8Array | Uint16Array): ArrayKind {
  return array instanceof Int32Array ? 'int32' : array instanceof Uint32Array ? 'uint32' : array instanceof Uint16Array ? 'uint16' : 'uint8';
}
