import { sortedTagEntries } from './id.js';
import { parseTaggedSeries } from './tagged-series.js';
import type { MetricName } from './types.js';

/** Longest metric name carbyne accepts (carbon has no limit; filesystems stop around 4 KiB). */
export const MAX_NAME_LENGTH = 4096;

export type ParsedName = { ok: true; metric: MetricName } | { ok: false; reason: string };

/**
 * Parses and validates a carbon metric name, plain (`a.b.c`) or tagged (`a.b;k=v;k2=v2`, or the
 * OpenMetrics form `a.b{k="v"}`), and normalises it as carbon does before storing it: tags
 * sorted as graphite sorts them, a tag given twice keeps its last value, a `name` tag is replaced
 * by the metric, a leading `~` is removed from the metric. Tag names are non-empty without
 * `;!^=`; tag values are non-empty, without `;`, not starting with `~` (graphite's messages).
 * Beyond graphite: no empty path element, no whitespace or control character, at most
 * MAX_NAME_LENGTH characters. Tags come back keyed by name, without `name`, sorted (or in the
 * order given, which graphite-web's tag API numbers new tags and values by).
 */
export function parseMetricName(raw: string, order: 'sorted' | 'as-given' = 'sorted'): ParsedName {
  if (raw.length === 0) return { ok: false, reason: 'empty metric name' };
  if (raw.length > MAX_NAME_LENGTH) return { ok: false, reason: `metric name longer than ${MAX_NAME_LENGTH}` };
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f) return { ok: false, reason: 'metric name contains whitespace or a control character' };
  }
  // a plain name needs none of the tag parsing (the hot path of new series on ingest)
  if (!raw.includes(';') && !raw.includes('{') && raw[0] !== '~') {
    const problem = checkPath(raw);
    return problem ? { ok: false, reason: problem } : { ok: true, metric: { name: raw, tags: EMPTY_TAGS } };
  }
  const parsed = parseTaggedSeries(raw);
  if (!parsed.ok) return { ok: false, reason: parsed.message };
  return metricNameOf(parsed.tags, order);
}

/**
 * A series' identity from graphite's parsed tags (`name` among them): the path checked as
 * carbyne stores it, the other tags in graphite's sorted order.
 */
export function metricNameOf(tags: ReadonlyMap<string, string>, order: 'sorted' | 'as-given' = 'sorted'): ParsedName {
  const name = tags.get('name') ?? '';
  const problem = checkPath(name);
  if (problem) return { ok: false, reason: problem };
  const rest: Record<string, string> = {};
  let any = false;
  for (const [k, v] of tags) {
    if (k === 'name') continue;
    rest[k] = v;
    any = true;
  }
  if (!any) return { ok: true, metric: { name, tags: EMPTY_TAGS } };
  if (order === 'as-given') return { ok: true, metric: { name, tags: rest } };
  return { ok: true, metric: { name, tags: Object.fromEntries(sortedTagEntries(rest)) } };
}

function checkPath(path: string): string | null {
  if (path.length === 0) return 'empty metric path';
  if (path.startsWith('.') || path.endsWith('.') || path.includes('..')) {
    return `metric path "${path}" has an empty element`;
  }
  return null;
}

const EMPTY_TAGS: Readonly<Record<string, string>> = Object.freeze({});
