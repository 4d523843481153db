/**
 * A captured function case's answer against graphite-web's: numbers within the tolerance, all
 * else exactly; a case marked `random: 'walk'` (randomWalk) has its values checked as a random
 * walk in both answers instead, since no two runs share them.
 */
import assert from 'node:assert/strict';
import { assertJsonClose } from './compare.js';
import type { CapturedCase } from '../fixtures/functions/cases.js';

type JsonSeries = { target: string; tags: unknown; datapoints: [number | null, number][] };

/** starts at 0, each point the one before plus a step in [-0.5, 0.5); not flat when it has steps */
function assertRandomWalk(points: [number | null, number][], where: string): void {
  const values = points.map(([v]) => v);
  if (values.length === 0) return;
  assert.equal(values[0], 0, `${where}: starts at 0`);
  for (let i = 1; i < values.length; i++) {
    const step = (values[i] as number) - (values[i - 1] as number);
    assert.ok(typeof values[i] === 'number' && step >= -0.5 - 1e-9 && step < 0.5 + 1e-9, `${where}[${i}]: a step of ${step}`);
  }
  if (values.length > 2) assert.ok(values.some((v) => v !== 0), `${where}: it walks`);
}

export function assertCaseAnswer(actual: unknown, c: CapturedCase, label = `${c.id}: ${c.target}`): void {
  if (c.random !== 'walk') return assertJsonClose(actual, c.expected, label);
  const ours = actual as JsonSeries[];
  const theirs = c.expected as JsonSeries[];
  const shape = (list: JsonSeries[]) => list.map((s) => ({ target: s.target, tags: s.tags, timestamps: s.datapoints.map(([, t]) => t) }));
  assert.deepEqual(shape(ours), shape(theirs), `${label}: names, tags and timestamps`);
  ours.forEach((s) => assertRandomWalk(s.datapoints, `${label}: carbyne's ${s.target}`));
  theirs.forEach((s) => assertRandomWalk(s.datapoints, `${label}: graphite-web's ${s.target}`));
}
