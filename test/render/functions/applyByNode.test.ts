import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyByNode } from '../../../src/render/functions/applyByNode.js';
import { call, context, series, vals } from './helpers.js';

const free = () => [series('srv.b.disk.free', 100, 10, [1, 2]), series('srv.a.disk.free', 100, 10, [3, 4]), series('srv.b.disk.free', 100, 10, [1, 2])];
/** what each built target evaluates to: one series named after it */
const sources = {
  'sum(srv.a.disk.*)': () => [series('sum(srv.a.disk.*)', 0, 60, [7, null, 9])],
  'sum(srv.b.disk.*)': () => [series('sum(srv.b.disk.*)', 0, 60, [5])],
};

test('one target per distinct prefix, in sorted order, evaluated over the same range; results keep their names', async () => {
  const ctx = context({ sources });
  const out = await call(applyByNode, { seriesList: free(), nodeNum: 1, templateFunction: 'sum(%.disk.*)' }, ctx);
  assert.deepEqual(ctx.calls, [
    { target: 'sum(srv.a.disk.*)', startTime: 1000, endTime: 2000 },
    { target: 'sum(srv.b.disk.*)', startTime: 1000, endTime: 2000 },
  ]);
  assert.deepEqual(out.map((s) => [s.name, s.pathExpression, vals(s)]), [
    ['sum(srv.a.disk.*)', 'srv.a', [7, null, 9]],
    ['sum(srv.b.disk.*)', 'srv.b', [5]],
  ]);
});

test('newName with % replaced by the prefix; the bounds of the last series of the list, the step of the result', async () => {
  const out = await call(applyByNode, { seriesList: free(), nodeNum: 1, templateFunction: 'sum(%.disk.*)', newName: '%.disk.used' }, context({ sources }));
  assert.deepEqual(out.map((s) => [s.name, s.start, s.end, s.step]), [
    ['srv.a.disk.used', 100, 120, 60],
    ['srv.b.disk.used', 100, 120, 60],
  ]);
  assert.deepEqual(out[0].tags, { name: 'sum(srv.a.disk.*)' }, 'tags stay those of the evaluated series');
});

test('a negative node counts from the end; a blank target gives nothing; no series, nothing evaluated', async () => {
  const ctx = context({ sources: { 'sum(srv.a.disk)': () => [series('x', 0, 60, [1])] } });
  const out = await call(applyByNode, { seriesList: [series('srv.a.disk.free', 0, 60, [1])], nodeNum: -2, templateFunction: 'sum(%)' }, ctx);
  assert.deepEqual(ctx.calls.map((c) => c.target), ['sum(srv.a.disk)']);
  assert.equal(out[0].pathExpression, 'srv.a.disk');
  const none = context();
  assert.deepEqual(await call(applyByNode, { seriesList: free(), nodeNum: 1, templateFunction: '  ' }, none), []);
  assert.deepEqual(await call(applyByNode, { seriesList: [], nodeNum: 1, templateFunction: 'sum(%.disk.*)' }, none), []);
  assert.deepEqual(none.calls, []);
});
