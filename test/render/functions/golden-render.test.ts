/**
 * End to end: carbyne fed the same points as the oracle's whisper files must answer every
 * captured function case through GET /render as graphite-web 1.1.8 did.
 *
 * It needs the /render route, the storage engine, the index and a carbon plaintext listener.
 * While a branch lacks one of them the test is skipped, saying which; the same cases are
 * checked without them by golden.test.ts (graphite-web's raw inputs fed to our functions).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { ManualClock } from '../../../src/lib/clock.js';
import { startTestApp } from '../../helpers/app.js';
import { assertJsonClose } from '../../helpers/compare.js';
import type { FunctionCase } from '../../fixtures/functions/cases.js';

interface Golden {
  now: number;
  cases: (FunctionCase & { url: string; expected: unknown })[];
}

const golden = JSON.parse(readFileSync('test/fixtures/functions/golden.json', 'utf8')) as Golden;

async function sendPlaintext(address: string, body: Buffer): Promise<void> {
  const url = new URL(address.includes('://') ? address : `tcp://${address}`);
  await new Promise<void>((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.end(body));
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
}

test('every function case through /render equals graphite-web 1.1.8', async (t) => {
  const clock = new ManualClock(golden.now);
  const app = await startTestApp(
    { storageSchemas: 'test/fixtures/oracle/storage-schemas.conf', storageAggregation: 'test/fixtures/oracle/storage-aggregation.conf' },
    clock,
  );
  try {
    const carbon = (app.addresses as unknown as Record<string, string | undefined>).carbon;
    const hasRender = app.app.routes.some((r) => r.method === 'GET' && r.url === '/render');
    if (!hasRender || !carbon) {
      t.skip(`needs ${!hasRender ? 'the /render route' : ''}${!hasRender && !carbon ? ' and ' : ''}${!carbon ? 'a carbon listener address' : ''} (not on this branch yet)`);
      return;
    }
    await sendPlaintext(carbon, gunzipSync(readFileSync('test/fixtures/oracle/sample-points.txt.gz')));
    // the last point of the sample, at NOW, shows that everything sent has been stored
    const probe = `${app.url}/render?target=servers.web01.cpu.user&format=json&from=-1min&now=${golden.now}`;
    for (let i = 0; i < 200; i++) {
      const body = (await (await fetch(probe)).json()) as { datapoints: [number | null, number][] }[];
      if (body[0]?.datapoints.at(-1)?.[0] != null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    for (const c of golden.cases) {
      const res = await fetch(app.url + c.url);
      assert.equal(res.status, 200, `${c.id}: ${c.target}`);
      try {
        assertJsonClose(await res.json(), c.expected);
      } catch (err) {
        assert.fail(`${c.id}: ${c.target}: ${(err as Error).message}`);
      }
    }
  } finally {
    await app.destroy();
  }
});
