import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseMetricName } from '../../src/series/name.js';
import { openStoreHarness } from '../stores/helpers.js';

interface Case {
  query: string;
  leavesOnly: boolean;
  status: number;
  nodes?: Array<[string, boolean]>;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/finders/oracle-find.json', import.meta.url), 'utf8')) as {
  names: string[];
  cases: Case[];
};

const key = ([path, leaf]: [string, boolean]) => `${leaf ? 'L' : 'B'} ${path}`;

test('find answers as graphite-web 1.1.8 does over the same tree (captured by capture-oracle-find.py), on the suites\' index', async () => {
  const h = await openStoreHarness();
  try {
    const index = h.backends.index;
    await index.register(
      fixture.names.map((n) => {
        const parsed = parseMetricName(n);
        if (!parsed.ok) throw new Error(parsed.reason);
        return parsed.metric;
      }),
    );
    let compared = 0;
    let nonEmpty = 0;
    for (const c of fixture.cases) {
      if (c.status !== 200) {
        // the only request graphite-web refuses is the empty query, which the route rejects
        assert.equal(c.query, '');
        continue;
      }
      const mine: string[] = [];
      for await (const n of index.find(c.query, { leavesOnly: c.leavesOnly })) mine.push(key([n.path, n.isLeaf]));
      assert.deepEqual(mine.sort(), c.nodes!.map(key).sort(), `query ${JSON.stringify(c.query)} leavesOnly=${c.leavesOnly}`);
      compared++;
      if (c.nodes!.length > 0) nonEmpty++;
    }
    assert.ok(compared > 500 && nonEmpty > 150);
  } finally {
    await h.destroy();
  }
});
