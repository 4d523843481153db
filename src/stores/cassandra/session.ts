import cassandra from 'cassandra-driver';
import { BackendMonitor, type BackendHealth } from '../../lib/backend-monitor.js';
import type { Logger } from '../../lib/logger.js';
import type { Stats } from '../../lib/stats.js';
import { CarbyneRetryPolicy } from './retry-policy.js';

export type Consistency = 'any' | 'one' | 'two' | 'three' | 'quorum' | 'all' | 'localQuorum' | 'eachQuorum' | 'localOne';

/** The connection settings (config `cassandra.*`). */
export interface CassandraOptions {
  readonly contactPoints: readonly string[];
  readonly port: number;
  readonly localDataCenter: string;
  readonly keyspace: string;
  readonly username?: string;
  readonly password?: string;
  readonly consistency: { readonly read: Consistency; readonly write: Consistency };
  readonly requestTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly retries: number;
  readonly maxRequestsInFlight: number;
  readonly connectionsPerHost: number;
  readonly pageSize: number;
}

export interface SessionDeps {
  readonly stats: Stats;
  readonly logger: Logger;
}

export type Params = readonly unknown[];
export type Row = cassandra.types.Row;

/** A statement of a batch (one partition's rows written together). */
export interface Statement {
  readonly query: string;
  readonly params: Params;
}

/**
 * One cassandra-driver client, as every Cassandra part of carbyne uses it: prepared statements,
 * token-aware routing over DC-aware round robin (requests go to a replica in the local data
 * center), the configured consistency for reads and writes, a client-side timeout per request,
 * retries on the next host (every statement carbyne sends is idempotent), a bound on requests
 * in flight, paging, and failures turned into BackendUnavailableError (503) by the monitor.
 */
export class CassandraSession {
  readonly monitor: BackendMonitor;

  private constructor(
    readonly client: cassandra.Client,
    readonly options: CassandraOptions,
    deps: SessionDeps,
  ) {
    this.monitor = new BackendMonitor('cassandra', deps.stats, { maxInFlight: options.maxRequestsInFlight, describe: describeCassandraError });
  }

  /** Connects (the driver reads the ring and the schema); a cluster that cannot be reached is a BackendUnavailableError. */
  static async connect(options: CassandraOptions, deps: SessionDeps): Promise<CassandraSession> {
    const { loadBalancing, retry } = cassandra.policies;
    const client = new cassandra.Client({
      contactPoints: [...options.contactPoints],
      localDataCenter: options.localDataCenter,
      protocolOptions: { port: options.port },
      socketOptions: { readTimeout: options.requestTimeoutMs, connectTimeout: options.connectTimeoutMs },
      pooling: {
        coreConnectionsPerHost: { [cassandra.types.distance.local]: options.connectionsPerHost, [cassandra.types.distance.remote]: 1 },
      },
      policies: {
        loadBalancing: new loadBalancing.TokenAwarePolicy(new loadBalancing.DCAwareRoundRobinPolicy(options.localDataCenter)),
        retry: new CarbyneRetryPolicy(options.retries) as unknown as InstanceType<typeof retry.RetryPolicy>,
      },
      queryOptions: { prepare: true, fetchSize: options.pageSize, isIdempotent: true },
      encoding: { useBigIntAsLong: true, useUndefinedAsUnset: true },
      ...(options.username !== undefined ? { authProvider: new cassandra.auth.PlainTextAuthProvider(options.username, options.password ?? '') } : {}),
    });
    const session = new CassandraSession(client, options, deps);
    client.on('log', (level: string, source: string, message: string) => {
      if (level === 'warning') deps.logger.warn({ backend: 'cassandra', source }, message);
    });
    try {
      await session.monitor.call(() => client.connect());
    } catch (err) {
      await client.shutdown().catch(() => undefined);
      throw err;
    }
    return session;
  }

  get keyspace(): string {
    return this.options.keyspace;
  }

  /** One page of a read (the driver's fetch size unless given); `pageState` continues a previous one. */
  read(query: string, params: Params, opts: { fetchSize?: number; pageState?: string } = {}): Promise<cassandra.types.ResultSet> {
    return this.monitor.call(() =>
      this.client.execute(query, params as unknown[], {
        prepare: true,
        isIdempotent: true,
        consistency: cassandra.types.consistencies[this.options.consistency.read],
        ...(opts.fetchSize !== undefined ? { fetchSize: opts.fetchSize } : {}),
        ...(opts.pageState !== undefined ? { pageState: opts.pageState } : {}),
      }),
    );
  }

  /** Every row of a read, page after page. */
  async readAll(query: string, params: Params, fetchSize?: number): Promise<Row[]> {
    const rows: Row[] = [];
    let pageState: string | undefined;
    do {
      const page = await this.read(query, params, { fetchSize, pageState });
      for (const row of page.rows) rows.push(row);
      pageState = page.pageState ?? undefined;
    } while (pageState);
    return rows;
  }

  /** One write (idempotent: retried on a timeout). */
  async write(query: string, params: Params): Promise<void> {
    await this.monitor.call(() =>
      this.client.execute(query, params as unknown[], { prepare: true, isIdempotent: true, consistency: cassandra.types.consistencies[this.options.consistency.write] }),
    );
  }

  /** Statements of one partition in one unlogged batch: one mutation on the replicas. */
  async writeBatch(statements: readonly Statement[]): Promise<void> {
    if (statements.length === 1) return this.write(statements[0].query, statements[0].params);
    await this.monitor.call(() =>
      this.client.batch(
        statements.map((s) => ({ query: s.query, params: s.params as unknown[] })),
        { prepare: true, logged: false, isIdempotent: true, consistency: cassandra.types.consistencies[this.options.consistency.write] },
      ),
    );
  }

  /** A schema statement (DDL), waiting for the cluster to agree on the schema. */
  async schema(query: string): Promise<void> {
    await this.monitor.call(() => this.client.execute(query, [], { prepare: false, consistency: cassandra.types.consistencies.all }));
  }

  health(): BackendHealth {
    return this.monitor.health();
  }

  async close(): Promise<void> {
    await this.client.shutdown();
  }
}

/** Cassandra's or the driver's reason, short enough for a 503 body; null for errors that are not the backend's. */
export function describeCassandraError(err: unknown): string | null {
  if (!(err instanceof cassandra.errors.DriverError)) return null;
  if (err instanceof cassandra.errors.NoHostAvailableError) {
    const inner = Object.entries((err.innerErrors ?? {}) as Record<string, unknown>);
    if (inner.length === 0) return 'no host is available (every node is down or unreachable)';
    return `no host answered: ${inner.map(([host, e]) => `${host}: ${innerReason(e)}`).join('; ')}`;
  }
  if (err instanceof cassandra.errors.OperationTimedOutError) return `request timed out (${err.message})`;
  if (err instanceof cassandra.errors.ResponseError) return `${responseKind(err.code)}: ${err.message}`;
  return err.message;
}

function innerReason(e: unknown): string {
  if (e instanceof cassandra.errors.ResponseError) return `${responseKind(e.code)}: ${e.message}`;
  if (e instanceof Error) return e.message;
  return String(e);
}

const RESPONSE_KINDS: Record<number, string> = {
  [cassandra.types.responseErrorCodes.unavailableException]: 'not enough replicas alive',
  [cassandra.types.responseErrorCodes.overloaded]: 'node overloaded',
  [cassandra.types.responseErrorCodes.isBootstrapping]: 'node bootstrapping',
  [cassandra.types.responseErrorCodes.writeTimeout]: 'write timed out on the replicas',
  [cassandra.types.responseErrorCodes.readTimeout]: 'read timed out on the replicas',
  [cassandra.types.responseErrorCodes.serverError]: 'server error',
  [cassandra.types.responseErrorCodes.invalid]: 'invalid request (is the schema applied? carbyne schema cassandra --apply)',
};

function responseKind(code: number): string {
  return RESPONSE_KINDS[code] ?? `error 0x${code.toString(16)}`;
}
