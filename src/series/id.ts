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

/** Series id as ARCHITECTURE.md fixes it: FNV-1a 64 of `name + ":" + sorted tags`, base-36. */
export function seriesId(metric: MetricName): SeriesId {
  return fnv1a64(`${metric.name}:${canonicalTags(metric.tags)}`).toString(36);
}

/** Graphite's display form: `name;k=v;...` with tags sorted, or just the name. */
export function displayName(metric: MetricName): string {
  const tags = canonicalTags(metric.tags);
  return tags === '' ? metric.name : `${metric.name};${tags}`;
}
