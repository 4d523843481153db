import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { startTestApp } from './helpers/app.js';

test('starting and closing the app emits no warning (no deprecated Fastify option)', async () => {
  const warnings: Error[] = [];
  const onWarning = (w: Error) => warnings.push(w);
  process.on('warning', onWarning);
  try {
    const t = await startTestApp();
    await t.destroy();
    // process.emitWarning delivers on the next tick
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', onWarning);
  }
  assert.deepEqual(warnings.map((w) => `${w.name}: ${w.message}`), []);
});

test('requests are not logged one by one, even at info level', async () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const t = await startTestApp({}, undefined, { logger: { level: 'info', stream } });
  try {
    const res = await fetch(`${t.url}/version`);
    assert.equal(res.status, 200);
    await res.text();
  } finally {
    await t.destroy();
  }
  const messages = lines.map((l) => JSON.parse(l).msg as string);
  assert.ok(messages.length > 0, 'the logger is in use (the app logs its start)');
  assert.deepEqual(messages.filter((m) => /request/.test(m)), []);
});
