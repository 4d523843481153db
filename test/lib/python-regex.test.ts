import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePythonRegex, translatePythonReplacement } from '../../src/lib/python-regex.js';

test('Python replacement syntax becomes JavaScript replacement syntax', () => {
  const sub = (s: string, pattern: string, repl: string) => s.replace(compilePythonRegex(pattern), translatePythonReplacement(repl));
  assert.equal(sub('servers.web01.cpu', '(^.*$)', '\\1 A'), 'servers.web01.cpu A');
  assert.equal(sub('ip.1.TCP80', '^.*TCP(\\d+)', '\\g<1>'), '80');
  assert.equal(sub('a.b', '(?P<first>\\w)\\.(?P<second>\\w)', '\\g<second>-\\g<first>'), 'b-a');
  assert.equal(sub('cost', 'cost', '$5'), '$5', 'a literal $ stays literal');
  assert.equal(sub('ab', '(a)(b)', '\\2\\\\\\1'), 'b\\a');
});

test('an invalid pattern names itself', () => {
  assert.throws(() => compilePythonRegex('(unclosed'), /invalid regular expression "\(unclosed"/);
});
