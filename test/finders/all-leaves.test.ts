import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allLeaves, globCovering } from '../../src/finders/all-leaves.js';
import { openStoreHarness } from '../stores/helpers.js';

test('walking the tree with find lists every leaf, whatever glob characters the names hold', async () => {
  const h = await openStoreHarness();
  try {
    const index = h.backends.index;
    const names = ['g.a*b.x', 'g.a?c.y', 'g.[x].z', 'g.{p,q}.w', 'g.axb.v', 'g.p.w', 'g.a\\b.u', 'g.p', 'top', 'deep.a.b.c.d.e'];
    await index.register(names.map((name) => ({ name, tags: {} })));
    const leaves = await allLeaves(index);
    assert.deepEqual([...leaves].sort(), [...names].sort());
    // and agrees with the index's own listing
    const listed: string[] = [];
    for await (const p of index.leaves!()) listed.push(p);
    assert.deepEqual([...leaves].sort(), [...listed].sort());
    let calls = 0;
    await assert.rejects(
      allLeaves(index, () => {
        if (++calls > 3) throw new Error('stop');
      }),
      /stop/,
    );
  } finally {
    await h.destroy();
  }
});

test('globCovering turns every glob character into ?', () => {
  assert.equal(globCovering('a*b?c[d]{e,f}\\g'), 'a?b?c?d]?e,f??g');
  assert.equal(globCovering('plain-name_1'), 'plain-name_1');
});
