// Indices, index templates and documents, in memory. As in Elasticsearch, a document is seen by
// GET at once but by searches only after a refresh: explicit (`_refresh`, `?refresh=true` or
// `wait_for`) or the periodic one (`index.refresh_interval`, 1s by default, `-1` off), applied
// lazily when a search arrives. Point-in-time and scroll searches keep the view they opened.

import { randomUUID } from 'node:crypto';
import { EsError } from './errors.js';
import { IndexMapping, type Mapping } from './mapping.js';
import type { Doc } from './query.js';

export interface IndexTemplate {
  index_patterns: string[];
  priority?: number;
  template?: { settings?: Record<string, unknown>; mappings?: Partial<Mapping>; aliases?: Record<string, unknown> };
  composed_of?: string[];
  version?: number;
  _meta?: Record<string, unknown>;
  data_stream?: unknown;
}

export class EsIndex {
  readonly uuid = randomUUID().replace(/-/g, '').slice(0, 22);
  readonly docs = new Map<string, Doc>();
  private view: Doc[] = [];
  private dirtySince: number | null = null;
  private seq = 0;
  readonly settings: Record<string, string>;

  constructor(
    readonly name: string,
    readonly mapping: IndexMapping,
    settings: Record<string, unknown>,
    private readonly nextOrder: () => number,
    private readonly nowMs: () => number,
  ) {
    this.settings = { number_of_shards: '1', number_of_replicas: '1', ...flattenSettings(settings) };
  }

  private get refreshIntervalMs(): number {
    const v = this.settings.refresh_interval ?? '1s';
    if (v === '-1') return Infinity;
    const m = /^(\d+)(ms|s|m)?$/.exec(v);
    if (!m) return 1000;
    return Number(m[1]) * (m[2] === 'm' ? 60_000 : m[2] === 'ms' ? 1 : 1000);
  }

  refresh(): void {
    this.view = [...this.docs.values()];
    this.dirtySince = null;
  }

  /** The documents a search sees now (refreshing first when the interval has passed). */
  searchable(): Doc[] {
    if (this.dirtySince !== null && this.nowMs() - this.dirtySince >= this.refreshIntervalMs) this.refresh();
    return this.view;
  }

  private touched(): void {
    if (this.dirtySince === null) this.dirtySince = this.nowMs();
  }

  put(id: string, source: Record<string, unknown>, opType: 'index' | 'create'): { doc: Doc; created: boolean } {
    const prev = this.docs.get(id);
    if (opType === 'create' && prev)
      throw new EsError(409, 'version_conflict_engine_exception', `[${id}]: version conflict, document already exists (current version [${prev.version}])`, {
        index_uuid: this.uuid,
        shard: '0',
        index: this.name,
      });
    this.mapping.index(source, id);
    const doc: Doc = { id, source, version: (prev?.version ?? 0) + 1, seqNo: this.seq++, order: this.nextOrder(), cache: new Map() };
    // a rewritten document goes to the end, as a new Lucene doc id does
    this.docs.delete(id);
    this.docs.set(id, doc);
    this.touched();
    return { doc, created: !prev };
  }

  delete(id: string): Doc | undefined {
    const prev = this.docs.get(id);
    if (!prev) return undefined;
    this.docs.delete(id);
    this.seq++;
    this.touched();
    return prev;
  }

  get seqNo(): number {
    return this.seq;
  }
}

function flattenSettings(s: Record<string, unknown>, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(s ?? {})) {
    const key = prefix + k;
    if (v && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, flattenSettings(v as Record<string, unknown>, `${key}.`));
    else out[key.replace(/^index\./, '')] = String(v);
  }
  return out;
}

function globToRegExp(p: string): RegExp {
  return new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}

export function checkIndexName(name: string): void {
  const bad = (why: string) => new EsError(400, 'invalid_index_name_exception', `Invalid index name [${name}], ${why}`, { index_uuid: '_na_', index: name });
  if (name !== name.toLowerCase()) throw bad('must be lowercase');
  if (/[\\/*?"<>| ,#:]/.test(name)) throw bad('must not contain the following characters [ , ", *, \\, <, |, ,, >, /, ?, #, :]');
  if (/^[-_+]/.test(name)) throw bad("must not start with '_', '-', or '+'");
  if (name === '.' || name === '..') throw bad("must not be '.' or '..'");
  if (Buffer.byteLength(name) > 255) throw bad('index name is too long');
}

export interface PointInTime {
  readonly views: { index: EsIndex; docs: Doc[] }[];
  expiresAt: number;
}

export class EsStore {
  readonly indices = new Map<string, EsIndex>();
  readonly templates = new Map<string, IndexTemplate>();
  readonly pits = new Map<string, PointInTime>();
  private order = 0;
  constructor(readonly nowMs: () => number = Date.now) {}

  /** The template a new index takes its settings and mappings from: the highest priority match. */
  private templateFor(name: string): IndexTemplate | undefined {
    let best: IndexTemplate | undefined;
    for (const t of this.templates.values()) {
      if (!t.index_patterns.some((p) => globToRegExp(p).test(name))) continue;
      if (!best || (t.priority ?? 0) > (best.priority ?? 0)) best = t;
    }
    return best;
  }

  putTemplate(name: string, t: IndexTemplate): void {
    if (!t || !Array.isArray(t.index_patterns) && typeof t.index_patterns !== 'string')
      throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: index patterns are missing;');
    const patterns = typeof t.index_patterns === 'string' ? [t.index_patterns] : t.index_patterns;
    for (const [other, o] of this.templates) {
      if (other === name || (o.priority ?? 0) !== (t.priority ?? 0)) continue;
      const overlap = o.index_patterns.filter((p) => patterns.some((q) => globToRegExp(p).test(q) || globToRegExp(q).test(p)));
      if (overlap.length > 0)
        throw EsError.badRequest(
          `index template [${name}] has index patterns [${patterns.join(', ')}] matching patterns from existing templates [${other}] with patterns (${other} => [${o.index_patterns.join(', ')}]) that have the same priority [${t.priority ?? 0}], multiple index templates may not match during index creation, please use a different priority`,
        );
    }
    // the mappings must be valid now, not at the first index creation
    new IndexMapping(t.template?.mappings);
    this.templates.set(name, { ...t, index_patterns: patterns });
  }

  createIndex(name: string, body: { settings?: Record<string, unknown>; mappings?: Partial<Mapping> } = {}): EsIndex {
    checkIndexName(name);
    if (this.indices.has(name))
      throw new EsError(400, 'resource_already_exists_exception', `index [${name}/${this.indices.get(name)!.uuid}] already exists`, { index_uuid: this.indices.get(name)!.uuid, index: name });
    const t = this.templateFor(name);
    const mapping = new IndexMapping(t?.template?.mappings);
    if (body.mappings) mapping.merge(body.mappings);
    const settings = { ...(t?.template?.settings ?? {}), ...(body.settings ?? {}) };
    const idx = new EsIndex(name, mapping, settings, () => this.order++, this.nowMs);
    this.indices.set(name, idx);
    return idx;
  }

  /** The index a write goes to, created on first use (action.auto_create_index) with its template. */
  writeIndex(name: string): EsIndex {
    return this.indices.get(name) ?? this.createIndex(name);
  }

  index(name: string): EsIndex {
    const i = this.indices.get(name);
    if (!i) throw EsError.indexNotFound(name);
    return i;
  }

  /** Indices an expression names: comma lists, `*` patterns, `_all`. A missing plain name is an error. */
  resolve(expr: string | undefined, ignoreUnavailable = false): EsIndex[] {
    if (!expr || expr === '_all' || expr === '*') return [...this.indices.values()].filter((i) => !i.name.startsWith('.'));
    const out = new Set<EsIndex>();
    for (const part of expr.split(',')) {
      if (part.includes('*')) {
        const re = globToRegExp(part);
        for (const i of this.indices.values()) if (re.test(i.name)) out.add(i);
        continue;
      }
      const i = this.indices.get(part);
      if (i) out.add(i);
      else if (!ignoreUnavailable) throw EsError.indexNotFound(part);
    }
    return [...out];
  }

  deleteIndex(expr: string): void {
    for (const i of this.resolve(expr)) this.indices.delete(i.name);
  }

  openPit(indices: EsIndex[], keepAliveMs: number): string {
    const id = Buffer.from(randomUUID()).toString('base64url');
    this.pits.set(id, { views: indices.map((index) => ({ index, docs: [...index.searchable()] })), expiresAt: this.nowMs() + keepAliveMs });
    return id;
  }

  pit(id: string): PointInTime {
    const p = this.pits.get(id);
    if (!p || p.expiresAt < this.nowMs()) {
      this.pits.delete(id);
      throw new EsError(404, 'search_context_missing_exception', `No search context found for id [${id}]`);
    }
    return p;
  }
}

export function parseDuration(v: unknown, fallbackMs: number): number {
  if (v === undefined || v === null) return fallbackMs;
  const m = /^(\d+)(ms|s|m|h|d)?$/.exec(String(v));
  if (!m) throw EsError.badRequest(`failed to parse setting [keep_alive] with value [${v}] as a time value`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] ?? 'ms']!;
  return Number(m[1]) * unit;
}
