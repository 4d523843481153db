import { findEvents, TooManyEventsError } from '../events/event-query.js';
import type { EventStore } from '../events/event-store.js';
import { RenderLimitError } from '../render/evaluator/errors.js';
import type { EventTimes } from '../render/function-types.js';

/** events()'s view of the event store: graphite-web's find_events, bounded like /events/get_data. */
export function eventTimes(store: EventStore, maxResults: number): EventTimes {
  return async (from, until, tags) => {
    try {
      return (await findEvents(store, { from, until, tags }, maxResults)).map((e) => e.when);
    } catch (err) {
      if (err instanceof TooManyEventsError) throw new RenderLimitError(`more than ${maxResults} events match`, 'limits.events.maxResults');
      throw err;
    }
  };
}
