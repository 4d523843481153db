import assert from 'node:assert/strict';
import type { TestNode } from '../helpers/cluster.js';

/** Datapoints by target name. */
export type RenderedSeries = Record<string, Array<[number | null, number]>>;

/** A JSON render through `node` (its own data only with `local`), asserted whole (no partial header). */
export async function renderThrough(node: TestNode, target: string, from: number, until: number, local = false): Promise<RenderedSeries> {
  const res = await fetch(`${node.url}/render?target=${target}&from=${from}&until=${until}&format=json${local ? '&local=1' : ''}`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('x-carbyne-partial'), null);
  const out: RenderedSeries = {};
  for (const s of (await res.json()) as Array<{ target: string; datapoints: Array<[number | null, number]> }>) out[s.target] = s.datapoints;
  return out;
}

/** The series `node` holds itself (`/metrics/index.json?local=1`), sorted. */
export async function localSeries(node: TestNode): Promise<string[]> {
  return ((await (await fetch(`${node.url}/metrics/index.json?local=1`)).json()) as string[]).sort();
}

/**
 * Series `<prefix>.s<i>` with a point every 10 s over the 100 minutes up to T0 (the last 10 s
 * boundary before now): under `retentions`, the last half hour is kept at 1 s and the whole at
 * 10 s, so a long render reads the coarse resolution and a short one the fine.
 */
export function twoResolutionSeries(prefix: string, count: number) {
  const now = Math.floor(Date.now() / 1000);
  const t0 = now - (now % 10);
  const names = Array.from({ length: count }, (_, i) => `${prefix}.s${i}`);
  let text = '';
  names.forEach((name, i) => {
    for (let ts = t0 - 6000; ts <= t0; ts += 10) text += `${name} ${i * 1000 + ((ts / 10) % 997)} ${ts}\n`;
  });
  return { t0, names, text, points: count * 601, retentions: [{ pattern: `^${prefix}\\.`, retentions: '1s:30m,10s:3h' }] };
}
