import type { MetricName, SeriesId } from './types.js';

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK64 = 0xffffffffffffffffn;

/** FNV-1a 64 over the UTF-8 bytes of `text`. */
export function fnv1a64(text: string): bigint {
  let hash = FNV_OFFSET;
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    hash ^= BigInt(bytes[i]);
    hash = (hash * FNV_PRIME) & MASK64;
  }
  return hash;
}

/** The canonical `k=v;k2=v2` form of a tag set, sorted by key (the `name` tag never included). */
export function canonicalTags(tags: Readonly<Record<string, string>>): string {
  const keys = Object.keys(tags).filter((k) => k !== 'name').sort();
  return keys.map((k) => `${k}=${tags[k]}`).join(';');
}

/**
 * FNV-1a 64 as two unsigned 32-bit halves, computed with 16-bit limbs in plain numbers: the same
 * hash as fnv1a64 without a BigInt operation per byte (it runs once per new series on ingest).
 */
export function fnv1a64Halves(text: string): { hi: number; lo: number } {
  // 0xcbf29ce484222325 in 16-bit limbs, lowest first
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  const step = (byte: number) => {
    h0 ^= byte;
    // h * 0x100000001b3 mod 2^64 = h * 0x1b3 + (h << 40)
    const r0 = h0 * 0x1b3;
    const r1 = h1 * 0x1b3 + (r0 >>> 16);
    const r2 = h2 * 0x1b3 + (h0 << 8) + (r1 >>> 16);
    const r3 = h3 * 0x1b3 + (h1 << 8) + (r2 >>> 16);
    h0 = r0 & 0xffff;
    h1 = r1 & 0xffff;
    h2 = r2 & 0xffff;
    h3 = r3 & 0xffff;
  };
  let ascii = true;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) ascii = false;
  if (ascii) for (let i = 0; i < text.length; i++) step(text.charCodeAt(i));
  else for (const b of Buffer.from(text, 'utf8')) step(b);
  return { hi: (h3 * 0x10000 + h2) >>> 0, lo: (h1 * 0x10000 + h0) >>> 0 };
}

/** Series id as ARCHITECTURE.md fixes it: FNV-1a 64 of `name + ":" + sorted tags`, base-36. */
export function seriesId(metric: MetricName): SeriesId {
  return seriesIdOfHalves(fnv1a64Halves(`${metric.name}:${canonicalTags(metric.tags)}`));
}

const DIGITS36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * The base-36 id of a hash given as halves: what `((hi << 32) | lo).toString(36)` of a BigInt
 * gives, by long division of the two halves (each step's remainder times 2^32 plus the low half
 * stays below 2^53), without a BigInt: ids are made for millions of series at a restart.
 */
export function seriesIdOfHalves(h: { hi: number; lo: number }): SeriesId {
  let hi = h.hi >>> 0;
  let lo = h.lo >>> 0;
  if (hi === 0 && lo === 0) return '0';
  let out = '';
  while (hi !== 0 || lo !== 0) {
    const r = hi % 36;
    hi = (hi - r) / 36;
    const rest = r * 4294967296 + lo;
    const digit = rest % 36;
    lo = (rest - digit) / 36;
    out = DIGITS36[digit] + out;
  }
  return out;
}

/**
 * Graphite's display form (carbon's normalised path): `name;k=v;...`, or just the name. Tags are
 * ordered as graphite sorts its `;k=v` strings, by code point: `host2=a` comes before `host=b`.
 */
export function displayName(metric: MetricName): string {
  let out = metric.name;
  for (const [k, v] of sortedTagEntries(metric.tags)) out += `;${k}=${v}`;
  return out;
}

/** A tag set's entries (never `name`) in graphite's order: the `k=v` strings sorted by code point. */
export function sortedTagEntries(tags: Readonly<Record<string, string>>): Array<[string, string]> {
  const entries: Array<[string, string, string]> = [];
  for (const k in tags) if (k !== 'name') entries.push([k, tags[k], `${k}=${tags[k]}`]);
  if (entries.length > 1) {
    const compare = entries.some((e) => ASTRAL_OR_HIGH.test(e[2])) ? compareCodePoints : compareUnits;
    entries.sort((a, b) => compare(a[2], b[2]));
  }
  return entries.map(([k, v]) => [k, v]);
}

/** Without any unit from U+D800 up, UTF-16 order is code point order: the native compare is exact. */
export const ASTRAL_OR_HIGH = /[\ud800-\uffff]/;

export function compareUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Python's str ordering (by code point). JavaScript's `<` compares UTF-16 units, which differs
 * only when one side has a surrogate (an astral character) and the other a unit >= U+E000.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      const xs = x <= 0xdfff;
      const ys = y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1; // the surrogate is the astral, larger code point
    }
    return x - y;
  }
  return a.length - b.length;
}
