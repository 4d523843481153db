import type { StoredChunk } from './chunk-store.js';

/** Throws, naming what is wrong, for a chunk no store may keep. */
export function checkChunk(c: StoredChunk): void {
  const bad = (what: string) => new Error(`invalid chunk ${c.id}@${c.resolution}s ending ${c.end}: ${what}`);
  if (typeof c.id !== 'string' || c.id.length === 0) throw bad('empty series id');
  if (!(Number.isFinite(c.resolution) && c.resolution > 0)) throw bad('resolution must be a positive number');
  if (!(Number.isInteger(c.start) && Number.isInteger(c.end) && c.start < c.end)) throw bad('window must be whole seconds with start < end');
  if (c.writer !== undefined && typeof c.writer !== 'string') throw bad('writer must be a string');
  if (!(Number.isFinite(c.ttl) && c.ttl >= 0)) throw bad('ttl must be a finite number >= 0');
  if (!(c.data instanceof Uint8Array)) throw bad('data must be a Uint8Array');
}
