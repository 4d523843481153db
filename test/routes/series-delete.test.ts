import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { startTestApp } from '../helpers/app.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

async function find(url: string, query: string): Promise<string[]> {
  const res = await fetch(`${url}/metrics/find?query=${encodeURIComponent(query)}&format=json`);
  return ((await res.json()) as Array<{ path: string }>).map((n) => n.path).sort();
}

describe('removing series: POST /series/delete and carbyne series delete', () => {
  it('removes what the patterns match, data and names, and the CLI says what went', async () => {
    const t = await startTestApp({ retentions: [{ pattern: '.*', retentions: '10s:1d' }] });
    try {
      const now = Math.floor(Date.now() / 1000);
      const lines = ['old.a 1', 'old.b 2', 'keep.c 3', 'tagged.x;dc=eu 4'].map((l) => `${l} ${now}`).join('\n');
      assert.equal((await fetch(`${t.url}/ingest`, { method: 'POST', body: lines })).status, 200);
      await t.app.storage.engine.flush({ all: true });
      assert.deepEqual(await find(t.url, 'old.*'), ['old.a', 'old.b']);

      // a dry run lists and keeps
      const dry = await run(process.execPath, ['--import', 'tsx', CLI, 'series', 'delete', 'old.*', '--url', t.url, '--dry-run']);
      assert.deepEqual(dry.stdout.trim().split('\n'), ['old.a', 'old.b']);
      assert.match(dry.stderr, /2 series would be deleted/);
      assert.deepEqual(await find(t.url, 'old.*'), ['old.a', 'old.b']);

      const gone = await run(process.execPath, ['--import', 'tsx', CLI, 'series', 'delete', 'old.*', 'tagged.x;dc=eu', '--url', t.url]);
      assert.deepEqual(gone.stdout.trim().split('\n'), ['old.a', 'old.b', 'tagged.x;dc=eu']);
      assert.match(gone.stderr, /3 series deleted/);
      assert.deepEqual(await find(t.url, 'old.*'), []);
      assert.deepEqual(await find(t.url, 'keep.*'), ['keep.c']);
      const render = await fetch(`${t.url}/render?target=old.*&target=seriesByTag('name=tagged.x')&from=-5min&format=json`);
      assert.deepEqual(await render.json(), []);

      // errors: no pattern, a broken glob; a server that is not there
      assert.equal((await fetch(`${t.url}/series/delete`, { method: 'POST' })).status, 400);
      const variants = '{a,b,c,d}'.repeat(10);
      const broken = await fetch(`${t.url}/series/delete?pattern=${encodeURIComponent(variants)}`, { method: 'POST' });
      assert.equal(broken.status, 400);
      assert.match(((await broken.json()) as { error: string }).error, /brace|variants/);
      await assert.rejects(run(process.execPath, ['--import', 'tsx', CLI, 'series', 'delete', 'x.*', '--url', 'http://127.0.0.1:1']), (err: { code: number; stderr: string }) => err.code === 1 && /cannot reach/.test(err.stderr));
    } finally {
      await t.destroy();
    }
  });

  it('refuses a deletion wider than limits.find.maxNodes with 422', async () => {
    const t = await startTestApp({ limits: { find: { maxNodes: 2 } } });
    try {
      const now = Math.floor(Date.now() / 1000);
      await fetch(`${t.url}/ingest`, { method: 'POST', body: ['w.a', 'w.b', 'w.c'].map((n) => `${n} 1 ${now}`).join('\n') });
      await t.app.storage.engine.flush({ all: true });
      const res = await fetch(`${t.url}/series/delete?pattern=w.*`, { method: 'POST' });
      assert.equal(res.status, 422);
      assert.match(((await res.json()) as { error: string }).error, /more than 2 series/);
      for (const name of ['w.a', 'w.b', 'w.c']) assert.deepEqual(await find(t.url, name), [name]);
    } finally {
      await t.destroy();
    }
  });
});
