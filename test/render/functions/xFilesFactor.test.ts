import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setXFilesFactor, xFilesFactor } from '../../../src/render/functions/xFilesFactor.js';
import { call, context, series } from './helpers.js';

test("sets the series' and the request's xFilesFactor", async () => {
  for (const fn of [xFilesFactor, setXFilesFactor]) {
    const ctx = context();
    const [s] = await call(fn, { seriesList: [series('a', 0, 10, [1])], xFilesFactor: 0.5 }, ctx);
    assert.equal(s.xFilesFactor, 0.5);
    assert.equal(s.tags.xFilesFactor, '0.5');
    assert.equal(s.name, 'a');
    assert.equal(ctx.xFilesFactor, 0.5);
  }
});
