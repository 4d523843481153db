import type { MetricIndex } from '../../src/finders/metric-index.js';
import { parseMetricName } from '../../src/series/name.js';
import type { MetricName } from '../../src/series/types.js';

/** A valid carbon name, parsed (throws otherwise). */
export function metric(raw: string): MetricName {
  const parsed = parseMetricName(raw);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.metric;
}

/** A find's nodes as sorted `B path` / `L path` lines. */
export async function collect(index: MetricIndex, pattern: string, opts = {}): Promise<string[]> {
  const out: string[] = [];
  for await (const n of index.find(pattern, opts)) out.push(`${n.isLeaf ? 'L' : 'B'} ${n.path}`);
  return out.sort();
}
