import { connect } from 'node:net';
import type { AppOptions } from '../../src/app.js';
import type { ConfigInput } from '../../src/config/schema.js';
import { WriteStatus } from '../../src/ingest/point-writer.js';
import { ManualClock } from '../../src/lib/clock.js';
import { startTestApp } from './app.js';
import { GOLDEN_NOW, GOLDEN_RULES, samplePlaintext } from './golden-data.js';

export type GoldenApp = Awaited<ReturnType<typeof startTestApp>> & {
  /** the app's clock, pinned at GOLDEN_NOW */
  readonly clock: ManualClock;
  /** how many golden points were written (every line of the sample) */
  readonly points: number;
  /**
   * Flushes every hot chunk, open windows included, to the store: from then on every read is
   * served by stored chunks (hot ones hold nothing until something new is written).
   */
  persist(): Promise<void>;
};

export interface GoldenAppOptions {
  /** config keys beside the golden storage rules (limits, ...) */
  readonly config?: ConfigInput;
  /** app parts to replace (render functions) */
  readonly app?: Omit<AppOptions, 'config' | 'clock'>;
  /**
   * How the points get in: `writer` hands them to the engine's PointWriter in-process (fast);
   * `carbon` sends the plaintext over the carbon TCP listener, as a carbon relay would.
   */
  readonly via?: 'writer' | 'carbon';
  /** flush everything to the store once loaded, so reads are persisted-only */
  readonly persisted?: boolean;
}

/**
 * The real app (engine, LMDB store, index, render) with its clock at GOLDEN_NOW and the golden
 * storage rules, fed test/fixtures/oracle/sample-points.txt.gz: the same points the oracle's
 * whisper files hold, so every answer can be compared with graphite-web's captured one.
 * Load it once per test file: it is 444,880 points.
 */
export async function startGoldenApp(opts: GoldenAppOptions = {}): Promise<GoldenApp> {
  const clock = new ManualClock(GOLDEN_NOW * 1000);
  const t = await startTestApp({ ...opts.config, ...GOLDEN_RULES }, clock, opts.app);
  try {
    const text = samplePlaintext();
    const points = opts.via === 'carbon' ? await sendOverCarbon(t, text) : writeInProcess(t.app.pointWriter, text);
    const golden: GoldenApp = {
      ...t,
      clock,
      points,
      persist: async () => {
        await t.app.storage.engine.flush({ all: true });
        if (t.app.storage.engine.hotBytes() !== 0) throw new Error('golden app: hot chunks remain after a full flush');
      },
    };
    if (opts.persisted) await golden.persist();
    return golden;
  } catch (err) {
    await t.destroy();
    throw err;
  }
}

/** Every line through PointWriter.write, committed in batches as a listener commits socket reads. */
function writeInProcess(writer: { write(name: string, value: number, ts: number): WriteStatus; commit(): void }, text: Buffer): number {
  const lines = text.toString('latin1').split('\n');
  let n = 0;
  for (const line of lines) {
    if (line === '') continue;
    const a = line.indexOf(' ');
    const b = line.indexOf(' ', a + 1);
    const status = writer.write(line.slice(0, a), Number(line.slice(a + 1, b)), Number(line.slice(b + 1)));
    if (status !== WriteStatus.Accepted) throw new Error(`golden point refused (status ${status}): ${line}`);
    if (++n % 4096 === 0) writer.commit();
  }
  writer.commit();
  return n;
}

/** The plaintext over carbon TCP; resolves once the listener has accepted every line. */
async function sendOverCarbon(t: Awaited<ReturnType<typeof startTestApp>>, text: Buffer): Promise<number> {
  const address = t.addresses.carbon;
  if (!address) throw new Error('golden app: no carbon listener');
  const expected = text.reduce((n, byte) => (byte === 0x0a ? n + 1 : n), 0);
  const [host, port] = [address.slice(0, address.lastIndexOf(':')), Number(address.slice(address.lastIndexOf(':') + 1))];
  await new Promise<void>((resolve, reject) => {
    const socket = connect(port, host, () => socket.end(text));
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
  const accepted = t.app.stats.counter('ingest.tcp.points_accepted');
  const received = t.app.stats.counter('ingest.tcp.received');
  // the listener reads the socket to its end after the client has closed: wait for it
  for (let waited = 0; received.value < expected; waited += 20) {
    if (waited > 120_000) throw new Error(`golden app: ${received.value} of ${expected} lines received over carbon`);
    await new Promise((r) => setTimeout(r, 20));
  }
  if (accepted.value !== expected) throw new Error(`golden app: ${accepted.value} of ${expected} lines accepted over carbon`);
  return expected;
}
