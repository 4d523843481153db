/**
 * Events (graphite-web's annotations: a time, a title, free text and tags), as graphite-web's
 * events app keeps them. This module knows nobody; backends implement EventStore, and
 * event-query.ts gives graphite-web's tag semantics over any of them.
 */

/** An event as stored. */
export interface EventRecord {
  /** assigned by the store: 1, 2, ... never reused, even after a deletion (as Django's ids) */
  readonly id: number;
  /** seconds since the epoch, to the microsecond (graphite-web keeps a datetime) */
  readonly when: number;
  readonly what: string;
  readonly data: string;
  /**
   * The tags as they were given (a list joined with spaces): graphite-web keeps this text and
   * answers `tags` as its whitespace-separated words.
   */
  readonly tags: string;
  /** the tag names the event is filed under (django-tagging's reading of `tags`), which queries match */
  readonly tagNames: readonly string[];
}

export type NewEvent = Omit<EventRecord, 'id'>;

/**
 * Where events live: the embedded store (the LMDB environment of the data directory), later
 * Cassandra. Asynchronous, as a remote store is.
 */
export interface EventStore {
  /** Stores an event under the next id; its tag names become known tags. */
  add(event: NewEvent): Promise<EventRecord>;
  get(id: number): Promise<EventRecord | undefined>;
  /** Events with `from <= when <= until`, by time, then id. */
  scan(from: number, until: number): AsyncIterable<EventRecord>;
  /**
   * Which of `names` are known tags: given to some event, ever. A deleted event's tags stay
   * known, as django-tagging's Tag rows stay, which graphite-web's tag queries depend on.
   */
  knownTags(names: readonly string[]): Promise<Set<string>>;
  /** Removes an event; false when there was none with that id. */
  delete(id: number): Promise<boolean>;
  close(): Promise<void>;
}
