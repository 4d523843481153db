/**
 * The ingest parsers, in lines (or points) per CPU-second: carbon plaintext as socket reads
 * deliver it, against the simplest alternative (split + parseFloat) in the same run; carbon pickle
 * frames as Python's pickle writes them; and the TCP plaintext listener fed by another
 * process (this process's CPU only, a writer that keeps nothing), to see what sockets add.
 */
import type { PointHandler } from '../src/ingest/point-handler.js';
import { type Benchmark, type Figure, cpuSeconds, figure } from './harness.js';
import { PlaintextParser } from '../src/ingest/plaintext-parser.js';
import { plaintextStream, socketReads, pickleFrames } from './ingest-data.js';
import { decodeCarbonPickle } from '../src/ingest/pickle/carbon-pickle.js';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plaintextTcpListener } from '../src/ingest/listeners/plaintext-tcp.js';
import { type PointWriter, WriteStatus } from '../src/engine/point-writer.js';
import { Stats } from '../src/lib/stats.js';
import { silentLogger } from '../src/lib/logger.js';

/** keeps nothing: the listener's own cost is what is measured */
class CountingWriter implements PointWriter {
  written = 0;
  write(): WriteStatus {
    this.written++;
    return WriteStatus.Accepted;
  }
  commit(): void {}
}

/** Lines per CPU-second of this process while another process sends `stream` over one TCP connection. */
async function tcpListenerRate(stream: Buffer, lines: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'carbyne-bench-'));
  const file = join(dir, 'stream.txt');
  writeFileSync(file, stream);
  const writer = new CountingWriter();
  const listener = plaintextTcpListener({ host: '127.0.0.1', port: 0 }, 8192, { writer, stats: new Stats(), log: silentLogger });
  await listener.start();
  try {
    const port = Number(listener.address().split(':').pop());
    const sender = `const s = require('net').connect(${port}, '127.0.0.1', () => s.end(require('fs').readFileSync(${JSON.stringify(file)}))); s.resume();`;
    const { cpu } = await cpuSeconds(
      () =>
        new Promise<void>((resolve, reject) => {
          const child = spawn(process.execPath, ['-e', sender], { stdio: 'ignore' });
          child.on('error', reject);
          const poll = setInterval(() => {
            if (writer.written >= lines) {
              clearInterval(poll);
              resolve();
            }
          }, 2);
        }),
    );
    return lines / cpu;
  } finally {
    await listener.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** counts and sums what it is given, so no work can be optimised away */
class Tally implements PointHandler {
  points = 0;
  rejected = 0;
  sum = 0;
  chars = 0;
  point(name: string, value: number, timestamp: number): void {
    this.points++;
    this.sum += value + timestamp;
    this.chars += name.length;
  }
  reject(): void {
    this.rejected++;
  }
}

/** The simplest parser one would write: decode, split lines, split fields, parseFloat(). */
class SplitParser {
  private partial = '';
  constructor(private readonly handler: PointHandler) {}
  push(chunk: Buffer): void {
    const lines = (this.partial + chunk.toString('utf8')).split('\n');
    this.partial = lines.pop() ?? '';
    for (let n = 0; n < lines.length; n++) {
      const fields = lines[n].trim().split(/\s+/);
      if (fields[0] === '') continue;
      if (fields.length < 2 || fields.length > 3) {
        this.handler.reject('fields', lines[n], n);
        continue;
      }
      const value = parseFloat(fields[1]);
      const timestamp = fields.length === 3 ? Math.trunc(parseFloat(fields[2])) : -1;
      if (Number.isNaN(value) || Number.isNaN(timestamp)) this.handler.reject('value', lines[n], n);
      else this.handler.point(fields[0], value, timestamp, n);
    }
  }
}

async function plaintextRate(reads: Buffer[], lines: number, make: (h: Tally) => { push(b: Buffer): void }, rounds: number): Promise<number> {
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    const tally = new Tally();
    const parser = make(tally);
    const { cpu } = await cpuSeconds(() => {
      for (const b of reads) parser.push(b);
    });
    if (tally.points !== lines) throw new Error(`parsed ${tally.points} of ${lines} lines`);
    best = Math.max(best, lines / cpu);
  }
  return best;
}

export const benchmark: Benchmark = {
  name: 'ingest-parse',
  async run(ctx) {
    const lines = ctx.quick ? 300_000 : 2_000_000;
    const rounds = ctx.quick ? 3 : 5;
    const figures: Figure[] = [];
    for (const tagged of [false, true]) {
      const reads = socketReads(plaintextStream(lines, tagged), 64 * 1024);
      const mine = await plaintextRate(reads, lines, (h) => new PlaintextParser(h, 8192), rounds);
      const simple = await plaintextRate(reads, lines, (h) => new SplitParser(h), rounds);
      const kind = tagged ? 'tagged' : 'plain 5-segment';
      figures.push(figure(`plaintext lines/cpu-s (${kind})`, mine, 'lines/s', { name: 'split+parseFloat', value: simple }));
    }
    const stream = plaintextStream(lines, false);
    let tcp = 0;
    for (let r = 0; r < rounds; r++) tcp = Math.max(tcp, await tcpListenerRate(stream, lines));
    figures.push(figure('tcp listener lines/cpu-s (plain 5-segment, server side)', tcp, 'lines/s'));

    const points = ctx.quick ? 200_000 : 1_000_000;
    for (const protocol of [2, 4]) {
      const frames = pickleFrames(points, 500, protocol);
      let best = 0;
      for (let r = 0; r < rounds; r++) {
        const tally = new Tally();
        const { cpu } = await cpuSeconds(() => {
          for (const f of frames) decodeCarbonPickle(f, tally);
        });
        if (tally.points !== points) throw new Error(`decoded ${tally.points} of ${points} points`);
        best = Math.max(best, points / cpu);
      }
      figures.push(figure(`pickle points/cpu-s (protocol ${protocol}, 500 per frame)`, best, 'points/s'));
    }
    return figures;
  },
};
