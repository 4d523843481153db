import { connect } from 'node:net';
import type { AppOptions, CarbyneApp, ListeningAddresses } from '../../src/app.js';
import type { ConfigInput } from '../../src/config/schema.js';
import { WriteStatus, type PointWriter } from '../../src/engine/point-writer.js';
import { ManualClock } from '../../src/lib/clock.js';
import { startTestApp } from './app.js';
import { SAMPLE_DATA, type GoldenDataSet } from './golden-data.js';

export interface GoldenAppOptions {
  /** the points and rules to load; the oracle's sample data by default */
  readonly data?: GoldenDataSet;
  /** config keys beside the golden storage rules (limits, ...) */
  readonly config?: ConfigInput;
  /** app parts to replace (render functions) */
  readonly app?: Omit<AppOptions, 'config' | 'clock'>;
  /**
   * How the points get in: `writer` hands them to the engine's PointWriter in-process (fast);
   * `carbon` sends the plaintext over the carbon TCP listener, as a carbon relay would.
   */
  readonly via?: 'writer' | 'carbon';
}

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/**
 * The real app (engine, LMDB store, index, render) with its clock at the data set's NOW and its
 * storage rules, fed the data set's points (by default test/fixtures/oracle/sample-points.txt.gz):
 * the same points the oracle's whisper files hold, so every answer can be compared with
 * graphite-web's captured one. Start it once per test file (`startGoldenApp`): the sample data
 * is 444,880 points.
 */
export class GoldenApp {
  /** how many points went in (every line of the data set) */
  points = 0;

  private constructor(
    private current: TestApp,
    readonly data: GoldenDataSet,
    /** the app's clock, pinned at the data set's NOW */
    readonly clock: ManualClock,
    private readonly opts: GoldenAppOptions,
  ) {}

  static async start(opts: GoldenAppOptions = {}): Promise<GoldenApp> {
    const data = opts.data ?? SAMPLE_DATA;
    const clock = new ManualClock(data.now * 1000);
    const golden = new GoldenApp(await startApp(data, clock, opts), data, clock, opts);
    try {
      const text = golden.data.plaintext();
      golden.points = opts.via === 'carbon' ? await golden.sendOverCarbon(text) : writeInProcess(golden.app.pointWriter, text);
      // every series is in the index before the first request (a remote index is not instant)
      await golden.app.storage.engine.settled();
      return golden;
    } catch (err) {
      await golden.destroy();
      throw err;
    }
  }

  get app(): CarbyneApp {
    return this.current.app;
  }

  get url(): string {
    return this.current.url;
  }

  get addresses(): ListeningAddresses {
    return this.current.addresses;
  }

  get dataDir(): string {
    return this.current.dataDir;
  }

  /**
   * One regular flush round: the windows that have closed go to the store, the open ones stay
   * hot, so reads merge both. Fails unless some of each remain.
   */
  async flushClosedWindows(): Promise<void> {
    const outcome = await this.app.storage.engine.flush();
    if (outcome.chunks === 0) throw new Error('golden app: no closed window to flush');
    if (this.app.storage.engine.hotBytes() === 0) throw new Error('golden app: nothing left hot after a regular flush');
  }

  /**
   * Flushes every hot chunk, open windows included, to the store: from then on every read is
   * served by stored chunks (hot ones hold nothing until something new is written).
   */
  async persist(): Promise<void> {
    await this.app.storage.engine.flush({ all: true });
    if (this.app.storage.engine.hotBytes() !== 0) throw new Error('golden app: hot chunks remain after a full flush');
  }

  /** Closes the app (which flushes everything) and starts a new one on the same data directory. */
  async restart(): Promise<void> {
    await this.current.close();
    this.current = await startApp(this.data, this.clock, this.opts, this.current.dataDir);
  }

  async destroy(): Promise<void> {
    await this.current.destroy();
  }

  /** The plaintext over carbon TCP; resolves once the listener has accepted every line. */
  private async sendOverCarbon(text: Buffer): Promise<number> {
    const address = this.addresses.carbon;
    if (!address) throw new Error('golden app: no carbon listener');
    const expected = text.reduce((n, byte) => (byte === 0x0a ? n + 1 : n), 0);
    const colon = address.lastIndexOf(':');
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(address.slice(colon + 1)), address.slice(0, colon), () => socket.end(text));
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    // each socket read is parsed and committed at once: when every line has been received,
    // every accepted one has been committed
    const received = this.app.stats.counter('ingest.tcp.received');
    for (let waited = 0; received.value < expected; waited += 20) {
      if (waited > 120_000) throw new Error(`golden app: ${received.value} of ${expected} lines received over carbon`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const accepted = this.app.stats.counter('ingest.tcp.points_accepted').value;
    if (accepted !== expected) throw new Error(`golden app: ${accepted} of ${expected} lines accepted over carbon`);
    return expected;
  }
}

function startApp(data: GoldenDataSet, clock: ManualClock, opts: GoldenAppOptions, dataDir?: string): Promise<TestApp> {
  // restart() means a clean stop that persists everything, so "restarted" reads come from the
  // store; and flushes happen when a test asks (a timer's round on a busy machine would take the
  // closed windows before flushClosedWindows() does)
  const flush = { onStop: true, intervalMs: 24 * 3600_000, ...opts.config?.flush };
  return startTestApp({ ...opts.config, flush, ...data.rules, ...(dataDir ? { dataDir } : {}) }, clock, opts.app);
}

export function startGoldenApp(opts: GoldenAppOptions = {}): Promise<GoldenApp> {
  return GoldenApp.start(opts);
}

/** Every line through PointWriter.write, committed in batches as a listener commits socket reads. */
function writeInProcess(writer: PointWriter, text: Buffer): number {
  let n = 0;
  for (const line of text.toString('utf8').split('\n')) {
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
