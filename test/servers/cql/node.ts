// One node of the test cluster: a TCP listener speaking the native protocol v4, its own
// system.local / system.peers, its prepared statements, and its fault switches.

import { createHash } from 'node:crypto';
import { type Server, type Socket, createServer } from 'node:net';
import type { ParsedStatement } from './ast.js';
import type { CqlCluster, SchemaEvent } from './cluster.js';
import { Consistency, CqlError } from './errors.js';
import { Faults, type RequestTarget } from './faults.js';
import {
  BodyReader,
  type BoundValue,
  BodyWriter,
  FrameFlag,
  HEADER_SIZE,
  MAX_BODY,
  Opcode,
  PROTOCOL_VERSION,
  ProtocolViolation,
  readHeader,
} from './frame.js';
import { checkBatchSize } from './batch.js';
import { parseCql } from './parser.js';
import type { ExecContext, Mutation, Plan, Result } from './plan.js';
import { type NodeInfo, fillLocal, fillPeers } from './system-tables.js';
import { TableData } from './table-data.js';
import { writeTypeOption } from './types.js';

interface Prepared {
  query: string;
  keyspace: string | undefined;
  parsed: ParsedStatement;
  plan: Plan;
  epoch: number;
}

interface QueryParams {
  consistency: number;
  values: BoundValue[];
  names: string[] | null;
  skipMetadata: boolean;
  pageSize: number;
  pagingState: Buffer | null;
  timestamp: number | null;
}

class Connection {
  started = false;
  keyspace: string | undefined;
  events = new Set<string>();
  private pending: Buffer | null = null;
  constructor(
    readonly socket: Socket,
    private readonly node: CqlNode,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('error', () => socket.destroy());
  }

  private onData(chunk: Buffer): void {
    let buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    let at = 0;
    const out: Buffer[] = [];
    while (buf.length - at >= HEADER_SIZE) {
      const h = readHeader(buf, at);
      if (h.length < 0 || h.length > MAX_BODY) {
        this.socket.end(errorFrame(h.stream, CqlError.protocol(`Request is too big: length ${h.length} exceeds maximum allowed length ${MAX_BODY}.`)));
        return;
      }
      if (buf.length - at < HEADER_SIZE + h.length) break;
      const body = buf.subarray(at + HEADER_SIZE, at + HEADER_SIZE + h.length);
      at += HEADER_SIZE + h.length;
      const answer = this.node.request(this, h.version, h.flags, h.stream, h.opcode, body);
      if (answer instanceof Promise) void answer.then((b) => b && !this.socket.destroyed && this.socket.write(b));
      else if (answer) out.push(answer);
    }
    if (at < buf.length) this.pending = buf.subarray(at);
    if (out.length === 1) this.socket.write(out[0]);
    else if (out.length > 1) this.socket.write(Buffer.concat(out));
  }

  event(frame: Buffer): void {
    if (!this.socket.destroyed) this.socket.write(frame);
  }
}

function errorFrame(stream: number, e: CqlError): Buffer {
  const w = new BodyWriter(64 + e.message.length * 3);
  w.int(e.code).string(e.message);
  e.extra?.(w);
  return w.finish(stream, Opcode.ERROR);
}

export interface NodeStats {
  requests: number;
  connections: number;
  prepares: number;
}

export class CqlNode {
  private server: Server | null = null;
  private readonly connections = new Set<Connection>();
  private prepared = new Map<string, Prepared>();
  private readonly plans = new Map<string, { parsed: ParsedStatement; plan: Plan; epoch: number }>();
  readonly faults = new Faults();
  readonly stats: NodeStats = { requests: 0, connections: 0, prepares: 0 };
  private readonly local: TableData;
  private readonly peers: TableData;
  private readonly peersV2: TableData;
  private others: NodeInfo[] = [];

  constructor(
    readonly cluster: CqlCluster,
    readonly info: NodeInfo,
  ) {
    const sys = cluster.keyspaces.get('system')!.tables;
    this.local = new TableData(sys.get('local')!);
    this.peers = new TableData(sys.get('peers')!);
    this.peersV2 = new TableData(sys.get('peers_v2')!);
    cluster.schemaListeners.push((e) => this.onSchemaChange(e));
    this.refreshSystem();
  }

  setPeers(others: NodeInfo[]): void {
    this.others = others;
    this.refreshSystem();
  }

  private refreshSystem(): void {
    fillLocal(this.local, this.info, this.cluster.schemaVersion);
    fillPeers(this.peers, this.peersV2, this.others, this.cluster.schemaVersion);
  }

  private nodeTable = (name: string): TableData | undefined =>
    name === 'system.local' ? this.local : name === 'system.peers' ? this.peers : name === 'system.peers_v2' ? this.peersV2 : undefined;

  private onSchemaChange(e: SchemaEvent): void {
    this.refreshSystem();
    // Cassandra drops the prepared statements of a dropped or altered table; the driver then
    // prepares them again on its own when EXECUTE answers Unprepared.
    for (const [id, p] of this.prepared) {
      if (p.plan.keyspace === e.keyspace && (e.target === 'KEYSPACE' ? e.change === 'DROPPED' : p.plan.table === e.table && e.change !== 'CREATED')) this.prepared.delete(id);
    }
    const w = new BodyWriter(128);
    w.string('SCHEMA_CHANGE').string(e.change).string(e.target).string(e.keyspace);
    if (e.table) w.string(e.table);
    const frame = w.finish(-1, Opcode.EVENT);
    for (const c of this.connections) if (c.events.has('SCHEMA_CHANGE')) c.event(frame);
  }

  get address(): string {
    return this.info.address;
  }
  get port(): number {
    return this.info.port;
  }

  listen(): Promise<void> {
    if (this.server) return Promise.resolve();
    const server = createServer((socket) => {
      this.stats.connections++;
      const c = new Connection(socket, this);
      this.connections.add(c);
      socket.on('close', () => this.connections.delete(c));
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.info.port, this.info.address, () => {
        server.off('error', reject);
        resolve();
      });
    });
  }

  /** Closes every client connection (the driver sees its sockets close). */
  dropConnections(): void {
    for (const c of this.connections) c.socket.destroy();
    this.connections.clear();
  }

  /** Stops listening and drops the connections: the node is down. */
  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    this.dropConnections();
    if (s) await new Promise<void>((r) => s.close(() => r()));
  }

  /** Down and up again: prepared statements are forgotten, as after a restart. */
  async restart(): Promise<void> {
    await this.stop();
    this.prepared = new Map();
    this.plans.clear();
    await this.listen();
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  // ---- requests ---------------------------------------------------------------------------

  request(conn: Connection, version: number, flags: number, stream: number, opcode: number, body: Buffer): Buffer | Promise<Buffer | null> | null {
    this.stats.requests++;
    if (this.faults.silent) return null;
    if (version !== PROTOCOL_VERSION)
      return errorFrame(stream, CqlError.protocol(`Invalid or unsupported protocol version (${version}); supported versions are (4/v4)`));
    if (this.faults.delayMs > 0) {
      const delay = this.faults.delayMs;
      const copy = Buffer.from(body);
      return new Promise((resolve) => setTimeout(() => resolve(this.faults.silent ? null : this.answer(conn, flags, stream, opcode, copy)), delay));
    }
    return this.answer(conn, flags, stream, opcode, body);
  }

  private answer(conn: Connection, flags: number, stream: number, opcode: number, body: Buffer): Buffer {
    try {
      const r = new BodyReader(body);
      if (flags & FrameFlag.CUSTOM_PAYLOAD) r.bytesMap();
      if (!conn.started && opcode !== Opcode.STARTUP && opcode !== Opcode.OPTIONS)
        throw CqlError.protocol(`Unexpected message ${opcode}, expecting STARTUP or OPTIONS`);
      switch (opcode) {
        case Opcode.OPTIONS: {
          const w = new BodyWriter(128);
          w.stringMultimap(
            new Map([
              ['CQL_VERSION', ['3.4.5']],
              ['COMPRESSION', []],
              ['PROTOCOL_VERSIONS', ['4/v4']],
            ]),
          );
          return w.finish(stream, Opcode.SUPPORTED);
        }
        case Opcode.STARTUP: {
          const opts = r.stringMap();
          if (opts.has('COMPRESSION')) throw CqlError.protocol(`Unknown compression algorithm: ${opts.get('COMPRESSION')}`);
          conn.started = true;
          return new BodyWriter(0).finish(stream, Opcode.READY);
        }
        case Opcode.REGISTER:
          for (const e of r.stringList()) conn.events.add(e);
          return new BodyWriter(0).finish(stream, Opcode.READY);
        case Opcode.QUERY: {
          const query = r.longString();
          const params = readParams(r);
          const plan = this.planFor(query, conn.keyspace);
          return this.run(conn, stream, plan.plan, plan.parsed, params);
        }
        case Opcode.PREPARE:
          return this.prepare(conn, stream, r.longString());
        case Opcode.EXECUTE: {
          const id = r.shortBytes();
          const params = readParams(r);
          const p = this.prepared.get(id.toString('hex'));
          if (!p) throw CqlError.unprepared(Buffer.from(id));
          if (p.epoch !== this.cluster.epoch) {
            p.plan = this.cluster.compile(p.parsed, p.keyspace, this.nodeTable);
            p.epoch = this.cluster.epoch;
          }
          return this.run(conn, stream, p.plan, p.parsed, params);
        }
        case Opcode.BATCH:
          return this.batch(conn, stream, r);
        case Opcode.AUTH_RESPONSE:
          throw CqlError.protocol('Authentication is not enabled on the test server');
        default:
          throw CqlError.protocol(`Unknown opcode ${opcode}`);
      }
    } catch (e) {
      if (e instanceof CqlError) return errorFrame(stream, e);
      if (e instanceof ProtocolViolation) return errorFrame(stream, CqlError.protocol(e.message));
      return errorFrame(stream, CqlError.server(`java.lang.RuntimeException: ${(e as Error).stack ?? e}`));
    }
  }

  private planFor(query: string, keyspace: string | undefined): { parsed: ParsedStatement; plan: Plan } {
    const key = `${keyspace ?? ''}\u0000${query}`;
    const hit = this.plans.get(key);
    if (hit && hit.epoch === this.cluster.epoch) return hit;
    const parsed = hit?.parsed ?? parseCql(query);
    const entry = { parsed, plan: this.cluster.compile(parsed, keyspace, this.nodeTable), epoch: this.cluster.epoch };
    if (this.plans.size > 2000) this.plans.clear();
    this.plans.set(key, entry);
    return entry;
  }

  private prepare(conn: Connection, stream: number, query: string): Buffer {
    this.stats.prepares++;
    const parsed = parseCql(query);
    const plan = this.cluster.compile(parsed, conn.keyspace, this.nodeTable);
    const id = createHash('md5')
      .update(`${conn.keyspace ?? ''}${query}`)
      .digest();
    this.prepared.set(id.toString('hex'), { query, keyspace: conn.keyspace, parsed, plan, epoch: this.cluster.epoch });
    const w = new BodyWriter(256);
    w.int(0x0004).shortBytes(id);
    const vars = plan.bindings.vars.map((v, i) => v ?? { name: parsed.markerNames[i] ?? `m${i}`, type: { kind: 'native' as const, name: 'blob' as const } });
    w.int(vars.length > 0 ? 0x0001 : 0).int(vars.length).int(plan.pkIndexes.length);
    for (const i of plan.pkIndexes) w.short(i);
    if (vars.length > 0) {
      w.string(plan.keyspace ?? '').string(plan.table ?? '');
      for (const v of vars) {
        w.string(v.name);
        writeTypeOption(w, v.type);
      }
    }
    writeColumnsMetadata(w, plan, 0, null);
    return w.finish(stream, Opcode.RESULT);
  }

  private context(params: QueryParams, warnings: string[]): ExecContext {
    const cluster = this.cluster;
    let ts = params.timestamp;
    return {
      values: params.values,
      nowSec: cluster.nowSec(),
      timestamp: () => (ts ??= cluster.nextTimestamp()),
      pageSize: params.pageSize,
      pagingState: params.pagingState,
      consistency: params.consistency,
      warnings,
    };
  }

  private run(conn: Connection, stream: number, plan: Plan, parsed: ParsedStatement, params: QueryParams): Buffer {
    if (params.names) params.values = byName(params.names, params.values, parsed);
    if (params.values.length !== parsed.markers)
      throw CqlError.invalid(`There were ${parsed.markers} markers(?) in CQL but ${params.values.length} bound variables`);
    const target: RequestTarget = { kind: plan.kind, tables: plan.keyspace ? [plan.table ? `${plan.keyspace}.${plan.table}` : plan.keyspace] : [] };
    const fault = this.faults.match(target, params.consistency);
    if (fault) throw fault;
    checkConsistency(plan, params.consistency);
    const warnings: string[] = [];
    const result = plan.execute(this.context(params, warnings));
    if (result.kind === 'setKeyspace') conn.keyspace = result.keyspace;
    return resultFrame(stream, result, params.skipMetadata && !plan.conditional, warnings);
  }

  private batch(conn: Connection, stream: number, r: BodyReader): Buffer {
    const type = r.byte();
    if (type === 2) throw CqlError.invalid('Counter batches are not supported by the test server');
    if (type !== 0 && type !== 1) throw CqlError.protocol(`Unknown batch type ${type}`);
    const n = r.short();
    const items: { plan: Plan; parsed: ParsedStatement; values: BoundValue[] }[] = [];
    for (let i = 0; i < n; i++) {
      const kind = r.byte();
      let plan: Plan;
      let parsed: ParsedStatement;
      if (kind === 0) {
        const q = this.planFor(r.longString(), conn.keyspace);
        plan = q.plan;
        parsed = q.parsed;
      } else if (kind === 1) {
        const id = r.shortBytes();
        const p = this.prepared.get(id.toString('hex'));
        if (!p) throw CqlError.unprepared(Buffer.from(id));
        if (p.epoch !== this.cluster.epoch) {
          p.plan = this.cluster.compile(p.parsed, p.keyspace, this.nodeTable);
          p.epoch = this.cluster.epoch;
        }
        plan = p.plan;
        parsed = p.parsed;
      } else throw CqlError.protocol(`Invalid query kind in BATCH messages. Must be 0 or 1 but got ${kind}`);
      const count = r.short();
      const values: BoundValue[] = [];
      for (let j = 0; j < count; j++) values.push(r.value());
      if (plan.kind !== 'write' || !plan.mutations || parsed.statement.type === 'batch')
        throw CqlError.invalid('Invalid statement in batch: only UPDATE, INSERT and DELETE statements are allowed.');
      if (plan.conditional) throw CqlError.invalid('Conditional statements in batches are not supported by the test server');
      if (values.length !== parsed.markers) throw CqlError.invalid(`There were ${parsed.markers} markers(?) in CQL but ${values.length} bound variables`);
      items.push({ plan, parsed, values });
    }
    const consistency = r.short();
    const flags = r.byte();
    if (flags & 0x10) r.short();
    const timestamp = flags & 0x20 ? Number(r.long()) : null;
    const target: RequestTarget = {
      kind: 'write',
      tables: [...new Set(items.map((i) => `${i.plan.keyspace}.${i.plan.table}`))],
      batch: type === 0 ? 'logged' : 'unlogged',
    };
    const fault = this.faults.match(target, consistency);
    if (fault) throw fault;
    const warnings: string[] = [];
    const base = this.context({ consistency, values: [], names: null, skipMetadata: false, pageSize: 0, pagingState: null, timestamp }, warnings);
    const ts = base.timestamp();
    const mutations: Mutation[] = [];
    for (const it of items) {
      checkConsistency(it.plan, consistency);
      mutations.push(...it.plan.mutations!({ ...base, values: it.values, timestamp: () => ts }));
    }
    checkBatchSize(mutations, warnings, type === 1);
    for (const m of mutations) m.apply();
    return resultFrame(stream, { kind: 'void' }, false, warnings);
  }
}

function checkConsistency(plan: Plan, cl: number): void {
  if (plan.kind === 'read' && cl === Consistency.ANY) throw CqlError.invalid('ANY ConsistencyLevel is only supported for writes');
  if (plan.kind === 'write' && !plan.conditional && (cl === Consistency.SERIAL || cl === Consistency.LOCAL_SERIAL))
    throw CqlError.invalid('You must use conditional updates for serializable writes');
}

function byName(names: string[], values: BoundValue[], parsed: ParsedStatement): BoundValue[] {
  const out: BoundValue[] = new Array(parsed.markers);
  parsed.markerNames.forEach((n, i) => {
    const j = names.indexOf(n ?? '');
    if (j < 0) throw CqlError.invalid(`Invalid unset value for ${n ?? `marker ${i}`}`);
    out[i] = values[j];
  });
  return out;
}

function readParams(r: BodyReader): QueryParams {
  const consistency = r.short();
  const flags = r.byte();
  const values: BoundValue[] = [];
  let names: string[] | null = null;
  if (flags & 0x01) {
    const n = r.short();
    if (flags & 0x40) names = [];
    for (let i = 0; i < n; i++) {
      if (names) names.push(r.string().toLowerCase());
      values.push(r.value());
    }
  }
  const pageSize = flags & 0x04 ? r.int() : 0;
  const pagingState = flags & 0x08 ? r.bytes() : null;
  if (flags & 0x10) r.short();
  const timestamp = flags & 0x20 ? Number(r.long()) : null;
  if (timestamp !== null && timestamp < 0) throw CqlError.protocol('Out of bound timestamp, must be positive');
  return { consistency, values, names, skipMetadata: (flags & 0x02) !== 0, pageSize, pagingState: pagingState ? Buffer.from(pagingState) : null, timestamp };
}

/** Result metadata (section 4.2.5.2): flags, column count, paging state, then the column specs. */
function writeColumnsMetadata(w: BodyWriter, plan: Pick<Plan, 'resultColumns' | 'keyspace' | 'table' | 'conditional'>, extraFlags: number, pagingState: Buffer | null): void {
  const cols = plan.conditional ? [] : plan.resultColumns;
  if (cols.length === 0) {
    w.int(0x0004 | extraFlags).int(0);
    if (pagingState) w.bytes(pagingState);
    return;
  }
  w.int(0x0001 | extraFlags).int(cols.length);
  if (pagingState) w.bytes(pagingState);
  w.string(plan.keyspace ?? '').string(plan.table ?? '');
  for (const c of cols) {
    w.string(c.name);
    writeTypeOption(w, c.type);
  }
}

function resultFrame(stream: number, res: Result, skipMetadata: boolean, warnings: string[]): Buffer {
  let size = 64;
  if (res.kind === 'rows') for (const row of res.rows) for (const v of row) size += 4 + (v ? v.length : 0);
  const w = new BodyWriter(size);
  let flags = 0;
  if (warnings.length > 0) {
    w.stringList(warnings);
    flags |= FrameFlag.WARNING;
  }
  switch (res.kind) {
    case 'void':
      w.int(0x0001);
      break;
    case 'setKeyspace':
      w.int(0x0003).string(res.keyspace);
      break;
    case 'schemaChange':
      w.int(0x0005).string(res.change).string(res.target).string(res.keyspace);
      if (res.table) w.string(res.table);
      break;
    case 'rows': {
      w.int(0x0002);
      const more = res.pagingState ? 0x0002 : 0;
      if (skipMetadata) {
        w.int(0x0004 | more).int(res.columns.length);
        if (res.pagingState) w.bytes(res.pagingState);
      } else writeColumnsMetadata(w, { resultColumns: res.columns, keyspace: res.keyspace, table: res.table }, more, res.pagingState);
      w.int(res.rows.length);
      for (const row of res.rows) for (const v of row) w.bytes(v);
      break;
    }
  }
  return w.finish(stream, Opcode.RESULT, flags);
}

