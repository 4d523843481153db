import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parsePythonJson, pythonStr, PyJsonError } from '../../src/lib/python-json-parse.js';

// test/fixtures/events/python.json: str(json.loads(text)) as Python gives it (capture_python.py),
// which is what graphite-web stores for an event's `what` and `data`.
const captured = JSON.parse(readFileSync('test/fixtures/events/python.json', 'utf8')) as { str_of_json: Array<[string, string]> };

test('str() of every parsed value is Python\'s', () => {
  assert.ok(captured.str_of_json.length > 25);
  for (const [text, str] of captured.str_of_json) assert.equal(pythonStr(parsePythonJson(text)), str, text);
});

test('text json.loads refuses is refused', () => {
  for (const text of ['', '{', '[1,]', '{"a" 1}', '{a: 1}', "'x'", '"unterminated', '"ctrl\u0001"', '1 2', '01', '+1', '.5', '"\\x"', '"\\u12"', 'nan', '[' .repeat(2000)]) {
    assert.throws(() => parsePythonJson(text), PyJsonError, JSON.stringify(text.slice(0, 20)));
  }
});

test('whitespace around the value is allowed; ints keep every digit', () => {
  assert.equal(pythonStr(parsePythonJson(' \n\t{"a": 123456789012345678901234567890}\r\n')), "{'a': 123456789012345678901234567890}");
});
