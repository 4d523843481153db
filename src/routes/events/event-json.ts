import { pythonSplit } from '../../lib/python-text.js';
import type { PythonJsonValue } from '../../lib/python-json.js';
import type { EventRecord } from '../../events/event-store.js';

/**
 * An event as /events/get_data lists it (graphite-web's Event.as_dict through its encoder):
 * `when` in whole seconds, `tags` the tag text's words. Grafana reads `when`, `what`, `tags`
 * and `data` (its backend mode as an int64 and strings).
 */
export function eventListEntry(e: EventRecord): PythonJsonValue {
  return { when: Math.floor(e.when), what: e.what, data: e.data, tags: pythonSplit(e.tags), id: e.id };
}

/** One event as `/events/<id>/` answers `Accept: application/json` (Django's model_to_dict and JSON encoder). */
export function eventDetail(e: EventRecord): Record<string, PythonJsonValue> {
  return { id: e.id, when: djangoIsoTime(e.when), what: e.what, data: e.data, tags: pythonSplit(e.tags) };
}

/** DjangoJSONEncoder's datetime: ISO 8601 in UTC, milliseconds (cut, not rounded) when not whole, `Z`. */
function djangoIsoTime(when: number): string {
  const seconds = Math.floor(when);
  const micros = Math.round((when - seconds) * 1e6);
  const iso = new Date(seconds * 1000).toISOString().slice(0, 19);
  return micros === 0 ? `${iso}Z` : `${iso}.${String(Math.floor(micros / 1000)).padStart(3, '0')}Z`;
}
