import { sortByCodePoint, sortedUniquePaths } from '../node-order.js';
import type { MetricName } from '../../series/types.js';
import { parseTagExpressions, tagOfExpression, prefixConstraint, TagExpressionError, type TagConstraint } from '../tag-expressions.js';
import type { TagDetails, TagIndex, TagQuery, TagRow, TagValueRow } from '../tag-index.js';
import type { SortedSlots } from './sorted-slots.js';
import type { TagIdLedger } from './tag-ids.js';
import { TagPostings } from './tag-postings.js';
import { chooseDriver, evaluateTagQuery, firstValuesWithMatch } from './tag-query.js';
import { compileTagRegex, TagRegexError, type ValueTest } from './tag-regex.js';
import { DEFAULT_TAG_LIMITS, TagLimitError, TagWork, type TagLimits } from './tag-work.js';

/** graphite-web's TAGDB_AUTOCOMPLETE_LIMIT */
export const AUTOCOMPLETE_LIMIT = 100;

/**
 * graphite-web's tag database answered from TagPostings (in memory): findSeries, both
 * autocompletes, the tag list and a tag's values, each bounded by its request's TagLimits.
 * The embedded LMDB index keeps one and persists what changes it.
 */
export class MemoryTagIndex implements TagIndex {
  readonly postings: TagPostings;

  /** An empty index numbering ids with `ledger`, or one over existing postings. */
  constructor(from?: TagIdLedger | TagPostings) {
    this.postings = from instanceof TagPostings ? from : new TagPostings(from);
  }

  /** Series in the index. */
  get size(): number {
    return this.postings.size;
  }

  /** Adds a tagged series; false when it is there already. Plain names are not tag-indexed. */
  add(metric: MetricName): boolean {
    for (const _ in metric.tags) return this.postings.add(metric);
    return false;
  }

  /** Removes the series of these display names; returns how many were there. */
  remove(displays: readonly string[]): number {
    return this.postings.removeMany(displays);
  }

  async findSeries(expressions: readonly string[], limits: TagLimits = DEFAULT_TAG_LIMITS): Promise<string[]> {
    const constraints = parseTagExpressions(expressions, limits.maxPatternLength);
    const names: string[] = [];
    await evaluateTagQuery(this.postings, constraints, new TagWork(limits), (s) => {
      names.push(this.postings.nameOf(s));
      if (names.length > limits.maxSeries) throw new TagLimitError(`the tag expressions match more than ${limits.maxSeries} series`, 'limits.tags.maxSeries');
    });
    // a series may come twice when the index changed under a paused evaluation
    return sortedUniquePaths(names);
  }

  async tagNames(query: TagQuery = {}, limits: TagLimits = DEFAULT_TAG_LIMITS): Promise<string[]> {
    const prefix = query.prefix ?? '';
    const limit = query.limit ?? AUTOCOMPLETE_LIMIT;
    const expressions = query.expressions ?? [];
    if (expressions.length === 0) return (await this.tagRows(prefix, null, limit > 0 ? limit : Infinity, limits)).map((r) => r.tag);
    // graphite-web reads every expression's tag before it compiles any
    const searched = new Set(expressions.map(tagOfExpression));
    const constraints = parseTagExpressions(expressions, limits.maxPatternLength);
    const index = this.postings;
    // the tags an answer can hold: once all of them are seen, the rest of the series can add none
    let possible = 0;
    index.tagsInOrder().forEachWithPrefix(prefix, (t) => {
      if (index.tagSeriesCount(t) > 0 && !searched.has(index.tagName(t))) possible++;
    });
    const seen = new Set<string>();
    if (possible > 0) {
      await evaluateTagQuery(index, constraints, new TagWork(limits), (s) => {
        index.forEachTagOf(s, (t) => {
          const tag = index.tagName(t);
          if (tag.startsWith(prefix) && !searched.has(tag)) seen.add(tag);
        });
        return seen.size < possible;
      });
    }
    return firstSorted(seen, limit);
  }

  async tagValues(tag: string, query: TagQuery = {}, limits: TagLimits = DEFAULT_TAG_LIMITS): Promise<string[]> {
    const prefix = query.prefix ?? '';
    const limit = query.limit ?? AUTOCOMPLETE_LIMIT;
    const expressions = query.expressions ?? [];
    const t = this.postings.tagSlot(tag);
    if (expressions.length === 0) {
      return t < 0 ? [] : (await this.valueRows(t, prefix, null, limit > 0 ? limit : Infinity, limits)).map((v) => v.value);
    }
    const constraints: TagConstraint[] = parseTagExpressions([...expressions, `${tag}!=`], limits.maxPatternLength);
    if (prefix !== '') constraints.push(prefixConstraint(tag, prefix));
    const index = this.postings;
    // the expressions are parsed above: a bad one has failed even when nothing is to be answered
    if (t < 0 || limit <= 0) return [];
    // the tag's own constraint the most selective: walk its values in order, stop at the limit
    if (chooseDriver(index, constraints)?.tag === t) return firstValuesWithMatch(index, t, prefix, constraints, limit, new TagWork(limits));
    const seen = new Set<string>();
    await evaluateTagQuery(index, constraints, new TagWork(limits), (s) => {
      seen.add(index.valueName(index.seriesValue(s, t)));
    });
    return firstSorted(seen, limit);
  }

  async listTags(filter?: string, limit?: number, limits: TagLimits = DEFAULT_TAG_LIMITS): Promise<TagRow[]> {
    return this.tagRows('', filterTest(filter, limits), limit === undefined || limit < 0 ? Infinity : limit, limits);
  }

  async tagDetails(tag: string, filter?: string, limit?: number, limits: TagLimits = DEFAULT_TAG_LIMITS): Promise<TagDetails | null> {
    const index = this.postings;
    const t = index.tagSlot(tag);
    if (t < 0) return null;
    const values = await this.valueRows(t, '', filterTest(filter, limits), limit === undefined || limit < 0 ? Infinity : limit, limits);
    return { id: index.tagId(t), tag: index.tagName(t), values };
  }

  memoryBytes(): number {
    return this.postings.memoryBytes();
  }

  /** Every tag ever registered under `prefix` that `test` accepts, in order, at most `max`. */
  private async tagRows(prefix: string, test: ValueTest | null, max: number, limits: TagLimits): Promise<TagRow[]> {
    const index = this.postings;
    const rows: TagRow[] = [];
    await walkSorted(index.tagsInOrder(), (t) => index.tagName(t), prefix, new TagWork(limits), test, (t, tag) => {
      rows.push({ id: index.tagId(t), tag });
      return rows.length < max;
    });
    return rows.slice(0, max);
  }

  /** The values tag `t` has series with, under `prefix`, that `test` accepts, in order, at most `max`. */
  private async valueRows(t: number, prefix: string, test: ValueTest | null, max: number, limits: TagLimits): Promise<TagValueRow[]> {
    const index = this.postings;
    const rows: TagValueRow[] = [];
    await walkSorted(index.valuesOf(t), (v) => index.valueName(v), prefix, new TagWork(limits), test, (v, value) => {
      rows.push({ id: index.valueId(v), value, count: index.pairSize(index.pairSlot(t, v)) });
      return rows.length < max;
    });
    return rows.slice(0, max);
  }
}

/**
 * Walks a sorted list from `prefix` in slices: between two slices the list may change, so each
 * slice resumes after the last key seen. `accept` is called with the slots `test` (a counted
 * regex, or none) accepts, until it returns false.
 */
async function walkSorted(
  list: SortedSlots,
  keyOf: (slot: number) => string,
  prefix: string,
  work: TagWork,
  test: ValueTest | null,
  accept: (slot: number, key: string) => boolean,
): Promise<void> {
  let after: string | undefined;
  for (;;) {
    let pause = false;
    let stopped = false;
    const finished = list.forEachWithPrefix(
      prefix,
      (slot) => {
        const key = keyOf(slot);
        after = key;
        if (test !== null) work.testValue();
        if ((test === null || test(key)) && !accept(slot, key)) {
          stopped = true;
          return false;
        }
        if (work.tick()) {
          pause = true;
          return false;
        }
      },
      after,
    );
    if (finished || stopped || !pause) return;
    await work.pause();
  }
}

/** graphite-web's filter: anchored at the start unless it starts with `^`, searched as its SQL REGEXP does. */
/** The test of graphite-web's `filter` of /tags and /tags/<tag> (a regex anchored at the start), or null for none. */
export function filterTest(filter: string | undefined, limits: TagLimits): ValueTest | null {
  if (filter === undefined || filter === '') return null;
  const anchored = filter.startsWith('^') ? filter : `^(${filter})`;
  try {
    return compileTagRegex(anchored, 'search', limits.maxPatternLength);
  } catch (err) {
    if (err instanceof TagRegexError) throw new TagExpressionError(`${err.message} in filter ${filter}`);
    throw err;
  }
}

/** graphite-web's bounded insort: the `limit` smallest, sorted (none when limit <= 0). */
function firstSorted(items: Iterable<string>, limit: number): string[] {
  if (limit <= 0) return [];
  const sorted = sortByCodePoint([...items]);
  return sorted.length > limit ? sorted.slice(0, limit) : sorted;
}
