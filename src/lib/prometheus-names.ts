import type { StatKind } from './stats.js';

/** How one of the server's figures is named and described in Prometheus. */
export interface PrometheusIdentity {
  /** the metric family: `carbyne_...`, `_total` for a counter, `_seconds` for a timer */
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly help: string;
  /** the family's label names, in order */
  readonly labelNames: readonly string[];
}

const NAMESPACE = 'carbyne_';

/** What each of carbyne's figures means, by its Graphite name (the self-metrics series under selfMetrics.prefix). */
const HELP: Readonly<Record<string, string>> = {
  'engine.points_accepted': 'Points the storage engine accepted (every protocol).',
  'engine.points_too_old': 'Points refused for being older than the longest retention of their series.',
  'engine.points_nan': 'Points dropped for a NaN value, as carbon drops them.',
  'engine.points_invalid_name': 'Points refused for an invalid metric name.',
  'engine.points_replayed': 'Points replayed from the write-ahead log at start-up.',
  'engine.points_restored': 'Points restored from the hot snapshot of a clean stop at start-up.',
  'engine.series_created': 'Series created (first point of a new name).',
  'engine.series_evicted': 'Idle series let go from memory past memory.seriesCacheSize (the registry keeps them).',
  'engine.series_removed': 'Series removed for good: dead past their longest retention, or deleted.',
  'engine.flushes': 'Flush rounds run (closed chunks written to the store).',
  'engine.chunks_flushed': 'Chunks written to the store.',
  'engine.bytes_flushed': 'Bytes of chunks written to the store.',
  'engine.flush_errors': 'Flush rounds that failed (the chunks stay hot and are tried again).',
  'engine.chunks_expired': 'Stored chunks removed past their retention.',
  'engine.chunks_dropped': 'Closed chunks let go unwritten because another writer of the shared store persisted their points (a replica in a shared-store cluster).',
  'engine.points_imported': 'Points written by an import (POST /import/whisper, carbyne import-whisper through the server).',
  'engine.series_imported': 'Series written by an import.',
  'cluster.forward.points_sent': 'Points forwarded to the nodes that own them.',
  'cluster.forward.points_dropped': 'Points for other nodes dropped because the queue held for them was full.',
  'cluster.forward.failures': 'Forwarding calls to another node that failed (retried while the queue holds the points).',
  'cluster.forward.points_invalid_name': 'Points refused for an invalid metric name before forwarding.',
  'cluster.forward.queued_points': 'Points waiting to be forwarded to other nodes.',
  'cluster.nodes_down': 'Other nodes of the cluster this node sees as down.',
  'cluster.partial_answers': 'Answers that lack the data of a node that did not answer (X-Carbyne-Partial).',
  'cluster.persist.takeover_chunks': 'Closed chunks this node persisted in place of their primary owner while it was away (shared store).',
  'cluster.repair.runs': 'Catch-up runs: fetches from the replicas after this node was away.',
  'cluster.repair.series': 'Series fetched from replicas while catching up.',
  'cluster.repair.points': 'Points fetched from replicas while catching up.',
  'engine.decoded_cache_hits': 'Stored chunk reads answered by the decoded chunk cache.',
  'engine.decoded_cache_misses': 'Stored chunk reads that had to decode.',
  'engine.series': 'Series held in memory: with hot data, or idle and kept for their next write or read.',
  'engine.series_idle': 'Series held in memory with nothing hot.',
  'engine.series_active': 'Series written to recently (hot).',
  'engine.hot_bytes': 'Bytes of hot (in-memory) chunks.',
  'engine.wal_bytes': 'Bytes of the write-ahead log on disk.',
  'engine.decoded_cache_bytes': 'Bytes held by the decoded chunk cache.',
  'render.value_pool_bytes': 'Bytes of spare buffers kept for renders to borrow: value arrays, chunk copies and answers (lib/value-pool.ts).',
  'engine.flush_ms': 'Time of one flush round.',
  'engine.ingest_pauses': 'Times ingest paused because the hot chunks or the write-ahead log reached their pause limits (the store slow or down).',
  'engine.ingest_paused': '1 while ingest is paused (TCP senders wait, UDP datagrams are dropped), else 0.',
  'index.series': 'Leaves (series) in the metric index.',
  'index.nodes': 'Nodes (branches and leaves) in the metric index.',
  'index.memory_bytes': "Bytes of the metric index's in-memory tree.",
  'index.series_registered': 'Series registered with the metric index.',
  'index.find_ms': 'Time of one find in the metric index.',
  'index.tagged_series': 'Tagged series in the tag index.',
  'index.tags_memory_bytes': "Bytes of the tag index's in-memory postings, interned tags and values and name table.",
};

/** The figures each ingest protocol counts (`ingest.<protocol>.<what>`). */
const INGEST_HELP: Readonly<Record<string, string>> = {
  received: 'Lines, items or points received, by protocol.',
  points_accepted: 'Points accepted and committed, by protocol.',
  points_dropped_nan: 'Points dropped for a NaN value, by protocol.',
  commit_errors: 'Batches whose commit to the storage engine failed, by protocol.',
  connections: 'Connections accepted, by protocol.',
  connections_open: 'Connections open now, by protocol.',
  datagrams: 'UDP datagrams received.',
  frames: 'Pickle frames received.',
  frames_rejected: 'Pickle frames that could not be read.',
  frames_oversized: 'Pickle frames larger than limits.ingest.maxPickleFrameBytes.',
  frames_truncated: 'Pickle frames cut short by the connection closing.',
  paused_reads: 'Times a connection stopped being read while ingest was paused, by protocol.',
  connections_paused: 'Connections not being read now while ingest is paused, by protocol.',
  datagrams_dropped_backlog: 'UDP datagrams dropped while ingest was paused.',
};

/** The figures of each remote backend (`backend.<name>.<what>`, src/lib/backend-monitor.ts). */
const BACKEND_HELP: Readonly<Record<string, string>> = {
  requests: 'Requests made to a remote backend, by backend.',
  errors: 'Requests to a remote backend that failed because of it, by backend.',
  ms: 'Time of one request to a remote backend, by backend.',
  in_flight: 'Requests to a remote backend in flight now, by backend.',
  queued: 'Requests to a remote backend waiting for a place in flight, by backend.',
};

/** The figures of each kind of request's bound in flight (`admission.<kind>.<what>`, limits.concurrency). */
const ADMISSION_HELP: Readonly<Record<string, string>> = {
  in_flight: 'Requests being worked on, by kind (render, find, ingest).',
  queued: 'Requests waiting for a place, by kind.',
  refused: 'Requests refused with 503 (queue full, or waited too long), by kind.',
};

/** Figures Prometheus gets from prom-client's default process metrics instead (process_*, nodejs_*). */
const LEFT_TO_DEFAULT_METRICS = /^process\./;

function family(name: string, kind: StatKind): string {
  const base = NAMESPACE + name.replace(/[^a-zA-Z0-9_]/g, '_');
  if (kind === 'counter') return `${base}_total`;
  if (kind === 'timer') return `${base.replace(/_ms$/, '')}_seconds`;
  return base;
}

function identity(name: string, labels: Record<string, string>, help: string): PrometheusIdentity {
  return { name, labels, help, labelNames: Object.keys(labels) };
}

/**
 * The Prometheus name, labels and HELP of one of the server's figures, from its Graphite name;
 * null for the figures prom-client's default metrics already give. Per-route and per-protocol
 * figures become one family with a label (`carbyne_http_request_duration_seconds{route=...}`),
 * timers histograms in seconds. A figure with no HELP here gets a stand-in that says so (a test
 * lists those).
 */
export function prometheusIdentity(name: string, kind: StatKind): PrometheusIdentity | null {
  if (LEFT_TO_DEFAULT_METRICS.test(name)) return null;
  let m = /^http\.(.+)\.ms$/.exec(name);
  if (m && kind === 'timer') return identity(`${NAMESPACE}http_request_duration_seconds`, { route: m[1] }, 'Time from a request to its answer, by route.');
  m = /^http\.(.+)\.([1-5]xx)$/.exec(name);
  if (m && kind === 'counter') return identity(`${NAMESPACE}http_responses_total`, { route: m[1], status_class: m[2] }, 'Answers by route and status class.');
  m = /^ingest\.([a-z]+)\.rejected\.([a-z_]+)$/.exec(name);
  if (m && kind === 'counter') return identity(`${NAMESPACE}ingest_rejected_total`, { protocol: m[1], reason: m[2] }, 'Lines, items or points not stored, by protocol and reason.');
  m = /^backend\.([a-z]+)\.([a-z_]+)$/.exec(name);
  if (m) return identity(family(`backend.${m[2]}`, kind), { backend: m[1] }, BACKEND_HELP[m[2]] ?? missingHelp(name));
  m = /^admission\.([a-z]+)\.([a-z_]+)$/.exec(name);
  if (m) return identity(family(`admission.${m[2]}`, kind), { kind: m[1] }, ADMISSION_HELP[m[2]] ?? missingHelp(name));
  m = /^ingest\.([a-z]+)\.([a-z_]+)$/.exec(name);
  if (m) return identity(family(`ingest.${m[2]}`, kind), { protocol: m[1] }, INGEST_HELP[m[2]] ?? missingHelp(name));
  return identity(family(name, kind), {}, HELP[name] ?? missingHelp(name));
}

export function missingHelp(name: string): string {
  return `carbyne's ${name} (no description yet: add one in src/lib/prometheus-names.ts)`;
}
