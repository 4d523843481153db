import type { StorageRules } from '../../config/storage-rules.js';
import { seriesNameOf } from '../../finders/tagged-path.js';

/**
 * The interval find reports for a leaf: [now - longest retention, now]. graphite-web reports
 * [now - longest retention, file mtime] from each whisper file; carbyne does not track the
 * last write per series in the index, and `now` is where a series still being written ends.
 * Rules match a tagged series by its name (`disk.used;dc=eu`), not its `_tagged` tree path.
 */
export function retentionIntervals(rules: StorageRules) {
  return (path: string, now: number): Array<[number, number]> => {
    const schema = rules.schemaFor(seriesNameOf(path));
    let longest = 0;
    for (const r of schema.retentions) if (r.retention > longest) longest = r.retention;
    return [[now - longest, now]];
  };
}
