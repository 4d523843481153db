import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LmdbMetricIndex } from '../../src/finders/lmdb/lmdb-metric-index.js';
import { silentLogger } from '../../src/lib/logger.js';
import { parseMetricName } from '../../src/series/name.js';
import { openLmdbEnvironment } from '../../src/stores/lmdb/environment.js';

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

test('find answers as graphite-web 1.1.8 does over the same tree (captured by capture-oracle-find.py)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'carbyne-oracle-find-'));
  const env = openLmdbEnvironment(dir);
  try {
    const index = LmdbMetricIndex.open(env, { logger: silentLogger });
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
      const mine = index.findNodes(c.query, { leavesOnly: c.leavesOnly }).map((n) => key([n.path, n.isLeaf]));
      assert.deepEqual(mine.sort(), c.nodes!.map(key).sort(), `query ${JSON.stringify(c.query)} leavesOnly=${c.leavesOnly}`);
      compared++;
      if (c.nodes!.length > 0) nonEmpty++;
    }
    assert.ok(compared > 500 && nonEmpty > 150);
    await index.close();
  } finally {
    await env.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
