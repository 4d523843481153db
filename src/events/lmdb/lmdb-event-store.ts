import type { Database, RootDatabase } from 'lmdb';
import type { EventRecord, EventStore, NewEvent } from '../event-store.js';

export const EVENTS_DB_NAME = 'events';
/** [when, id] -> empty: the events by time */
export const EVENTS_BY_TIME_DB_NAME = 'events.time';
/** tag name -> 1: every tag name ever given to an event */
export const EVENT_TAGS_DB_NAME = 'events.tags';
/** `lastId` -> the highest id given so far */
const EVENTS_META_DB_NAME = 'events.meta';

type StoredEvent = Omit<EventRecord, 'id'>;
type TimeKey = [number, number];
const EMPTY = Buffer.alloc(0);
/** above every id (ids count up from 1 and stay far below 2^53) */
const LAST_ID = Number.MAX_SAFE_INTEGER;

/**
 * EventStore in the data directory's LMDB environment: the events by id, an index by time,
 * the known tag names and the last id given. An event is written with its index entry and its
 * tags in one transaction, which also takes the next id (so ids stay unique with several
 * processes on one environment).
 */
export class LmdbEventStore implements EventStore {
  private closed = false;

  private constructor(
    private readonly env: RootDatabase,
    private readonly events: Database<StoredEvent, number>,
    private readonly byTime: Database<Buffer, TimeKey>,
    private readonly tags: Database<number, string>,
    private readonly meta: Database<number, string>,
  ) {}

  static open(env: RootDatabase): LmdbEventStore {
    return new LmdbEventStore(
      env,
      env.openDB<StoredEvent, number>(EVENTS_DB_NAME, {}),
      env.openDB<Buffer, TimeKey>(EVENTS_BY_TIME_DB_NAME, { encoding: 'binary' }),
      env.openDB<number, string>(EVENT_TAGS_DB_NAME, {}),
      env.openDB<number, string>(EVENTS_META_DB_NAME, {}),
    );
  }

  async add(event: NewEvent): Promise<EventRecord> {
    this.checkOpen();
    const stored: StoredEvent = { when: event.when, what: event.what, data: event.data, tags: event.tags, tagNames: [...event.tagNames] };
    const id = await this.env.transaction(() => {
      const next = (this.meta.get('lastId') ?? 0) + 1;
      this.meta.putSync('lastId', next);
      this.events.putSync(next, stored);
      this.byTime.putSync([stored.when, next], EMPTY);
      for (const name of stored.tagNames) this.tags.putSync(name, 1);
      return next;
    });
    await this.env.flushed;
    return { id, ...stored };
  }

  async get(id: number): Promise<EventRecord | undefined> {
    this.checkOpen();
    const v = this.events.get(id);
    return v === undefined ? undefined : { id, ...v };
  }

  async *scan(from: number, until: number): AsyncIterable<EventRecord> {
    this.checkOpen();
    if (!(from <= until)) return;
    for (const [, id] of this.byTime.getKeys({ start: [from, 0], end: [until, LAST_ID], snapshot: true })) {
      const v = this.events.get(id);
      if (v !== undefined) yield { id, ...v };
    }
  }

  async knownTags(names: readonly string[]): Promise<Set<string>> {
    this.checkOpen();
    return new Set(names.filter((n) => this.tags.get(n) !== undefined));
  }

  async delete(id: number): Promise<boolean> {
    this.checkOpen();
    const existed = await this.env.transaction(() => {
      const v = this.events.get(id);
      if (v === undefined) return false;
      this.byTime.removeSync([v.when, id]);
      this.events.removeSync(id);
      return true;
    });
    await this.env.flushed;
    return existed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.env.flushed;
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }
}
