import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PlaintextUdpListener } from '../../../src/ingest/listeners/plaintext-udp.js';
import { Stats } from '../../../src/lib/stats.js';
import { silentLogger } from '../../../src/lib/logger.js';
import { RecordingWriter } from '../../helpers/recording-writer.js';
import { sendDatagrams } from './sockets.js';

test('UDP: each datagram is a batch of lines, the last without its newline too; bad lines counted', async () => {
  const writer = new RecordingWriter();
  const stats = new Stats();
  const listener = new PlaintextUdpListener({ host: '127.0.0.1', port: 0 }, 100, { writer, stats, log: silentLogger });
  await listener.start();
  const counter = (name: string) => stats.collect().find((s) => s.name === `ingest.udp.${name}`)?.value ?? 0;
  try {
    await sendDatagrams(listener.address(), [
      Buffer.from('a.b 1 1795316580\na.c 2 1795316580\n'),
      Buffer.from('d.e 3 1795316581\r\nbroken\nf.g 4'),
      Buffer.from(`${'z'.repeat(200)} 1 1\nh.i 5 1795316582`),
      // a line is never continued from one datagram to the next
      Buffer.from('split.'),
      Buffer.from('name 6 1'),
    ]);
    // 6 points from 5 datagrams; UDP on loopback does not lose them
    await writer.waitFor(6);
    while (counter('datagrams') < 5) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(
      writer.committed.map((p) => `${p.name} ${p.value} ${p.timestamp}`),
      ['a.b 1 1795316580', 'a.c 2 1795316580', 'd.e 3 1795316581', 'f.g 4 -1', 'h.i 5 1795316582', 'name 6 1'],
    );
    assert.equal(writer.commits, 4);
    assert.equal(counter('points_accepted'), 6);
    assert.equal(counter('rejected.fields'), 2);
    assert.equal(counter('rejected.too_long'), 1);
    assert.equal(counter('datagrams'), 5);
  } finally {
    await listener.stop();
  }
});
