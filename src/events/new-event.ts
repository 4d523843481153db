import { type PyJsonValue, pythonNumber, pythonStr } from '../lib/python-json-parse.js';
import { pythonJsonDumps } from '../lib/python-json.js';
import type { NewEvent } from './event-store.js';
import { parseTagInput } from './tag-input.js';

/**
 * A POST /events/ body graphite-web would not store. `graphiteBody` is set where graphite-web
 * answers the mistake itself (a 400 with its own text); elsewhere it fails with a 500 and
 * carbyne answers 400 with `message`.
 */
export class EventInputError extends Error {
  override readonly name = 'EventInputError';

  constructor(
    message: string,
    readonly graphiteBody?: string,
  ) {
    super(message);
  }
}

/** a tag name is a key of the embedded store (at most ~2 KB there) */
const MAX_TAG_BYTES = 1024;

/** datetime's range: 0001-01-01 to 9999-12-31T23:59:59.999999 */
const MIN_WHEN = -62135596800;
const MAX_WHEN = 253402300800;

/**
 * The event a parsed POST /events/ body describes, as graphite-web's post_event stores it:
 * `what` and `data` as Python's str() of whatever was sent (data `''` when absent), `tags` a
 * list joined with spaces or a string kept as it is, `when` seconds since the epoch to the
 * microsecond (now, `nowSeconds`, when absent).
 */
export function newEventFrom(body: PyJsonValue, nowSeconds: number): NewEvent {
  if (!(body instanceof Map)) throw new EventInputError('the body must be a JSON object: {"what": ..., "tags": ..., "data": ..., "when": ...}');
  const tags = tagText(body.get('tags'));
  const what = body.get('what');
  if (what === undefined || what === null) throw new EventInputError('"what" is required');
  const data = body.has('data') ? body.get('data')! : '';
  if (data === null) throw new EventInputError('"data" may not be null');
  const tagNames = parseTagInput(tags);
  const long = tagNames.find((t) => Buffer.byteLength(t) > MAX_TAG_BYTES);
  if (long !== undefined) throw new EventInputError(`a tag may be at most ${MAX_TAG_BYTES} bytes: "${long.slice(0, 40)}..." is ${Buffer.byteLength(long)}`);
  return {
    when: body.has('when') ? whenOf(body.get('when')!) : nowSeconds,
    what: pythonStr(what),
    data: pythonStr(data),
    tags,
    tagNames,
  };
}

function tagText(tags: PyJsonValue | undefined): string {
  if (tags === undefined || tags === null) return '';
  if (typeof tags === 'string') return tags;
  if (Array.isArray(tags)) {
    if (!tags.every((t) => typeof t === 'string')) throw new EventInputError('"tags" must be an array of strings or a space-separated string');
    return tags.join(' ');
  }
  const message = '"tags" must be an array or space-separated string';
  throw new EventInputError(message, pythonJsonDumps({ error: message }));
}

/** Python's datetime.utcfromtimestamp: to the microsecond, halves to even. */
function whenOf(value: PyJsonValue): number {
  const n = pythonNumber(value);
  if (n === undefined) throw new EventInputError('"when" must be a number of seconds since the epoch');
  if (!(n >= MIN_WHEN && n < MAX_WHEN)) throw new EventInputError(`"when" is out of range: ${pythonStr(value)}`);
  const seconds = Math.floor(n);
  return seconds + roundHalfEven((n - seconds) * 1e6) / 1e6;
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
