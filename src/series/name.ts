import type { MetricName } from './types.js';

/** Longest metric name carbyne accepts (carbon has no limit; filesystems stop around 4 KiB). */
export const MAX_NAME_LENGTH = 4096;

export type ParsedName = { ok: true; metric: MetricName } | { ok: false; reason: string };

/**
 * Parses and validates a carbon metric name, plain (`a.b.c`) or tagged (`a.b;k=v;k2=v2`),
 * by the rules carbon and graphite-web apply: no empty path element, no whitespace or control
 * characters; tag names non-empty without `;!^=`; tag values non-empty, without `;`, not
 * starting with `~`. Tags come back keyed by name; a `name` tag is not allowed.
 */
export function parseMetricName(raw: string): ParsedName {
  if (raw.length === 0) return { ok: false, reason: 'empty metric name' };
  if (raw.length > MAX_NAME_LENGTH) return { ok: false, reason: `metric name longer than ${MAX_NAME_LENGTH}` };
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f) return { ok: false, reason: 'metric name contains whitespace or a control character' };
  }
  const semi = raw.indexOf(';');
  const name = semi < 0 ? raw : raw.slice(0, semi);
  const pathProblem = checkPath(name);
  if (pathProblem) return { ok: false, reason: pathProblem };
  if (semi < 0) return { ok: true, metric: { name, tags: EMPTY_TAGS } };

  const tags: Record<string, string> = {};
  for (const part of raw.slice(semi + 1).split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return { ok: false, reason: `tag "${part}" is not of the form name=value` };
    const key = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (/[;!^=]/.test(key)) return { ok: false, reason: `tag name "${key}" contains one of ;!^=` };
    if (key === 'name') return { ok: false, reason: 'tag "name" is reserved for the metric name' };
    if (value.length === 0) return { ok: false, reason: `tag "${key}" has an empty value` };
    if (value.startsWith('~')) return { ok: false, reason: `tag "${key}" value starts with ~` };
    tags[key] = value;
  }
  return { ok: true, metric: { name, tags } };
}

function checkPath(path: string): string | null {
  if (path.length === 0) return 'empty metric path';
  if (path.startsWith('.') || path.endsWith('.') || path.includes('..')) {
    return `metric path "${path}" has an empty element`;
  }
  return null;
}

const EMPTY_TAGS: Readonly<Record<string, string>> = Object.freeze({});
