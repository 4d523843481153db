import assert from 'node:assert/strict';
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
