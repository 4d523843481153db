import { createHash } from 'node:crypto';

/** A record that says which number it is and whose bytes prove it intact: 4-byte number, then filler of 1 B to ~24 KB. */
export function numberedRecord(i: number): Buffer {
  const size = 4 + ((i * 7919) % 24_000) + 1;
  const out = Buffer.alloc(size);
  out.writeUInt32LE(i, 0);
  const seed = createHash('sha256').update(String(i)).digest();
  for (let j = 4; j < size; j++) out[j] = seed[j % seed.length] ^ (j & 0xff);
  return out;
}

/** The number of a record made by numberedRecord, after checking every byte of it. */
export function checkNumberedRecord(payload: Uint8Array): number {
  const i = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).readUInt32LE(0);
  if (!numberedRecord(i).equals(payload)) throw new Error(`record ${i} has wrong contents`);
  return i;
}
