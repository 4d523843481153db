import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeSeriesCheckpoint, encodeSeriesCheckpoint, type CheckpointSeries } from '../../../src/engine/wal/series-checkpoint.js';
import type { StorageSchema } from '../../../src/series/types.js';

const minute: StorageSchema = { retentions: [{ step: 60, retention: 1440 }], aggregation: 'sum', xFilesFactor: 0 };
const tenSeconds: StorageSchema = { retentions: [{ step: 10, retention: 8640 }, { step: 3600, retention: 8760 }], aggregation: 'average', xFilesFactor: 0.5 };

function rows(names: readonly string[]): CheckpointSeries[] {
  return names.map((name, i) => ({
    hi: (i * 2654435761) >>> 0,
    lo: (i * 40503 + 7) >>> 0,
    name,
    schema: i % 2 === 0 ? minute : tenSeconds,
    registered: i % 3 !== 0,
    persistedLastWrite: i === 0 ? -Infinity : 1796000000 + i,
  }));
}

function roundTrip(names: readonly string[]): void {
  const written = rows(names);
  const read = decodeSeriesCheckpoint(encodeSeriesCheckpoint(written));
  assert.ok(read !== null);
  assert.equal(read.size, written.length);
  for (const s of written) assert.deepEqual(read.get(s.hi, s.lo), s);
}

test('a series checkpoint gives back every series with its name, schema and state', () => {
  roundTrip(['a.b.c', 'servers.web01.cpu', 'disk;dc=eu;host=h1', '', 'x'.repeat(70_000)]);
});

test('names outside ASCII keep their bytes and their neighbours theirs', () => {
  roundTrip(['température.salle', 'a.b', 'ключ.значение;tag=ü', '指标.中文', 'z']);
});

test('an empty checkpoint reads as no series; a checkpoint of another version as none at all', () => {
  assert.equal(decodeSeriesCheckpoint(encodeSeriesCheckpoint([]))?.size, 0);
  const bytes = encodeSeriesCheckpoint(rows(['a']));
  const other = Uint8Array.from(bytes);
  other[0] = 1;
  assert.equal(decodeSeriesCheckpoint(other), null);
  assert.equal(decodeSeriesCheckpoint(new Uint8Array(0)), null);
});
