import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { unpack } from 'msgpackr';
import { assertJsonClose, numbersClose } from './compare.js';
import { toPlain, unpickle } from '../../src/ingest/pickle/index.js';

export interface Answer {
  status: number;
  contentType: string;
  body: Buffer;
}

/**
 * Compares carbyne's answer to graphite-web's by what the format means: JSON and JSON-like
 * bodies by value (numbers within 1e-9 relative), csv and raw field by field, pickle and
 * msgpack decoded. Status and content type must match; a graphite-web 400 (text/html) must be
 * a carbyne 400 text/plain starting `Invalid parameters (`.
 */
export function assertSameAnswer(name: string, actual: Answer, expected: Answer): void {
  assert.equal(actual.status, expected.status, `${name}: status (body ${actual.body.toString('utf8').slice(0, 300)})`);
  if (expected.status !== 200) {
    assert.match(actual.contentType, /^text\/plain/, `${name}: content type`);
    assert.match(actual.body.toString('utf8'), /^Invalid parameters \(/, name);
    return;
  }
  assert.equal(actual.contentType.split(';')[0], expected.contentType.split(';')[0], `${name}: content type`);
  const type = expected.contentType.split(';')[0];
  const a = actual.body;
  const e = expected.body;
  switch (type) {
    case 'application/json':
      assertJsonClose(parsePythonJson(a.toString('utf8')), parsePythonJson(e.toString('utf8')), name);
      return;
    case 'text/javascript': {
      const unwrap = (b: Buffer) => {
        const s = b.toString('utf8');
        const open = s.indexOf('(');
        return { callback: s.slice(0, open), json: parsePythonJson(s.slice(open + 1, s.lastIndexOf(')'))) };
      };
      const ua = unwrap(a);
      const ue = unwrap(e);
      assert.equal(ua.callback, ue.callback, `${name}: callback`);
      assertJsonClose(ua.json, ue.json, name);
      return;
    }
    case 'text/csv':
      assertRowsClose(name, a.toString('utf8').split('\r\n'), e.toString('utf8').split('\r\n'), ',');
      return;
    case 'text/plain':
      assertRowsClose(name, a.toString('utf8').split('\n'), e.toString('utf8').split('\n'), '|');
      return;
    case 'application/pickle':
      assertJsonClose(toPlain(unpickle(a)), toPlain(unpickle(e)), name);
      return;
    case 'application/x-msgpack':
      assertJsonClose(unpack(a), unpack(e), name);
      return;
    default:
      assert.deepEqual(a, e, name);
  }
}

/**
 * JSON as Python's json module reads it: also the bare `Infinity`, `-Infinity` and `NaN` it
 * writes (graphite-web's dygraph and rickshaw answers hold them), read as those numbers.
 */
export function parsePythonJson(text: string): unknown {
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      // skip the string, escapes included
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      continue;
    }
    const word = c === 'I' ? 'Infinity' : c === 'N' ? 'NaN' : null;
    if (word !== null && text.startsWith(word, i)) {
      // JSON.parse reads 1e9999 as Infinity; NaN has no JSON spelling, so a marker string
      out += text.slice(last, i) + (word === 'NaN' ? '"NaN"' : '1e9999');
      i += word.length - 1;
      last = i + 1;
    }
  }
  return JSON.parse(out + text.slice(last));
}

/** Lines compared field by field; a field that reads as a number in both compares with tolerance. */
function assertRowsClose(name: string, actual: string[], expected: string[], split: string): void {
  assert.equal(actual.length, expected.length, `${name}: line count`);
  for (let i = 0; i < expected.length; i++) {
    const fa = actual[i].split(split === '|' ? /[|,]/ : ',');
    const fe = expected[i].split(split === '|' ? /[|,]/ : ',');
    assert.equal(fa.length, fe.length, `${name}: line ${i} field count: ${actual[i].slice(0, 200)} vs ${expected[i].slice(0, 200)}`);
    for (let j = 0; j < fe.length; j++) {
      if (fa[j] === fe[j]) continue;
      const x = Number(fa[j]);
      const y = Number(fe[j]);
      assert.ok(fa[j] !== '' && fe[j] !== '' && numbersClose(x, y), `${name}: line ${i} field ${j}: ${fa[j]} != ${fe[j]}`);
    }
  }
}

/** One request of a capture's index.json (test/fixtures/render/golden/capture.mjs writes them). */
export interface CapturedRequest {
  method: 'GET' | 'POST';
  query: string;
  body: string | null;
  status: number;
  contentType: string;
  /** null: graphite-web failed with a 500 and its body was not kept (captureRenderAnswers) */
  file: string | null;
}

export interface CaptureIndex {
  now: number;
  requests: Record<string, CapturedRequest>;
}

export function readCaptureIndex(dir: string): CaptureIndex {
  return JSON.parse(readFileSync(`${dir}/index.json`, 'utf8')) as CaptureIndex;
}

/**
 * Sends each named captured request to carbyne at `baseUrl` and compares the answer with
 * graphite-web's (assertSameAnswer); returns the first line of every mismatch, so one run lists
 * them all.
 */
export async function replayCaptured(
  baseUrl: string,
  dir: string,
  index: CaptureIndex,
  names: readonly string[],
  /** a further check of each answer's headers: a failure message, or null */
  checkHeaders?: (name: string, headers: Headers) => string | null,
): Promise<string[]> {
  const failures: string[] = [];
  for (const name of names) {
    const c = index.requests[name];
    const init = c.method === 'POST' ? { method: 'POST', body: c.body, headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {};
    const res = await fetch(`${baseUrl}/render?${c.query}`, init);
    const actual = { status: res.status, contentType: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) };
    const headerProblem = checkHeaders?.(name, res.headers);
    if (headerProblem) failures.push(headerProblem);
    if (c.file === null) {
      failures.push(`${name}: graphite-web answered ${c.status}, no answer to compare with`);
      continue;
    }
    const expected = { status: c.status, contentType: c.contentType, body: readFileSync(`${dir}/${c.file}`) };
    try {
      assertSameAnswer(name, actual, expected);
    } catch (err) {
      failures.push((err as Error).message.split('\n')[0]);
    }
  }
  return failures;
}
