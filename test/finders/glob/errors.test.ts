import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FindLimitError, GlobError } from '../../../src/finders/glob/errors.js';

test('the errors the find routes answer name the problem, the cap and the query', () => {
  const limit = new FindLimitError('servers.*.cpu.*', 100000);
  assert.match(limit.message, /servers\.\*\.cpu\.\*/);
  assert.match(limit.message, /100000/);
  assert.equal(limit.name, 'FindLimitError');
  const glob = new GlobError('pattern has more than 512 path elements', 'a.a.a');
  assert.equal(glob.pattern, 'a.a.a');
  assert.equal(glob.name, 'GlobError');
  assert.ok(glob instanceof Error && limit instanceof Error);
});
