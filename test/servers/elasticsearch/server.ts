// The HTTP face of the Elasticsearch test server: the REST routes the client calls for an index
// of metric paths and tags, answered with Elasticsearch 9's shapes and the
// `X-Elastic-Product: Elasticsearch` header the client's product check requires on every 2xx
// answer; plus fault switches (error statuses, per-item bulk rejections, slow answers, silence,
// dropped connections).

import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { Socket } from 'node:net';
import { EsError } from './errors.js';
import type { Doc } from './query.js';
import { type View, countDocs, filterSource, matching, search } from './search.js';
import { EsStore, type IndexTemplate, parseDuration } from './store.js';

export const VERSION = '9.0.0';
const MAX_CONTENT_LENGTH = 100 * 1024 * 1024;
const CONTENT_TYPE = 'application/vnd.elasticsearch+json;compatible-with=9';

export interface EsFaultRule {
  /** `error`: answer `status`; `drop`: destroy the connection; `silent`: never answer. */
  action?: 'error' | 'drop' | 'silent';
  status?: number;
  /** Only requests whose path matches (a substring, or a RegExp). */
  path?: string | RegExp;
  method?: string;
  times?: number;
  type?: string;
  reason?: string;
}

export class EsFaults {
  private rules: EsFaultRule[] = [];
  delayMs = 0;
  /** The next this-many bulk items are rejected with 429 es_rejected_execution_exception. */
  bulkItemRejections = 0;
  injected = 0;
  add(rule: EsFaultRule): void {
    this.rules.push({ ...rule });
  }
  clear(): void {
    this.rules = [];
    this.delayMs = 0;
    this.bulkItemRejections = 0;
  }
  match(method: string, path: string): EsFaultRule | null {
    for (const r of this.rules) {
      if (r.times !== undefined && r.times <= 0) continue;
      if (r.method && r.method.toUpperCase() !== method) continue;
      if (r.path && !(typeof r.path === 'string' ? path.includes(r.path) : r.path.test(path))) continue;
      if (r.times !== undefined) r.times--;
      this.injected++;
      return r;
    }
    return null;
  }
}

interface Req {
  method: string;
  parts: string[];
  query: URLSearchParams;
  body: Buffer;
}

function json(body: Buffer): Record<string, unknown> | undefined {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (e) {
    throw new EsError(400, 'x_content_parse_exception', `[1:1] Unexpected character: ${(e as Error).message}`);
  }
}

function refreshOf(q: URLSearchParams): boolean {
  if (!q.has('refresh')) return false;
  const v = q.get('refresh');
  return v === '' || v === 'true' || v === 'wait_for';
}

export class EsTestServer {
  readonly store: EsStore;
  readonly faults = new EsFaults();
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly scrolls = new Map<string, { views: View[]; body: Record<string, unknown>; from: number; expiresAt: number }>();
  port = 0;
  requests = 0;

  constructor(readonly nowMs: () => number = Date.now) {
    this.store = new EsStore(nowMs);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  listen(port = 0): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        this.port = (server.address() as { port: number }).port;
        resolve();
      });
    });
  }

  dropConnections(): void {
    for (const s of this.sockets) s.destroy();
  }

  async close(): Promise<void> {
    const s = this.server;
    this.server = null;
    this.dropConnections();
    if (s) await new Promise<void>((r) => s.close(() => r()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests++;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const fault = this.faults.match(method, url.pathname);
    if (fault?.action === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.action === 'silent') return;
    try {
      const body = await readBody(req);
      if (this.faults.delayMs > 0) await new Promise((r) => setTimeout(r, this.faults.delayMs));
      if (fault) {
        const status = fault.status ?? 503;
        const type = fault.type ?? (status === 429 ? 'es_rejected_execution_exception' : status === 503 ? 'cluster_block_exception' : 'exception');
        throw new EsError(status, type, fault.reason ?? `injected failure (${status})`);
      }
      const parts = url.pathname.split('/').filter((p) => p !== '').map(decodeURIComponent);
      const [status, out] = this.route({ method, parts, query: url.searchParams, body });
      send(res, status, method === 'HEAD' ? undefined : out);
    } catch (e) {
      if (e instanceof EsError) send(res, e.status, method === 'HEAD' ? undefined : e.body());
      else send(res, 500, { error: { root_cause: [], type: 'exception', reason: String((e as Error).stack ?? e) }, status: 500 });
    }
  }

  private route(r: Req): [number, unknown] {
    const [a, b, c] = r.parts;
    const m = r.method;
    if (r.parts.length === 0) {
      if (m === 'GET' || m === 'HEAD') return [200, this.info()];
    }
    if (a === '_cluster' && b === 'health') return [200, { cluster_name: 'carbyne-test', status: 'green', timed_out: false, number_of_nodes: 1, number_of_data_nodes: 1, active_primary_shards: this.store.indices.size, active_shards: this.store.indices.size, relocating_shards: 0, initializing_shards: 0, unassigned_shards: 0 }];
    if (a === '_index_template') return this.templates(r, b);
    if (a === '_bulk') return this.bulk(r, undefined);
    if (a === '_refresh') return this.refresh(undefined);
    if (a === '_search' && b === 'scroll') return this.scroll(r);
    if (a === '_search') return this.search(r, undefined);
    if (a === '_count') return this.count(r, undefined);
    if (a === '_mapping') return [200, this.mappings(undefined)];
    if (a === '_pit' && m === 'DELETE') {
      const id = String(json(r.body)?.id ?? '');
      const found = this.store.pits.delete(id);
      return [found ? 200 : 404, { succeeded: found, num_freed: found ? 1 : 0 }];
    }
    if (a.startsWith('_')) throw EsError.badRequest(`no handler found for uri [/${r.parts.join('/')}] and method [${m}] (in the test server)`, 'unsupported_operation');
    const index = a;
    if (b === undefined) return this.indexApi(m, index, r);
    switch (b) {
      case '_bulk':
        return this.bulk(r, index);
      case '_refresh':
        return this.refresh(index);
      case '_search':
        return this.search(r, index);
      case '_count':
        return this.count(r, index);
      case '_delete_by_query':
        return this.deleteByQuery(r, index);
      case '_mapping':
        if (m === 'PUT' || m === 'POST') {
          for (const i of this.store.resolve(index)) i.mapping.merge(json(r.body) ?? {});
          return [200, { acknowledged: true }];
        }
        return [200, this.mappings(index)];
      case '_pit': {
        const keepAlive = parseDuration(r.query.get('keep_alive'), NaN);
        if (Number.isNaN(keepAlive)) throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: [keep_alive] is not specified;');
        return [200, { id: this.store.openPit(this.store.resolve(index), keepAlive), _shards: { total: 1, successful: 1, skipped: 0, failed: 0 } }];
      }
      case '_doc':
      case '_create':
        return this.docApi(r, index, b, c);
      default:
        throw EsError.badRequest(`no handler found for uri [/${r.parts.join('/')}] and method [${m}] (in the test server)`, 'unsupported_operation');
    }
  }

  private info(): Record<string, unknown> {
    return {
      name: 'carbyne-test-node',
      cluster_name: 'carbyne-test',
      cluster_uuid: 'carbyne-test-cluster-uuid',
      version: {
        number: VERSION,
        build_flavor: 'default',
        build_type: 'tar',
        build_hash: 'test',
        build_date: '2025-01-01T00:00:00.000Z',
        build_snapshot: false,
        lucene_version: '10.1.0',
        minimum_wire_compatibility_version: '8.18.0',
        minimum_index_compatibility_version: '8.0.0',
      },
      tagline: 'You Know, for Search',
    };
  }

  private templates(r: Req, name: string | undefined): [number, unknown] {
    const m = r.method;
    if (m === 'PUT' || m === 'POST') {
      if (!name) throw EsError.badRequest('index template name is missing');
      this.store.putTemplate(name, json(r.body) as unknown as IndexTemplate);
      return [200, { acknowledged: true }];
    }
    if (m === 'DELETE') {
      if (!name || !this.store.templates.delete(name)) throw new EsError(404, 'resource_not_found_exception', `index_template [${name}] missing`);
      return [200, { acknowledged: true }];
    }
    const list = [...this.store.templates.entries()].filter(([n]) => !name || n === name || (name.includes('*') && new RegExp(`^${name.replace(/\*/g, '.*')}$`).test(n)));
    if (name && list.length === 0) {
      if (m === 'HEAD') return [404, undefined];
      throw new EsError(404, 'resource_not_found_exception', `index template matching [${name}] not found`);
    }
    return [200, { index_templates: list.map(([n, t]) => ({ name: n, index_template: t })) }];
  }

  private indexApi(m: string, index: string, r: Req): [number, unknown] {
    switch (m) {
      case 'PUT': {
        const body = json(r.body) ?? {};
        const i = this.store.createIndex(index, body as { settings?: Record<string, unknown> });
        return [200, { acknowledged: true, shards_acknowledged: true, index: i.name }];
      }
      case 'HEAD':
        try {
          return [this.store.resolve(index).length > 0 ? 200 : 404, undefined];
        } catch {
          return [404, undefined];
        }
      case 'DELETE':
        this.store.deleteIndex(index);
        return [200, { acknowledged: true }];
      case 'GET': {
        const out: Record<string, unknown> = {};
        for (const i of this.store.resolve(index))
          out[i.name] = { aliases: {}, mappings: i.mapping.mapping, settings: { index: { ...i.settings, uuid: i.uuid, provided_name: i.name } } };
        return [200, out];
      }
      default:
        throw new EsError(405, 'method_not_allowed', `Incorrect HTTP method for uri [/${index}] and method [${m}]`);
    }
  }

  private mappings(index: string | undefined): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const i of this.store.resolve(index)) out[i.name] = { mappings: i.mapping.mapping };
    return out;
  }

  private refresh(index: string | undefined): [number, unknown] {
    const list = this.store.resolve(index);
    for (const i of list) i.refresh();
    return [200, { _shards: { total: list.length, successful: list.length, failed: 0 } }];
  }

  private views(index: string | undefined, q: URLSearchParams): View[] {
    const ignore = q.get('ignore_unavailable') === 'true';
    return this.store.resolve(index, ignore).map((i) => ({ index: i, docs: i.searchable() }));
  }

  private search(r: Req, index: string | undefined): [number, unknown] {
    const body = json(r.body) ?? {};
    for (const k of ['size', 'from'] as const) if (r.query.has(k)) body[k] = Number(r.query.get(k));
    const pit = body.pit as { id?: string; keep_alive?: string } | undefined;
    if (pit) {
      if (index) throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: [indices] cannot be used with point in time. Do not specify any index with point in time.;');
      const p = this.store.pit(String(pit.id));
      if (pit.keep_alive) p.expiresAt = this.nowMs() + parseDuration(pit.keep_alive, 60_000);
      const { pit: _omit, ...rest } = body;
      return [200, search(p.views, rest, { pitId: String(pit.id) })];
    }
    const views = this.views(index, r.query);
    if (r.query.has('scroll')) {
      const keep = parseDuration(r.query.get('scroll'), 60_000);
      const frozen = views.map((v) => ({ index: v.index, docs: [...v.docs] }));
      const out = search(frozen, body, { scroll: true });
      const id = Buffer.from(randomUUID()).toString('base64url');
      this.scrolls.set(id, { views: frozen, body, from: (body.from as number | undefined ?? 0) + (body.size as number | undefined ?? 10), expiresAt: this.nowMs() + keep });
      return [200, { _scroll_id: id, ...out }];
    }
    return [200, search(views, body)];
  }

  private scroll(r: Req): [number, unknown] {
    const body = json(r.body) ?? {};
    const ids: string[] = r.method === 'DELETE' ? [body.scroll_id ?? []].flat().map(String) : [String(body.scroll_id ?? r.query.get('scroll_id') ?? '')];
    if (r.method === 'DELETE') {
      let freed = 0;
      for (const id of ids) if (this.scrolls.delete(id)) freed++;
      if (ids.length === 0 || ids[0] === '_all') {
        freed = this.scrolls.size;
        this.scrolls.clear();
      }
      return [200, { succeeded: true, num_freed: freed }];
    }
    const s = this.scrolls.get(ids[0]);
    if (!s || s.expiresAt < this.nowMs()) {
      this.scrolls.delete(ids[0]);
      throw new EsError(404, 'search_context_missing_exception', `No search context found for id [${ids[0]}]`);
    }
    s.expiresAt = this.nowMs() + parseDuration(body.scroll, 60_000);
    const out = search(s.views, { ...s.body, from: s.from }, { scroll: true });
    s.from += (s.body.size as number | undefined) ?? 10;
    return [200, { _scroll_id: ids[0], ...out }];
  }

  private count(r: Req, index: string | undefined): [number, unknown] {
    const body = json(r.body);
    return [200, { count: countDocs(this.views(index, r.query), body), _shards: { total: 1, successful: 1, skipped: 0, failed: 0 } }];
  }

  private deleteByQuery(r: Req, index: string): [number, unknown] {
    const body = json(r.body) ?? {};
    if (body.query === undefined) throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: query is missing;');
    const hits = matching(this.views(index, r.query), body.query);
    let deleted = 0;
    for (const h of hits) if (h.view.index.delete(h.doc.id)) deleted++;
    if (refreshOf(r.query)) for (const v of this.store.resolve(index)) v.refresh();
    return [200, { took: 1, timed_out: false, total: hits.length, deleted, batches: hits.length > 0 ? 1 : 0, version_conflicts: hits.length - deleted, noops: 0, retries: { bulk: 0, search: 0 }, throttled_millis: 0, requests_per_second: -1, throttled_until_millis: 0, failures: [] }];
  }

  private docApi(r: Req, index: string, kind: string, id: string | undefined): [number, unknown] {
    const m = r.method;
    if (m === 'GET' || m === 'HEAD') {
      const i = this.store.index(index);
      const d = id === undefined ? undefined : i.docs.get(id);
      if (!d) return [404, { _index: index, _id: id, found: false }];
      return [200, { _index: index, _id: d.id, _version: d.version, _seq_no: d.seqNo, _primary_term: 1, found: true, _source: filterSource(d.source, sourceParam(r.query)) }];
    }
    if (m === 'DELETE') {
      const i = this.store.index(index);
      const d = id === undefined ? undefined : i.delete(id);
      if (refreshOf(r.query)) i.refresh();
      return [d ? 200 : 404, { _index: index, _id: id, _version: (d?.version ?? 0) + 1, result: d ? 'deleted' : 'not_found', _shards: { total: 2, successful: 1, failed: 0 }, _seq_no: i.seqNo - 1, _primary_term: 1 }];
    }
    const source = json(r.body);
    if (!source || typeof source !== 'object') throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: source is missing;');
    const i = this.store.writeIndex(index);
    const opType = kind === '_create' || r.query.get('op_type') === 'create' ? 'create' : 'index';
    const { doc, created } = i.put(id ?? randomUUID().replace(/-/g, '').slice(0, 20), source, opType);
    if (refreshOf(r.query)) i.refresh();
    return [created ? 201 : 200, writeResult(index, doc, created)];
  }

  private bulk(r: Req, defaultIndex: string | undefined): [number, unknown] {
    const lines = r.body.toString('utf8').split('\n').filter((l) => l.trim() !== '');
    const items: Record<string, unknown>[] = [];
    const touched = new Set<string>();
    let errors = false;
    for (let li = 0; li < lines.length; li++) {
      let action: Record<string, Record<string, unknown>>;
      try {
        action = JSON.parse(lines[li]);
      } catch {
        throw new EsError(400, 'x_content_parse_exception', `[1:1] Malformed action/metadata line [${li + 1}]`);
      }
      const op = Object.keys(action)[0];
      if (!['index', 'create', 'delete', 'update'].includes(op) || Object.keys(action).length !== 1)
        throw new EsError(400, 'illegal_argument_exception', `Malformed action/metadata line [${li + 1}], expected one of [create, delete, index, update] but found [${op}]`);
      const meta = action[op] ?? {};
      const index = (meta._index as string | undefined) ?? defaultIndex;
      if (!index) throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: index is missing;');
      let source: Record<string, unknown> | undefined;
      if (op !== 'delete') {
        li++;
        if (li >= lines.length) throw new EsError(400, 'illegal_argument_exception', 'The bulk request must be terminated by a newline [\\n]');
        try {
          source = JSON.parse(lines[li]);
        } catch {
          throw new EsError(400, 'x_content_parse_exception', `[1:1] Malformed document line [${li + 1}]`);
        }
      }
      const id = meta._id === undefined ? undefined : String(meta._id);
      try {
        if (this.faults.bulkItemRejections > 0) {
          this.faults.bulkItemRejections--;
          this.faults.injected++;
          throw new EsError(429, 'es_rejected_execution_exception', 'rejected execution of coordinating operation [coordinating_and_primary_bytes=0, replica_bytes=0, all_bytes=0, coordinating_operation_bytes=0, max_coordinating_and_primary_bytes=0]');
        }
        items.push({ [op]: this.bulkItem(op, index, id, source) });
        touched.add(index);
      } catch (e) {
        if (!(e instanceof EsError)) throw e;
        errors = true;
        const { root_cause: _rc, ...error } = (e.body() as { error: Record<string, unknown> }).error;
        items.push({ [op]: { _index: index, _id: id ?? null, status: e.status, error } });
      }
    }
    if (refreshOf(r.query)) for (const n of touched) this.store.indices.get(n)?.refresh();
    return [200, { errors, took: 1, items }];
  }

  private bulkItem(op: string, index: string, id: string | undefined, source: Record<string, unknown> | undefined): Record<string, unknown> {
    if (op === 'delete') {
      const i = this.store.indices.get(index);
      if (!i) throw EsError.indexNotFound(index);
      const d = id === undefined ? undefined : i.delete(id);
      return { _index: index, _id: id, _version: (d?.version ?? 0) + 1, result: d ? 'deleted' : 'not_found', _shards: { total: 2, successful: 1, failed: 0 }, _seq_no: i.seqNo - 1, _primary_term: 1, status: d ? 200 : 404 };
    }
    if (op === 'update') {
      const i = this.store.writeIndex(index);
      if (id === undefined) throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: id is missing;');
      const u = source as { doc?: Record<string, unknown>; doc_as_upsert?: boolean; upsert?: Record<string, unknown> };
      const prev = i.docs.get(id);
      if (!prev && !u.doc_as_upsert && !u.upsert)
        throw new EsError(404, 'document_missing_exception', `[${id}]: document missing`, { index_uuid: i.uuid, shard: '0', index });
      const next = prev ? { ...prev.source, ...(u.doc ?? {}) } : (u.upsert ?? u.doc ?? {});
      const { doc, created } = i.put(id, next, 'index');
      return { ...writeResult(index, doc, created), status: created ? 201 : 200, result: created ? 'created' : 'updated' };
    }
    const i = this.store.writeIndex(index);
    if (!source || typeof source !== 'object' || Array.isArray(source)) throw new EsError(400, 'document_parsing_exception', '[1:1] failed to parse: the document must be an object');
    const { doc, created } = i.put(id ?? randomUUID().replace(/-/g, '').slice(0, 20), source, op === 'create' ? 'create' : 'index');
    return { ...writeResult(index, doc, created), status: created ? 201 : 200 };
  }
}

function sourceParam(q: URLSearchParams): unknown {
  if (q.get('_source') === 'false') return false;
  const inc = q.get('_source_includes') ?? q.get('_source');
  const exc = q.get('_source_excludes');
  if (!inc && !exc) return undefined;
  return { includes: inc && inc !== 'true' ? inc.split(',') : [], excludes: exc ? exc.split(',') : [] };
}

function writeResult(index: string, doc: Doc, created: boolean): Record<string, unknown> {
  return { _index: index, _id: doc.id, _version: doc.version, result: created ? 'created' : 'updated', _shards: { total: 2, successful: 1, failed: 0 }, _seq_no: doc.seqNo, _primary_term: 1 };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_CONTENT_LENGTH) {
        reject(new EsError(413, 'content_too_long', `Request content exceeds http.max_content_length [${MAX_CONTENT_LENGTH}]`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'x-elastic-product': 'Elasticsearch',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
