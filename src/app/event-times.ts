import { findEvents } from '../events/event-query.js';
import type { EventStore } from '../events/event-store.js';
import type { EventTimes } from '../render/function-types.js';

/** events()'s view of the event store: graphite-web's find_events, bounded like /events/get_data. */
export function eventTimes(store: EventStore, maxResults: number): EventTimes {
  return async (from, until, tags) => (await findEvents(store, { from, until, tags }, maxResults)).map((e) => e.when);
}
