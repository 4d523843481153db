import type { MetricNode } from '../metric-index.js';
import type { CompiledPattern } from './compile.js';

/**
 * graphite-web writes an element whose pattern escapes a wildcard (`u\*er`) back into each
 * matched path, backslashes removed; paths that become equal are reported once.
 */
export function rewriteEscaped(nodes: MetricNode[], compiled: Extract<CompiledPattern, { kind: 'tree' }>): MetricNode[] {
  const seen = new Set<string>();
  const out: MetricNode[] = [];
  for (const node of nodes) {
    const parts = node.path.split('.');
    for (const { index, text } of compiled.escaped) if (index < parts.length) parts[index] = text;
    const path = parts.join('.');
    const key = `${node.isLeaf ? 'L' : 'B'}${path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, isLeaf: node.isLeaf });
  }
  return out;
}
