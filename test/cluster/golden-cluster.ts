import { TestCluster, type TestClusterOptions } from '../helpers/cluster.js';
import { SAMPLE_DATA, GOLDEN_NOW } from '../helpers/golden-data.js';
import { sendCarbon, waitForCount, waitForLeaves } from '../helpers/carbon-send.js';
import { sampleNames } from '../helpers/find-replay.js';
import { Relay } from '../helpers/relay.js';
import { freePorts } from '../helpers/free-ports.js';
import { relayConfig } from './relay-routes.js';
import { readCaptureIndex } from '../helpers/render-compare.js';

/** A three-node cluster holding the golden sample data, fed through carbon-c-relay. */
export interface GoldenCluster {
  readonly cluster: TestCluster;
  readonly relay: Relay;
  destroy(): Promise<void>;
}

/**
 * Three nodes, clocks at the sample data's NOW, replication 2 behind carbon-c-relay (carbon_ch),
 * as in production: the sample data goes through the relay; resolves once every point has
 * been accepted by its two owners and the index lists every series. `opts` adds to the nodes'
 * configuration (a topology, a shared store).
 */
export async function startGoldenCluster(opts: Pick<TestClusterOptions, 'config' | 'perNode'> = {}): Promise<GoldenCluster> {
  const cluster = await TestCluster.start({ ...opts, now: GOLDEN_NOW, replicas: 2, config: { ...SAMPLE_DATA.rules, ...opts.config } });
  let relay: Relay | undefined;
  try {
    const [port] = await freePorts(1);
    relay = await Relay.start(relayConfig('carbon_ch', 2, cluster.nodes.map((n) => ({ host: '127.0.0.1', port: n.carbonPort, name: n.name }))), port);
    const text = SAMPLE_DATA.plaintext();
    const lines = text.reduce((n, b) => (b === 0x0a ? n + 1 : n), 0);
    await sendCarbon(relay.address, text);
    const accepted = async () => (await Promise.all(cluster.nodes.map((n) => n.command('counter', 'ingest.tcp.points_accepted')))).reduce((a: number, b) => a + Number(b), 0);
    await waitForCount('points the relay delivered', accepted, 2 * lines);
    await waitForLeaves(cluster.node('a').url, sampleNames().length);
  } catch (err) {
    await relay?.stop();
    await cluster.destroy();
    throw err;
  }
  const started = relay;
  return {
    cluster,
    relay: started,
    destroy: async () => {
      await started.stop();
      await cluster.destroy();
    },
  };
}

/** A replay check: fails an answer that says it is partial. */
export const noPartial = (name: string, headers: Headers) => (headers.has('x-carbyne-partial') ? `${name}: partial answer (${headers.get('x-carbyne-partial')})` : null);

/** graphite-web's captured renders (test/fixtures/render/golden). */
export const DIR = 'test/fixtures/render/golden';
export const index = readCaptureIndex(DIR);
/**
 * The captures a cluster node replays: Grafana's are render.grafana.test.ts's; `local=1` asks
 * one node for its own data only and is replayed separately, against an owner.
 */
export const NAMES = Object.keys(index.requests).filter((n) => !n.startsWith('grafana_') && n !== 'local');
