// Starts a CQL test server and a real cassandra-driver client on it, for the tests of the server.

import cassandra from 'cassandra-driver';
import { type CqlServerOptions, type CqlTestServer, startCqlServer } from './cql/index.js';

export type Client = cassandra.Client;

export interface Session {
  server: CqlTestServer;
  client: cassandra.Client;
  /** Runs a statement with bound values, prepared. */
  run(query: string, params?: unknown[], opts?: cassandra.QueryOptions): Promise<cassandra.types.ResultSet>;
}

export function newClient(server: CqlTestServer, extra: Partial<cassandra.ClientOptions> = {}): cassandra.Client {
  return new cassandra.Client({
    ...server.clientOptions(),
    encoding: { useBigIntAsLong: true, useBigIntAsVarint: true },
    ...extra,
  });
}

/** A fresh server with keyspace `ks` and a connected client whose session keyspace is `ks`. */
export async function withSession(fn: (s: Session) => Promise<void>, opts: CqlServerOptions & { client?: Partial<cassandra.ClientOptions> } = {}): Promise<void> {
  const server = await startCqlServer(opts);
  const setup = newClient(server);
  let client: cassandra.Client | null = null;
  try {
    await setup.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    await setup.shutdown();
    client = newClient(server, { keyspace: 'ks', ...opts.client });
    await client.connect();
    const c = client;
    await fn({ server, client: c, run: (q, p = [], o = {}) => c.execute(q, p, { prepare: true, ...o }) });
  } finally {
    await setup.shutdown().catch(() => {});
    await client?.shutdown().catch(() => {});
    await server.close();
  }
}

export const { types } = cassandra;
export { cassandra };
