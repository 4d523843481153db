import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { decodeRaw, RawChunkEncoder } from '../../../src/series/codec/raw.js';
import { decodeRollup, RollupChunkEncoder } from '../../../src/series/codec/rollup.js';
import { assertSameBits } from './arbitraries.js';
import { rawCases, rollupCases } from './format-datasets.js';

// Chunks live in the store for a year: the same points must make the same bytes in every
// version of the encoder (test/fixtures/codec/capture.ts pinned them).
const pinned = JSON.parse(readFileSync(new URL('../../fixtures/codec/chunks.json', import.meta.url), 'utf8')) as Record<string, string>;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

test('raw chunks are byte for byte those of the pinned format, also finished mid-way', () => {
  const cases = rawCases();
  for (const c of cases) {
    const enc = new RawChunkEncoder(c.windowStart, c.step);
    c.timestamps.forEach((t, i) => {
      if (i === c.cut) assert.equal(sha(enc.finish()), pinned[`${c.name}@${i}`], `${c.name} cut at ${i}`);
      enc.append(t, c.values[i]);
    });
    const chunk = enc.finish();
    assert.equal(sha(chunk), pinned[c.name], c.name);
    const d = decodeRaw(chunk);
    assertSameBits(d.timestamps, c.timestamps, `${c.name} timestamps`);
    assertSameBits(d.values, c.values, `${c.name} values`);
  }
  assert.equal(cases.length + cases.filter((c) => c.cut !== undefined).length + rollupCases().length, Object.keys(pinned).length);
});

test('rollup chunks are byte for byte those of the pinned format', () => {
  for (const c of rollupCases()) {
    const enc = new RollupChunkEncoder(c.windowStart, c.step);
    c.timestamps.forEach((t, i) => enc.append(t, c.records[i]));
    const chunk = enc.finish();
    assert.equal(sha(chunk), pinned[c.name], c.name);
    const d = decodeRollup(chunk);
    assertSameBits(d.sum, c.records.map((r) => r.sum), `${c.name} sum`);
    assertSameBits(d.cnt, c.records.map((r) => r.count), `${c.name} count`);
  }
});
