import { createHash } from 'node:crypto';
import { displayName } from '../series/id.js';
import type { MetricName } from '../series/types.js';

/**
 * Where a series sits in the find tree. A plain series at its dotted name; a tagged series
 * where carbon's whisper layout puts it and graphite-web's find shows it:
 * `_tagged.<sha256[0:3]>.<sha256[3:6]>.<name;k=v with every "." written "_DOT_">`, the hash
 * taken over the display name `name;k=v;...` (tags sorted). So `find("*")` lists a `_tagged`
 * branch and `index.json` lists `_tagged.393.2d5.disk_DOT_used;dc=eu;host=web01`, as in
 * graphite-web 1.1.8.
 */
export function treePath(metric: MetricName): string {
  const display = displayName(metric);
  return display === metric.name ? display : taggedTreePath(display);
}

/** The tree path of a tagged display name (`disk.used;dc=eu;host=web01`). */
export function taggedTreePath(display: string): string {
  const hash = createHash('sha256').update(display, 'utf8').digest('hex');
  return `_tagged.${hash.slice(0, 3)}.${hash.slice(3, 6)}.${display.replaceAll('.', '_DOT_')}`;
}

/**
 * The series a find path names: a `_tagged.xxx.yyy.name_DOT_x;k=v` leaf path back to its
 * display name `name.x;k=v` (graphite-web's TaggedSeries.decode); any other path unchanged.
 * Render and readers use it for leaves found by browsing the `_tagged` branch.
 */
export function seriesNameOf(path: string): string {
  if (!path.startsWith('_tagged.')) return path;
  const parts = path.split('.');
  return parts.length < 4 ? path : parts.slice(3).join('.').replaceAll('_DOT_', '.');
}
