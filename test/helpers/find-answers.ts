/**
 * Comparing carbyne's (or a graphite-web front end's) find answers with graphite-web's captured
 * ones (test/fixtures/find/capture.py), with the two kinds of latitude graphite-web itself
 * forces, and nothing else:
 * - where graphite-web's order is random (it shuffles what its finders return, then sorts
 *   stably by name), nodes of equal name may come in any order;
 * - intervals (json, pickle, msgpack): graphite-web reports [now - longest retention, file
 *   mtime]; carbyne [now - longest retention, now]. Starts must agree within 2 s; the answer's
 *   end is checked by the caller (carbyne's must be its now), graphite-web's must be no later
 *   than its request.
 */
import assert from 'node:assert/strict';
import { readMsgpack, readPickle, type Typed } from './python-values.js';

/**
 * graphite-web answers the index does not give yet. Each case must still differ: when the
 * index learns it, this test fails until the entry is removed.
 */
export const KNOWN_GAPS: Record<string, string> = {};

export interface Answer {
  status: number;
  contentType: string | null;
  pragma: string | null;
  cacheControl: string | null;
  body?: string | null;
  base64?: string;
  decoded?: Typed | null;
}
export interface Case {
  name: string;
  method: 'GET' | 'POST';
  url: string;
  body: string | null;
  headers: Record<string, string>;
  randomOrder: boolean;
  answers: Answer[];
  walls: number[];
}

export interface Actual {
  status: number;
  contentType: string | null;
  pragma: string | null;
  cacheControl: string | null;
  raw: Buffer;
}

export interface IntervalCheck {
  /** when graphite-web answered `expected` (epoch seconds) */
  readonly wall: number;
  /** throws when an interval end of the answer under test is wrong */
  readonly checkEnd: (end: number) => void;
  /** cases whose body may differ (status and type may not), with the reason */
  readonly bodyDiffers?: Readonly<Record<string, string>>;
}

/** Null when `actual` is this answer of graphite-web's; else what differs. */
export function difference(c: Case, expected: Answer, actual: Actual, check: IntervalCheck): string | null {
  const { wall } = check;
  if (actual.status !== expected.status) return `status ${actual.status} != ${expected.status}: ${actual.raw.toString().slice(0, 200)}`;
  if (actual.contentType !== expected.contentType) return `content type ${actual.contentType} != ${expected.contentType}`;
  if (actual.pragma !== expected.pragma || actual.cacheControl !== expected.cacheControl) {
    return `cache headers ${actual.pragma}/${actual.cacheControl} != ${expected.pragma}/${expected.cacheControl}`;
  }
  if (check.bodyDiffers && c.name in check.bodyDiffers) return null;
  try {
    if (expected.decoded !== undefined) {
      const typed = expected.contentType === 'application/pickle' ? readPickle(actual.raw) : readMsgpack(actual.raw);
      compareWithIntervals(canonicalNodes(typed), canonicalNodes(expected.decoded!), wall, check.checkEnd);
      return null;
    }
    const text = actual.raw.toString('utf8');
    if (text === expected.body) return null;
    if (!/json|javascript/.test(expected.contentType ?? '')) return `body ${JSON.stringify(text.slice(0, 300))} != ${JSON.stringify(expected.body?.slice(0, 300))}`;
    const [actualValue, actualCallback] = parseJsonOrJsonp(text);
    const [expectedValue, expectedCallback] = parseJsonOrJsonp(expected.body!);
    assert.equal(actualCallback, expectedCallback, 'jsonp callback');
    const hasIntervals = expected.body!.includes('"intervals"');
    const nameOrdered = c.url.includes('format=completer') || c.body?.includes('format=completer');
    if (!hasIntervals && !nameOrdered) return `body ${JSON.stringify(text.slice(0, 400))} != ${JSON.stringify(expected.body!.slice(0, 400))}`;
    // equal values in another order or with other interval figures; the text layout itself is
    // checked byte for byte by every other case
    compareWithIntervals(canonicalNodes(actualValue as Typed), canonicalNodes(expectedValue as Typed), wall, check.checkEnd);
    return null;
  } catch (err) {
    return (err as Error).message.slice(0, 1500);
  }
}

function parseJsonOrJsonp(text: string): [unknown, string | null] {
  const m = /^([A-Za-z_$][\w$.]*)\(([\s\S]*)\)$/.exec(text);
  return m ? [JSON.parse(m[2]), m[1]] : [JSON.parse(text), null];
}

/**
 * Where graphite-web's order is random, the canonical order: entries of equal name (the last
 * path element) sorted among themselves. Applies to completer's metrics and to the node lists
 * of json, pickle and msgpack; other values pass through.
 */
function canonicalNodes(value: Typed): Typed {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'metrics' in (value as object)) {
    const metrics = (value as unknown as { metrics: Array<{ name: string }> }).metrics;
    return { ...(value as object), metrics: sortWithinNameRuns(metrics, (m) => m.name) } as unknown as Typed;
  }
  if (Array.isArray(value) && value.length > 0 && nodePath(value[0]) !== null) {
    return sortWithinNameRuns(value, (v) => {
      const p = nodePath(v)!;
      return p.slice(p.lastIndexOf('.') + 1);
    });
  }
  return value;
}

function nodePath(v: unknown): string | null {
  if (v === null || typeof v !== 'object') return null;
  if ('$dict' in v) {
    const pair = (v as { $dict: Array<[Typed, Typed]> }).$dict.find(([k]) => k === 'path');
    return pair ? (pair[1] as string) : null;
  }
  return typeof (v as { path?: unknown }).path === 'string' ? (v as { path: string }).path : null;
}

function sortWithinNameRuns<T>(items: T[], name: (item: T) => string): T[] {
  const out: T[] = [];
  let run: T[] = [];
  const flush = () => {
    out.push(...run.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)));
    run = [];
  };
  for (const item of items) {
    if (run.length > 0 && name(run[0]) !== name(item)) flush();
    run.push(item);
  }
  flush();
  return out;
}

/**
 * Deep equality where the floats inside `intervals` follow the interval rule (see the top of
 * this file); everything else, key order included, must be equal.
 */
function compareWithIntervals(actual: Typed, expected: Typed, wall: number, checkEnd: (end: number) => void): void {
  const a: IntervalValues[] = [];
  const e: IntervalValues[] = [];
  assert.deepEqual(mask(actual, false, a), mask(expected, false, e));
  assert.equal(a.length, e.length);
  for (let i = 0; i < a.length; i++) {
    const [as, ae] = a[i];
    const [es, ee] = e[i];
    if (Math.abs(as - es) > 2) assert.fail(`interval start ${as} is not within 2 s of graphite-web's ${es}`);
    checkEnd(ae);
    if (ee > wall + 1) assert.fail(`graphite-web's interval end ${ee} is after its request at ${wall}`);
  }
}

type IntervalValues = [start: number, end: number];

/**
 * A copy with every number inside an `intervals` value replaced by "*" (key order kept, as
 * pairs), collecting (start, end) of each interval: JSON {start, end}, msgpack [start, end],
 * pickle Interval objects (whose tuple and size must agree with their start and end).
 */
function mask(value: unknown, inIntervals: boolean, out: IntervalValues[]): unknown {
  if (typeof value === 'number') return inIntervals ? '*' : value;
  if (value === null || typeof value !== 'object') return value;
  if ('$float' in value) return inIntervals ? { $float: '*' } : value;
  if (Array.isArray(value)) {
    if (inIntervals && value.length === 2 && value.every((v) => isFloat(v))) out.push([num(value[0]), num(value[1])]);
    return value.map((v) => mask(v, inIntervals, out));
  }
  if ('$object' in value) {
    const obj = value as { $object: string; state: Typed };
    if (obj.$object === 'graphite.intervals.Interval') {
      const s = dictOf(obj.state);
      const [start, end, size] = [num(s.start), num(s.end), num(s.size)];
      const tuple = (s.tuple as { $tuple: Typed[] }).$tuple.map(num);
      assert.deepEqual(tuple, [start, end], 'Interval.tuple is (start, end)');
      if (Math.abs(size - (end - start)) > 1e-6) assert.fail(`Interval.size ${size} != end - start`);
      out.push([start, end]);
    }
    return { $object: obj.$object, state: mask(obj.state, inIntervals, []) };
  }
  if ('$dict' in value) {
    return { $dict: (value as { $dict: Array<[Typed, Typed]> }).$dict.map(([k, v]) => [k, mask(v, inIntervals || k === 'intervals', out)]) };
  }
  const entries = Object.entries(value);
  if (inIntervals && 'start' in value && 'end' in value) out.push([num((value as { start: unknown }).start), num((value as { end: unknown }).end)]);
  return entries.map(([k, v]) => [k, mask(v, inIntervals || k === 'intervals', out)]);
}

function isFloat(v: unknown): boolean {
  return typeof v === 'number' || (v !== null && typeof v === 'object' && '$float' in v);
}

function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v !== null && typeof v === 'object' && '$float' in v) return Number((v as { $float: string }).$float);
  throw new Error(`not a number: ${JSON.stringify(v)}`);
}

function dictOf(v: Typed): Record<string, Typed> {
  return Object.fromEntries((v as { $dict: Array<[string, Typed]> }).$dict);
}
