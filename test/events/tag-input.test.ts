import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseTagInput } from '../../src/events/tag-input.js';
import { pythonSplit } from '../../src/lib/python-text.js';

// test/fixtures/events/python.json: django-tagging's own parse_tag_input and Python's str.split()
// run on each input (capture_python.py).
const captured = JSON.parse(readFileSync('test/fixtures/events/python.json', 'utf8')) as {
  parse_tag_input: Array<[string, string[]]>;
  split: Array<[string, string[]]>;
};

test('tag text is filed under the tag names django-tagging gives it', () => {
  assert.ok(captured.parse_tag_input.length > 30);
  for (const [input, names] of captured.parse_tag_input) assert.deepEqual(parseTagInput(input), names, JSON.stringify(input));
});

test('an event\'s answered tags are its tag text split as Python\'s str.split() splits it', () => {
  for (const [input, words] of captured.split) assert.deepEqual(pythonSplit(input), words, JSON.stringify(input));
});
