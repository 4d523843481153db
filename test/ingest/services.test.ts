import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp } from '../helpers/app.js';
import { RecordingWriter } from '../helpers/recording-writer.js';
import { Stats } from '../../src/lib/stats.js';
import { sendAll, sendDatagrams } from './listeners/sockets.js';

test('the app runs the carbon listeners the config turns on, writing to its PointWriter', async () => {
  const writer = new RecordingWriter();
  const stats = new Stats();
  const t = await startTestApp({}, undefined, { pointWriter: writer, stats });
  try {
    const { carbon, carbonUdp, pickle } = t.addresses;
    assert.ok(carbon && carbonUdp && pickle);
    await sendAll(carbon, [Buffer.from('via.tcp 1 1795316580\n')]);
    await writer.waitFor(1);
    await sendDatagrams(carbonUdp, [Buffer.from('via.udp 2 1795316580\n')]);
    await writer.waitFor(2);
    // a Python 2 style protocol 0 pickle of [('via.pickle', (1795316580, 3.0))]
    const pickled = Buffer.from("(lp0\n(S'via.pickle'\np1\n(I1795316580\nF3.0\ntp2\ntp3\na.", 'latin1');
    const header = Buffer.alloc(4);
    header.writeUInt32BE(pickled.length);
    await sendAll(pickle, [header, pickled]);
    await writer.waitFor(3);
    assert.deepEqual(writer.committed.map((p) => [p.name, p.value]), [['via.tcp', 1], ['via.udp', 2], ['via.pickle', 3]]);
    const names = stats.collect().map((s) => s.name);
    for (const prefix of ['ingest.tcp', 'ingest.udp', 'ingest.pickle']) assert.ok(names.includes(`${prefix}.points_accepted`), prefix);
  } finally {
    await t.destroy();
  }
});

test('listeners the config turns off are not started', async () => {
  const writer = new RecordingWriter();
  const t = await startTestApp({ carbon: { listen: '127.0.0.1:0', udp: false }, pickle: { enabled: false } }, undefined, { pointWriter: writer });
  try {
    assert.ok(t.addresses.carbon);
    assert.equal(t.addresses.carbonUdp, undefined);
    assert.equal(t.addresses.pickle, undefined);
  } finally {
    await t.destroy();
  }
  const none = await startTestApp({}, undefined, {});
  try {
    assert.deepEqual([none.addresses.carbon, none.addresses.carbonUdp, none.addresses.pickle], [undefined, undefined, undefined]);
  } finally {
    await none.destroy();
  }
});
