import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AdmissionGate } from '../../src/lib/admission.js';
import { OverloadedError } from '../../src/lib/service-errors.js';

const limits = { maxInFlight: 2, maxQueued: 1, queueTimeoutMs: 60_000, retryAfterSeconds: 3 };

test('places up to maxInFlight at once, then a queue of maxQueued, then refusals with Retry-After', async () => {
  const gate = new AdmissionGate('render', limits, 'render');
  const a = await gate.enter();
  const b = await gate.enter();
  assert.equal(gate.active, 2);
  let cAdmitted = false;
  const c = gate.enter().then((release) => {
    cAdmitted = true;
    return release;
  });
  assert.equal(gate.queued, 1);
  await assert.rejects(gate.enter(), (err: Error) => err instanceof OverloadedError && err.retryAfterSeconds === 3 && /2 render requests in flight and 1 waiting \(limits\.concurrency\.render\)/.test(err.message));
  assert.equal(cAdmitted, false);
  a();
  a(); // a second release gives nothing back twice
  const releaseC = await c;
  assert.ok(cAdmitted);
  assert.deepEqual([gate.active, gate.queued], [2, 0]);
  b();
  releaseC();
  assert.deepEqual([gate.active, gate.queued], [0, 0]);
});

test('a request waiting longer than queueTimeoutMs is refused and leaves the queue', async () => {
  const gate = new AdmissionGate('find', { ...limits, maxInFlight: 1, queueTimeoutMs: 5 }, 'find');
  const a = await gate.enter();
  await assert.rejects(gate.enter(), (err: Error) => err instanceof OverloadedError && /find request waited 5 ms for one of 1 places/.test(err.message));
  assert.equal(gate.queued, 0);
  a();
  assert.equal(gate.active, 0);
  (await gate.enter())();
});
