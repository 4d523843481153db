import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seriesNameOf, taggedTreePath, treePath } from '../../src/finders/tagged-path.js';

test('tagged series sit where graphite-web 1.1.8 lists them (its index.json sample)', () => {
  // from ../shared/tools/graphite-oracle/samples/index_json.json, over the shared golden data
  assert.equal(treePath({ name: 'disk.used', tags: { host: 'web01', dc: 'eu' } }), '_tagged.393.2d5.disk_DOT_used;dc=eu;host=web01');
  assert.equal(treePath({ name: 'disk.used', tags: { dc: 'us', host: 'web02' } }), '_tagged.74e.b4c.disk_DOT_used;dc=us;host=web02');
  assert.equal(treePath({ name: 'cpu.load', tags: { dc: 'eu', host: 'web01' } }), '_tagged.7f9.14a.cpu_DOT_load;dc=eu;host=web01');
  // every dot of the display name, tag values included, is written _DOT_
  assert.match(taggedTreePath('a.b;k=v.1'), /^_tagged\.[0-9a-f]{3}\.[0-9a-f]{3}\.a_DOT_b;k=v_DOT_1$/);
  assert.equal(treePath({ name: 'servers.web01.cpu', tags: {} }), 'servers.web01.cpu');
});

test('a _tagged leaf path decodes to its series name, other paths stay', () => {
  assert.equal(seriesNameOf('_tagged.393.2d5.disk_DOT_used;dc=eu;host=web01'), 'disk.used;dc=eu;host=web01');
  assert.equal(seriesNameOf(taggedTreePath('a.b;k=v.1')), 'a.b;k=v.1');
  assert.equal(seriesNameOf('servers.web01.cpu'), 'servers.web01.cpu');
  assert.equal(seriesNameOf('_tagged.393'), '_tagged.393');
});
