import { compareCodePoints } from './node-order.js';
import type { TagDetails, TagIndex, TagRow, TagValueRow } from './tag-index.js';
import { filterTest } from './tags/memory-tag-index.js';
import { DEFAULT_TAG_LIMITS, type TagLimits } from './tags/tag-work.js';
import { parseTaggedSeries } from '../series/tagged-series.js';

/**
 * TagIndex.listTags and tagDetails for a remote index (Elasticsearch, Cassandra), from its own
 * tagNames and findSeries. Their ids are 0: graphite-web numbers the rows of its one tag
 * database, and a remote index shared by several processes has no such numbering.
 */
export async function listTagsOf(index: Pick<TagIndex, 'tagNames'>, filter: string | undefined, limit: number | undefined, limits: TagLimits = DEFAULT_TAG_LIMITS): Promise<TagRow[]> {
  const test = filterTest(filter, limits);
  const rows = (await index.tagNames({ limit: -1 }, limits)).filter((tag) => test === null || test(tag)).map((tag) => ({ id: 0, tag }));
  return limit === undefined || limit < 0 ? rows : rows.slice(0, limit);
}

/** A tag's values held by series now, each with how many series hold it (see listTagsOf). */
export async function tagDetailsOf(index: Pick<TagIndex, 'tagNames' | 'findSeries'>, tag: string, filter: string | undefined, limit: number | undefined, limits: TagLimits = DEFAULT_TAG_LIMITS): Promise<TagDetails | null> {
  const [known, series] = await Promise.all([index.tagNames({ limit: -1 }, limits), index.findSeries([`${tag}!=`], limits)]);
  if (!known.includes(tag)) return null;
  const counts = new Map<string, number>();
  for (const name of series) {
    const parsed = parseTaggedSeries(name);
    const value = parsed.ok ? parsed.tags.get(tag) : undefined;
    if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const test = filterTest(filter, limits);
  let values: TagValueRow[] = [...counts.keys()].sort(compareCodePoints).filter((v) => test === null || test(v)).map((value) => ({ id: 0, value, count: counts.get(value)! }));
  if (limit !== undefined && limit >= 0) values = values.slice(0, limit);
  return { id: 0, tag, values };
}
