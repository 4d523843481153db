import { parseMetricName } from '../series/name.js';
import { compareCodePoints } from './node-order.js';
import { compileTagExpressions, TagExpressionError, tagOfExpression, type SeriesTags } from './tag-expressions.js';
import type { TagQuery } from './tag-index.js';

/** What a remote tag index stores: series by tag and value, and the values of each tag. */
export interface TagPostings {
  /** Display names of the tagged series holding `tag=value`. */
  seriesWith(tag: string, value: string): Promise<string[]>;
  /** The values `tag` has among the tagged series, sorted by code point. */
  valuesOf(tag: string): Promise<string[]>;
  /** Every tag name the tagged series have (`name` included), sorted by code point. */
  allTagNames(): Promise<string[]>;
}

/** One tag expression, split; `requiresValue` when a series without the tag cannot match it. */
export interface TagExpressionParts {
  readonly tag: string;
  readonly operator: '=' | '!=' | '=~' | '!=~';
  readonly spec: string;
  readonly requiresValue: boolean;
}

export function splitTagExpression(expression: string): TagExpressionParts {
  const m = /^([^;!=]+)(!?=~?)([^;]*)$/.exec(expression);
  if (m === null) throw new TagExpressionError(`Invalid tagspec ${expression}`);
  const [, tag, operator, spec] = m;
  let requiresValue: boolean;
  if (operator === '=' || operator === '!=') requiresValue = (operator === '=') !== (spec === '');
  else {
    // an expression an empty value satisfies is refused on its own: that is the test
    try {
      compileTagExpressions([expression]);
      requiresValue = true;
    } catch (err) {
      if (!(err instanceof TagExpressionError) || !/must not match the empty string/.test(err.message)) throw err;
      requiresValue = false;
    }
  }
  return { tag, operator: operator as TagExpressionParts['operator'], spec, requiresValue };
}

/** A series' tags from its display name (`name` included), as the expressions test them. */
export function tagsOfSeries(display: string): SeriesTags | null {
  const parsed = parseMetricName(display);
  return parsed.ok ? { ...parsed.metric.tags, name: parsed.metric.name } : null;
}

/**
 * graphite's tag query over postings: the candidates of the expression that narrows best (an
 * exact `tag=value`, else the values of a tag that a regular expression keeps), then every
 * expression tested on each candidate's tags, exactly as the embedded index tests them
 * (src/finders/tag-expressions.ts). Sorted by code point.
 */
export async function findSeriesIn(postings: TagPostings, expressions: readonly string[]): Promise<string[]> {
  const test = compileTagExpressions(expressions);
  const parts = expressions.map(splitTagExpression);
  const narrowing = parts.find((p) => p.operator === '=' && p.requiresValue) ?? parts.find((p) => p.requiresValue)!;
  let candidates: string[];
  if (narrowing.operator === '=') candidates = await postings.seriesWith(narrowing.tag, narrowing.spec);
  else {
    const one = compileTagExpressions([`${narrowing.tag}${narrowing.operator}${narrowing.spec}`]);
    const values = (await postings.valuesOf(narrowing.tag)).filter((v) => one({ [narrowing.tag]: v }));
    const lists = await Promise.all(values.map((v) => postings.seriesWith(narrowing.tag, v)));
    candidates = lists.flat();
  }
  const out = new Set<string>();
  for (const name of candidates) {
    const tags = tagsOfSeries(name);
    if (tags !== null && test(tags)) out.add(name);
  }
  return [...out].sort(compareCodePoints);
}

/** Tag names, as the embedded index answers them: of the series the expressions match, or of all. */
export async function tagNamesIn(postings: TagPostings, query: TagQuery, findSeries: (e: readonly string[]) => Promise<string[]>): Promise<string[]> {
  const prefix = query.prefix ?? '';
  let names: string[];
  if (query.expressions && query.expressions.length > 0) {
    // graphite-web leaves out the tags the expressions name, and answers none for a limit <= 0
    if (query.limit !== undefined && query.limit <= 0) return [];
    const named = new Set(query.expressions.map(tagOfExpression));
    const set = new Set<string>();
    for (const series of await findSeries(query.expressions)) for (const k of Object.keys(tagsOfSeries(series) ?? {})) if (!named.has(k)) set.add(k);
    names = [...set].sort(compareCodePoints);
  } else names = await postings.allTagNames();
  return limited(
    names.filter((n) => n.startsWith(prefix)),
    query.limit,
  );
}

/** The values of one tag, as the embedded index answers them: among the series the expressions match, or all. */
export async function tagValuesIn(postings: TagPostings, tag: string, query: TagQuery, findSeries: (e: readonly string[]) => Promise<string[]>): Promise<string[]> {
  const prefix = query.prefix ?? '';
  let values: string[];
  if (query.expressions && query.expressions.length > 0) {
    if (query.limit !== undefined && query.limit <= 0) return [];
    const set = new Set<string>();
    for (const series of await findSeries(query.expressions)) {
      const v = tagsOfSeries(series)?.[tag];
      if (v !== undefined) set.add(v);
    }
    values = [...set].sort(compareCodePoints);
  } else values = await postings.valuesOf(tag);
  return limited(
    values.filter((v) => v.startsWith(prefix)),
    query.limit,
  );
}

function limited(list: string[], limit: number | undefined): string[] {
  return limit !== undefined && limit >= 0 && list.length > limit ? list.slice(0, limit) : list;
}
