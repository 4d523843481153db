/**
 * Every captured function case through the real /render route and evaluator (parser, argument
 * binding, fetches), over the oracle's sample data served by an in-memory index and reader:
 * the answers must equal graphite-web 1.1.8's.
 */
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { ManualClock } from '../../../src/lib/clock.js';
import { CarbyneApp } from '../../../src/app.js';
import { validateConfig } from '../../../src/config/load.js';
import { assertJsonClose } from '../../helpers/compare.js';
import { sampleStore } from '../../helpers/sample-store.js';
import type { FunctionCase } from '../../fixtures/functions/cases.js';

interface Golden {
  now: number;
  cases: (FunctionCase & { url: string; expected: unknown })[];
}

const golden = JSON.parse(readFileSync('test/fixtures/functions/golden.json', 'utf8')) as Golden;
const { index, reader } = sampleStore();
const app = await CarbyneApp.create({
  config: validateConfig({ logLevel: 'warn', dataDir: '/nonexistent-carbyne-test', selfMetrics: { enabled: false } }),
  clock: new ManualClock(golden.now),
  logger: false,
  metricIndex: index,
  seriesReader: reader,
});

test.after(() => app.close());

for (const c of golden.cases) {
  test(`${c.id}: ${c.target}`, async () => {
    const res = await app.http.inject({ method: 'GET', url: c.url });
    if (res.statusCode !== 200) throw new Error(`${res.statusCode}: ${res.body.slice(0, 300)}`);
    assertJsonClose(res.json(), c.expected);
  });
}
