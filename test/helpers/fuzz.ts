import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startTestApp } from './app.js';

/** An app with only HTTP listening, holding the given carbon lines (written through POST /ingest). */
export async function startAppWithLines(lines: string): Promise<Awaited<ReturnType<typeof startTestApp>>> {
  const t = await startTestApp({ carbon: { enabled: false }, pickle: { enabled: false } });
  const res = await fetch(`${t.url}/ingest`, { method: 'POST', body: lines, headers: { 'content-type': 'text/plain' } });
  assert.equal(res.status, 200, await res.text());
  return t;
}

/**
 * Sometimes absent, mostly one of `good`, now and then one of `bad`: random requests should
 * reach the code behind the parameter checks more often than not.
 */
export function mostly(good: string[], bad: string[]): fc.Arbitrary<string | undefined> {
  return fc.option(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: fc.constantFrom(...bad) }), { nil: undefined, freq: 3 });
}
