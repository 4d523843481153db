import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pyJsonDumps } from '../../src/lib/python-json.js';

test("compact form uses Python's separators and keeps key order", () => {
  assert.equal(pyJsonDumps({ b: [1, 'x', true, null], a: {} }), '{"b": [1, "x", true, null], "a": {}}');
});

test('pretty form indents by 2 and sorts keys', () => {
  assert.equal(pyJsonDumps({ b: [1], a: { d: 1, c: [] } }, true), '{\n  "a": {\n    "c": [],\n    "d": 1\n  },\n  "b": [\n    1\n  ]\n}');
});

test('infinities become 1e9999, non-ASCII is escaped, floats print as Python does', () => {
  assert.equal(pyJsonDumps([Infinity, -Infinity, 0.5, 1e-7, 'é→']), '[1e9999, -1e9999, 0.5, 1e-07, "\\u00e9\\u2192"]');
});
