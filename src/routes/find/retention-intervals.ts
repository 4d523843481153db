import type { StorageRules } from '../../config/storage-rules.js';

/**
 * The interval find reports for a leaf: [now - longest retention, now]. graphite-web reports
 * [now - longest retention, file mtime] from each whisper file; carbyne does not track the
 * last write per series in the index, and `now` is where a series still being written ends.
 */
export function retentionIntervals(rules: StorageRules) {
  return (path: string, now: number): Array<[number, number]> => {
    const schema = rules.schemaFor(ruleName(path));
    let longest = 0;
    for (const r of schema.retentions) if (r.retention > longest) longest = r.retention;
    return [[now - longest, now]];
  };
}

/** Rules match a tagged series by its display name; the find tree shows it under _tagged. */
function ruleName(path: string): string {
  if (!path.startsWith('_tagged.')) return path;
  return path.slice(path.lastIndexOf('.') + 1).replaceAll('_DOT_', '.');
}
