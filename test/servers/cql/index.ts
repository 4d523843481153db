// Starting a CQL test server (one node, or several on 127.0.0.1, 127.0.0.2, ... sharing one port
// and one data set, as the driver reaches every peer on the port it was given), and the switch
// that points suites at a real cluster instead (CARBYNE_TEST_CASSANDRA).

import { createHash } from 'node:crypto';
import { CqlCluster, TestClock } from './cluster.js';
import { CqlNode } from './node.js';
import { MAX_TOKEN, MIN_TOKEN } from './murmur3.js';
import type { NodeInfo } from './system-tables.js';
import { freePort } from '../../helpers/oracle.js';

export { CqlCluster, TestClock } from './cluster.js';
export { CqlNode } from './node.js';
export type { FaultRule } from './faults.js';
export { murmur3Token } from './murmur3.js';

export interface CqlServerOptions {
  /** Number of nodes (default 1); node i listens on 127.0.0.(i+1). */
  nodes?: number;
  /** Data center of every node (default `datacenter1`, Cassandra's default). */
  datacenter?: string;
  /** Start the clock at this time (ms); default: the real time, moved only by the test. */
  clockMs?: number;
}

export interface CqlTestServer {
  readonly contactPoints: string[];
  readonly port: number;
  readonly localDataCenter: string;
  readonly clock: TestClock;
  readonly cluster: CqlCluster;
  readonly nodes: CqlNode[];
  /** Options for `new cassandra.Client(...)` reaching this server. */
  clientOptions(): { contactPoints: string[]; localDataCenter: string; protocolOptions: { port: number } };
  close(): Promise<void>;
}

function hostId(address: string): Buffer {
  const id = createHash('md5').update(`host:${address}`).digest();
  id[6] = (id[6] & 0x0f) | 0x40;
  id[8] = (id[8] & 0x3f) | 0x80;
  return id;
}

/** Evenly spaced tokens, one per node, as a balanced single-token ring would have them. */
function tokenOf(i: number, n: number): bigint {
  const span = MAX_TOKEN - MIN_TOKEN;
  return MIN_TOKEN + (span / BigInt(n)) * BigInt(i) + span / BigInt(2 * n);
}

export async function startCqlServer(opts: CqlServerOptions = {}): Promise<CqlTestServer> {
  const n = opts.nodes ?? 1;
  const dc = opts.datacenter ?? 'datacenter1';
  const clock = new TestClock(opts.clockMs);
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const cluster = new CqlCluster(clock, [dc]);
    const infos: NodeInfo[] = Array.from({ length: n }, (_, i) => ({
      address: `127.0.0.${i + 1}`,
      port,
      datacenter: dc,
      rack: 'rack1',
      hostId: hostId(`127.0.0.${i + 1}`),
      tokens: [tokenOf(i, n)],
    }));
    const nodes = infos.map((info) => new CqlNode(cluster, info));
    nodes.forEach((node, i) => node.setPeers(infos.filter((_, j) => j !== i)));
    try {
      for (const node of nodes) await node.listen();
    } catch (e) {
      await Promise.all(nodes.map((node) => node.stop()));
      // the port was free on 127.0.0.1 but could be taken on another address: try another
      if (attempt < 5 && (e as NodeJS.ErrnoException).code === 'EADDRINUSE') continue;
      throw e;
    }
    return {
      contactPoints: [infos[0].address],
      port,
      localDataCenter: dc,
      clock,
      cluster,
      nodes,
      clientOptions: () => ({ contactPoints: [infos[0].address], localDataCenter: dc, protocolOptions: { port } }),
      close: async () => {
        await Promise.all(nodes.map((node) => node.stop()));
      },
    };
  }
}

export interface CqlTarget {
  /** A description for test names and skip messages. */
  readonly name: string;
  clientOptions(): { contactPoints: string[]; localDataCenter: string; protocolOptions: { port: number } };
  /** The test server's controls; null against a real cluster. */
  readonly server: CqlTestServer | null;
  close(): Promise<void>;
}

/**
 * What a store suite runs against: the cluster `CARBYNE_TEST_CASSANDRA` names
 * (`host[:port]`, data center from `CARBYNE_TEST_CASSANDRA_DC`, default `datacenter1`), else a
 * fresh test server. Tests that need the server's controls (clock, faults) skip on a real one.
 */
export async function cqlTarget(opts: CqlServerOptions = {}): Promise<CqlTarget> {
  const real = process.env.CARBYNE_TEST_CASSANDRA;
  if (real) {
    const [host, port] = real.split(':');
    const dc = process.env.CARBYNE_TEST_CASSANDRA_DC ?? 'datacenter1';
    return {
      name: `cassandra at ${real}`,
      clientOptions: () => ({ contactPoints: [host], localDataCenter: dc, protocolOptions: { port: Number(port ?? 9042) } }),
      server: null,
      close: async () => {},
    };
  }
  const server = await startCqlServer(opts);
  return { name: 'CQL test server', clientOptions: server.clientOptions, server, close: server.close };
}
