// Starting an Elasticsearch test server on a loopback port, and the switch that points suites at
// a real cluster instead (CARBYNE_TEST_ELASTICSEARCH).

import { EsTestServer } from './server.js';

export { EsTestServer, type EsFaultRule, EsFaults, VERSION } from './server.js';
export { luceneRegexp, wildcardRegexp } from './patterns.js';

export interface EsServerOptions {
  /** The clock refresh intervals, scroll and point-in-time keep-alives run by (default Date.now). */
  nowMs?: () => number;
}

export async function startElasticsearchServer(opts: EsServerOptions = {}): Promise<EsTestServer> {
  const s = new EsTestServer(opts.nowMs);
  await s.listen();
  return s;
}

export interface EsTarget {
  readonly name: string;
  /** The node URL for `new Client({ node })`. */
  readonly node: string;
  /** The test server's controls; null against a real cluster. */
  readonly server: EsTestServer | null;
  close(): Promise<void>;
}

/**
 * What an index suite runs against: the cluster `CARBYNE_TEST_ELASTICSEARCH` names (a URL), else
 * a fresh test server. Tests that need the server's controls (faults) skip on a real one.
 */
export async function esTarget(opts: EsServerOptions = {}): Promise<EsTarget> {
  const real = process.env.CARBYNE_TEST_ELASTICSEARCH;
  if (real) return { name: `elasticsearch at ${real}`, node: real, server: null, close: async () => {} };
  const server = await startElasticsearchServer(opts);
  return { name: 'Elasticsearch test server', node: server.url, server, close: () => server.close() };
}
