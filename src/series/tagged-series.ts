/**
 * Tagged series names as graphite 1.1.8 reads them (TaggedSeries.parse in carbon and
 * graphite-web): carbon's `name;tag=value;...` and the OpenMetrics form `name{tag="value",...}`.
 * The failure messages are graphite's own, since graphite-web's tag API answers them.
 */

/** Characters a tag name may not hold. */
const PROHIBITED_TAG_CHARS = ';!^=';

export type TaggedSeriesParse =
  | {
      readonly ok: true;
      /** the metric name as written (before the `~` graphite strips from the `name` tag) */
      readonly metric: string;
      /** every tag in the order graphite's dict holds them, `name` included (last unless given) */
      readonly tags: ReadonlyMap<string, string>;
    }
  | { readonly ok: false; readonly message: string };

/** graphite's TaggedSeries.parse: the OpenMetrics form when the path ends with `"}`, else carbon's. */
export function parseTaggedSeries(path: string): TaggedSeriesParse {
  if (path.endsWith('"}') && path.includes('{')) return parseOpenMetrics(path);
  return parseCarbon(path);
}

function parseCarbon(path: string): TaggedSeriesParse {
  const segments = path.split(';');
  const metric = segments[0];
  if (metric === '') return fail(`Cannot parse path ${path}, no metric found`);
  const tags = new Map<string, string>();
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i];
    const eq = segment.indexOf('=');
    if (eq <= 0) return fail(`Cannot parse path ${path}, invalid segment ${segment}`);
    const tag = segment.slice(0, eq);
    const value = segment.slice(eq + 1);
    const problem = tagProblem(tag, value);
    if (problem !== null) return fail(problem);
    tags.set(tag, value);
  }
  return withName(metric, tags);
}

/** One `tag="value"` of the OpenMetrics form, then `,` (or `:,`, as graphite's pattern allows) or the end. */
const OPEN_METRICS_SEGMENT = /^([^=]+)="((?:\\["\\]|[^"\\])+)"(:?,|$)/;

function parseOpenMetrics(path: string): TaggedSeriesParse {
  const parts = path.slice(0, -1).split('{');
  // Python unpacks split('{', 2) into two names: a third part is its ValueError
  if (parts.length > 2) return fail('too many values to unpack (expected 2)');
  const [metric, raw] = parts;
  if (metric === '') return fail(`Cannot parse path ${path}, no metric found`);
  const tags = new Map<string, string>();
  let rest = raw;
  while (rest.length > 0) {
    const m = OPEN_METRICS_SEGMENT.exec(rest);
    if (m === null) return fail(`Cannot parse path ${path}, invalid segment ${rest}`);
    const tag = m[1];
    const value = m[2].replaceAll('\\"', '"').replaceAll('\\\\', '\\');
    const problem = tagProblem(tag, value);
    if (problem !== null) return fail(problem);
    tags.set(tag, value);
    rest = rest.slice(m[0].length);
  }
  return withName(metric, tags);
}

/** graphite's TaggedSeries.validateTagAndValue, its messages word for word. */
export function tagProblem(tag: string, value: string): string | null {
  if (tag.length === 0) return 'Tag may not be empty';
  if (value.length === 0) return `Value for tag "${tag}" may not be empty`;
  for (const c of PROHIBITED_TAG_CHARS) if (tag.includes(c)) return `Character "${c}" is not allowed in tag "${tag}"`;
  if (value.includes(';')) return `Character ";" is not allowed in value "${value}" of tag ${tag}`;
  if (value.startsWith('~')) return `Tag values are not allowed to start with "~" in tag "${tag}"`;
  return null;
}

/** The `name` tag is the metric with its leading `~` removed (graphite's sanitize_name_as_tag_value). */
function withName(metric: string, tags: Map<string, string>): TaggedSeriesParse {
  let start = 0;
  while (start < metric.length && metric[start] === '~') start++;
  if (start === metric.length) return fail(`Cannot use metric name ${metric} as tag value, results in emptry string`);
  tags.set('name', metric.slice(start));
  return { ok: true, metric, tags };
}

function fail(message: string): TaggedSeriesParse {
  return { ok: false, message };
}
