import { pythonSplit } from '../lib/python-text.js';
import { LimitExceededError } from '../lib/service-errors.js';
import type { EventRecord, EventStore } from './event-store.js';

/** What graphite-web's Event.find_events is asked: a time range and, optionally, tags. */
export interface EventQuery {
  /** seconds since the epoch, inclusive */
  readonly from: number;
  readonly until: number;
  /** the requested tags (graphite-web splits its `tags` parameter on single spaces, keeping empty words) */
  readonly tags?: readonly string[];
  /** `union`, `intersection`; anything else (or none) asks for every tag */
  readonly set?: string;
}

/**
 * The events graphite-web 1.1.8 answers for a query, oldest first, with its tag semantics:
 * only known tags count (django-tagging drops names no event was ever given), so
 * - no tag known: nothing;
 * - `set=union`: events with any known requested tag;
 * - otherwise: events with every known requested tag, and for `set=intersection` only those
 *   whose answered tags (their tag text split on whitespace) hold as many of the requested
 *   words as were requested, repeats and empty words included.
 * More than `limit` matches is a LimitExceededError (limits.events.maxResults).
 */
export async function findEvents(store: EventStore, q: EventQuery, limit: number): Promise<EventRecord[]> {
  const match = await tagMatcher(store, q);
  const out: EventRecord[] = [];
  if (match === null) return out;
  for await (const e of store.scan(q.from, q.until)) {
    if (!match(e)) continue;
    if (out.length === limit) throw new LimitExceededError(`more than ${limit} events match: narrow from/until or the tags`, 'limits.events.maxResults');
    out.push(e);
  }
  return out;
}

type Matcher = (e: EventRecord) => boolean;

async function tagMatcher(store: EventStore, q: EventQuery): Promise<Matcher | null> {
  if (q.tags === undefined) return () => true;
  const requested = q.tags;
  const known = [...(await store.knownTags(requested))];
  if (known.length === 0) return null;
  if (q.set === 'union') return (e) => known.some((t) => e.tagNames.includes(t));
  const hasAll: Matcher = (e) => known.every((t) => e.tagNames.includes(t));
  if (q.set !== 'intersection') return hasAll;
  const words = new Set(requested);
  return (e) => {
    if (!hasAll(e)) return false;
    const answered = new Set(pythonSplit(e.tags));
    let common = 0;
    for (const w of words) if (answered.has(w)) common++;
    return common === requested.length;
  };
}
