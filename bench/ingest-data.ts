/** Input for the ingest benchmarks: what carbon senders write, made deterministically. */
import { execFileSync } from 'node:child_process';
import { prng } from './prng.js';

const METRICS = ['cpu.user', 'cpu.system', 'cpu.iowait', 'mem.used', 'mem.free', 'disk.read_bytes', 'disk.write_bytes', 'net.rx', 'net.tx', 'load.1m'];

/**
 * `lines` carbon plaintext lines from 10 000 series, 2-decimal values and integer timestamps:
 * `servers.dc2.host0042.cpu.user 12.34 1795316580` (5 segments), or with `tagged` the
 * tagged form `cpu.user;dc=dc2;host=host0042;env=prod 12.34 1795316580`.
 */
export function plaintextStream(lines: number, tagged: boolean): Buffer {
  const rnd = prng(42);
  const parts: string[] = [];
  for (let i = 0; i < lines; i++) {
    const series = i % 10_000;
    const host = `host${String(series % 1000).padStart(4, '0')}`;
    const dc = `dc${series % 4}`;
    const metric = METRICS[Math.floor(series / 1000)];
    const value = (rnd() * 1000).toFixed(2);
    const ts = 1795316580 + Math.floor(i / 10_000) * 10;
    parts.push(tagged ? `${metric};dc=${dc};host=${host};env=prod ${value} ${ts}\n` : `servers.${dc}.${host}.${metric} ${value} ${ts}\n`);
  }
  return Buffer.from(parts.join(''));
}

/** the stream cut into reads of about `size` bytes, cut anywhere (mid-line too), as a socket delivers it */
export function socketReads(stream: Buffer, size: number): Buffer[] {
  const reads: Buffer[] = [];
  for (let i = 0; i < stream.length; i += size) reads.push(Buffer.from(stream.subarray(i, i + size)));
  return reads;
}

/**
 * Carbon pickle frame bodies as Python's pickle writes them (what carbon-relay and Python
 * clients send): `points` points from 10 000 series, `perFrame` to a frame.
 */
export function pickleFrames(points: number, perFrame: number, protocol: number): Buffer[] {
  const script = `
import pickle, random, struct, sys
points, per_frame, protocol = map(int, sys.argv[1:4])
rnd = random.Random(42)
metrics = ${JSON.stringify(METRICS)}
out = sys.stdout.buffer
batch = []
for i in range(points):
    s = i % 10000
    batch.append(('servers.dc%d.host%04d.%s' % (s % 4, s % 1000, metrics[s // 1000]), (1795316580 + (i // 10000) * 10, round(rnd.random() * 1000, 2))))
    if len(batch) == per_frame or i == points - 1:
        body = pickle.dumps(batch, protocol=protocol)
        out.write(struct.pack('!L', len(body)) + body)
        batch = []
`;
  const all = execFileSync('/usr/bin/python3', ['-c', script, String(points), String(perFrame), String(protocol)], { maxBuffer: 1 << 30 });
  const frames: Buffer[] = [];
  for (let i = 0; i < all.length; ) {
    const n = all.readUInt32BE(i);
    frames.push(all.subarray(i + 4, i + 4 + n));
    i += 4 + n;
  }
  return frames;
}
