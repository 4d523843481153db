import { hash } from 'node:crypto';

// The hash functions of carbon-c-relay (consistent-hash.c, fnv1a.h), reproduced from their
// definitions so that carbyne places a name exactly where the relay sends it. The relay hashes
// C `char`s, which are signed on the platforms it is packaged for: a byte >= 0x80 enters the
// FNV xor sign-extended, and so it does here.

/** carbon_ch's position of a key: the first two bytes of its MD5, big-endian (0..65535). */
export function md5Position(key: Uint8Array): number {
  const d = hash('md5', key, 'buffer');
  return (d[0] << 8) | d[1];
}

/** fnv1a_ch's position of a key: 32-bit FNV-1a folded to 16 bits (high half xor low half). */
export function fnv1aPosition(key: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    const b = key[i];
    h = Math.imul((h ^ (b < 0x80 ? b : b | 0xffffff00)) >>> 0, 16777619) >>> 0;
  }
  return ((h >>> 16) ^ (h & 0xffff)) >>> 0;
}

const MASK64 = 0xffffffffffffffffn;
const FNV64_OFFSET = 14695981039346656037n;
const FNV64_PRIME = 1099511628211n;

/** 64-bit FNV-1a of a key (jump_fnv1a_ch's input). */
export function fnv1a64(key: Uint8Array): bigint {
  let h = FNV64_OFFSET;
  for (let i = 0; i < key.length; i++) {
    const b = key[i];
    h = ((h ^ (b < 0x80 ? BigInt(b) : BigInt(b) | 0xffffffffffffff00n)) * FNV64_PRIME) & MASK64;
  }
  return h;
}

const JUMP_MULTIPLIER = 2862933555777941757n;
const TWO_31 = 2 ** 31;

/**
 * Lamping and Veach's jump consistent hash of a 64-bit key into [0, buckets), with the relay's
 * double-precision arithmetic (which JavaScript's numbers reproduce exactly).
 */
export function jumpBucket(key: bigint, buckets: number): number {
  let b = -1;
  let j = 0;
  while (j < buckets) {
    b = j;
    key = (key * JUMP_MULTIPLIER + 1n) & MASK64;
    j = Math.trunc((b + 1) * (TWO_31 / (Number(key >> 33n) + 1)));
  }
  return b;
}

const XORSHIFT_MULTIPLIER = 2685821657736338717n;

/** The relay's xorshift* step between the replicas of jump_fnv1a_ch. */
export function jumpRehash(h: bigint): bigint {
  h ^= h >> 12n;
  h = (h ^ (h << 25n)) & MASK64;
  h ^= h >> 27n;
  return (h * XORSHIFT_MULTIPLIER) & MASK64;
}
