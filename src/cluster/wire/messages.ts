import type { MetricNode } from '../../finders/metric-index.js';
import type { FetchedSeries } from '../../readers/series-reader.js';
import { parseMetricName } from '../../series/name.js';
import { AGGREGATION_METHODS, type StorageSchema } from '../../series/types.js';
import { WireError, WireReader, WireWriter } from './wire-bytes.js';

// carbyne's node-to-node calls: one HTTP POST carries a batch of calls to one node, and its
// answer the batch of their answers in the same order. Layout (little-endian):
//   message := "CBYN" u8:version u8:kind(0 calls, 1 answers) u32:count item*
//   call    := u8:op fields          answer := u8:status(0 ok, 1 error) fields | error
// Strings are u32 byte length + UTF-8; value arrays u32 count + raw float64 (NaN: no value).

export const WIRE_CONTENT_TYPE = 'application/x-carbyne-cluster';
const MAGIC = 0x4e594243; // "CBYN" read as a little-endian u32
const VERSION = 1;

/** Series lists, find answers and tags: what a render or a find needs from another node. */
export type ClusterCall =
  | { readonly op: 'find'; readonly pattern: string; readonly from?: number; readonly until?: number; readonly leavesOnly: boolean; readonly limit?: number }
  /** `layers: 'hot'`: only what the node holds in memory (a shared store has the rest) */
  | { readonly op: 'fetch'; readonly names: readonly string[]; readonly from: number; readonly until: number; readonly now: number; readonly layers: 'all' | 'hot' }
  /** every leaf path, sorted by code point */
  | { readonly op: 'leaves' }
  | { readonly op: 'tagSeries'; readonly expressions: readonly string[] }
  | { readonly op: 'tagNames'; readonly prefix: string; readonly expressions: readonly string[]; readonly limit: number }
  | { readonly op: 'tagValues'; readonly tag: string; readonly prefix: string; readonly expressions: readonly string[]; readonly limit: number }
  /** points for the node to write (forwarded, or copied by a repair or a rebalance) */
  | { readonly op: 'points'; readonly names: readonly string[]; readonly values: Float64Array; readonly timestamps: Float64Array }
  /** series written since `since` (arrival time) that `owner` owns: what a returning node asks its replicas for */
  | { readonly op: 'active'; readonly owner: string; readonly since: number; readonly after: string; readonly limit: number }
  | { readonly op: 'describe'; readonly names: readonly string[] }
  /** removes these series from the node for good (a rebalance moved them to their owners) */
  | { readonly op: 'remove'; readonly names: readonly string[] }
  /** the caller saw this node down since `since` (seconds): it should fetch what it missed from its replicas */
  | { readonly op: 'repair'; readonly since: number }
  | { readonly op: 'ping' };

export type ClusterOp = ClusterCall['op'];

export interface PingAnswer {
  readonly name: string;
  /** ms since the epoch when the node started */
  readonly startedMs: number;
  /** false while the node is catching up on what it missed (a repair runs or is owed) */
  readonly caughtUp: boolean;
  /**
   * Shared store: engine time (seconds) at the start of the node's last flush round that wrote
   * every closed window it persists, while caught up (NaN: none yet), and the nodes it saw up
   * then (which series it persisted follows from them).
   */
  readonly persistedAt: number;
  readonly persistedUp: readonly string[];
}

export interface ClusterAnswers {
  find: MetricNode[];
  fetch: Array<FetchedSeries | null>;
  leaves: { paths: string[] };
  tagSeries: string[];
  tagNames: string[];
  tagValues: string[];
  points: { accepted: number; rejected: number };
  active: { names: string[]; more: boolean };
  describe: Array<StorageSchema | null>;
  repair: { started: boolean };
  remove: { removed: number };
  ping: PingAnswer;
}

export type AnswerOf<C extends ClusterCall> = ClusterAnswers[C['op']];

/**
 * A call the other node refused: `input` when the request itself is wrong (a glob or a tag
 * expression it will not evaluate; every node would say the same), `failure` otherwise.
 */
export class RemoteCallError extends Error {
  override readonly name = 'RemoteCallError';
  constructor(
    readonly kind: 'input' | 'failure',
    /** the error's class on the node that raised it */
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const OPS: readonly ClusterOp[] = ['find', 'fetch', 'leaves', 'tagSeries', 'tagNames', 'tagValues', 'points', 'active', 'describe', 'ping', 'repair', 'remove'];

function header(w: WireWriter, kind: number, count: number): void {
  w.u32(MAGIC);
  w.u8(VERSION);
  w.u8(kind);
  w.u32(count);
}

function readHeader(r: WireReader, kind: number): number {
  if (r.u32() !== MAGIC) throw new WireError('not a carbyne cluster message');
  const version = r.u8();
  if (version !== VERSION) throw new WireError(`cluster message version ${version}, expected ${VERSION}`);
  if (r.u8() !== kind) throw new WireError(kind === 0 ? 'expected calls' : 'expected answers');
  return r.count(1);
}

const optional = (v: number | undefined) => (v === undefined ? NaN : v);
const present = (v: number) => (Number.isNaN(v) ? undefined : v);

export function encodeCalls(calls: readonly ClusterCall[]): Buffer {
  const w = new WireWriter();
  header(w, 0, calls.length);
  for (const c of calls) {
    w.u8(OPS.indexOf(c.op));
    switch (c.op) {
      case 'find':
        w.str(c.pattern);
        w.f64(optional(c.from));
        w.f64(optional(c.until));
        w.u8(c.leavesOnly ? 1 : 0);
        w.f64(optional(c.limit));
        break;
      case 'fetch':
        w.strs(c.names);
        w.f64(c.from);
        w.f64(c.until);
        w.f64(c.now);
        w.u8(c.layers === 'hot' ? 1 : 0);
        break;
      case 'leaves':
        break;
      case 'tagSeries':
        w.strs(c.expressions);
        break;
      case 'tagNames':
      case 'tagValues':
        if (c.op === 'tagValues') w.str(c.tag);
        w.str(c.prefix);
        w.strs(c.expressions);
        w.f64(c.limit);
        break;
      case 'points':
        if (c.values.length !== c.names.length || c.timestamps.length !== c.names.length) throw new Error('points: names, values and timestamps differ in length');
        w.strs(c.names);
        w.f64s(c.values);
        w.f64s(c.timestamps);
        break;
      case 'active':
        w.str(c.owner);
        w.f64(c.since);
        w.str(c.after);
        w.u32(c.limit);
        break;
      case 'describe':
      case 'remove':
        w.strs(c.names);
        break;
      case 'repair':
        w.f64(c.since);
        break;
      case 'ping':
        break;
    }
  }
  return w.bytes();
}

export function decodeCalls(buf: Buffer): ClusterCall[] {
  const r = new WireReader(buf);
  const n = readHeader(r, 0);
  const calls: ClusterCall[] = [];
  for (let i = 0; i < n; i++) {
    const code = r.u8();
    const op = OPS[code];
    switch (op) {
      case 'find': {
        const pattern = r.str();
        const from = present(r.f64());
        const until = present(r.f64());
        const leavesOnly = r.bool();
        const limit = present(r.f64());
        calls.push({ op, pattern, from, until, leavesOnly, limit });
        break;
      }
      case 'fetch': {
        const names = r.strs();
        const from = r.f64();
        const until = r.f64();
        const now = r.f64();
        calls.push({ op, names, from, until, now, layers: r.bool() ? 'hot' : 'all' });
        break;
      }
      case 'leaves':
        calls.push({ op });
        break;
      case 'tagSeries':
        calls.push({ op, expressions: r.strs() });
        break;
      case 'tagNames':
        calls.push({ op, prefix: r.str(), expressions: r.strs(), limit: r.f64() });
        break;
      case 'tagValues':
        calls.push({ op, tag: r.str(), prefix: r.str(), expressions: r.strs(), limit: r.f64() });
        break;
      case 'points': {
        const names = r.strs();
        const values = r.f64s();
        const timestamps = r.f64s();
        if (values.length !== names.length || timestamps.length !== names.length) throw new WireError('points: names, values and timestamps differ in length');
        calls.push({ op, names, values, timestamps });
        break;
      }
      case 'active':
        calls.push({ op, owner: r.str(), since: r.f64(), after: r.str(), limit: r.u32() });
        break;
      case 'describe':
        calls.push({ op, names: r.strs() });
        break;
      case 'repair':
        calls.push({ op, since: r.f64() });
        break;
      case 'remove':
        calls.push({ op, names: r.strs() });
        break;
      case 'ping':
        calls.push({ op });
        break;
      default:
        throw new WireError(`unknown call ${code}`);
    }
  }
  r.end();
  return calls;
}

/** One answer per call, or the error it raised. */
export type AnswerOrError = ClusterAnswers[ClusterOp] | RemoteCallError;

export function encodeAnswers(calls: readonly ClusterCall[], answers: readonly AnswerOrError[]): Buffer {
  const w = new WireWriter(64 * 1024);
  header(w, 1, answers.length);
  calls.forEach((c, i) => {
    const a = answers[i];
    if (a instanceof RemoteCallError) {
      w.u8(1);
      w.u8(a.kind === 'input' ? 0 : 1);
      w.str(a.type);
      w.str(a.message);
      return;
    }
    w.u8(0);
    writeAnswer(w, c.op, a);
  });
  return w.bytes();
}

function writeAnswer(w: WireWriter, op: ClusterOp, a: ClusterAnswers[ClusterOp]): void {
  switch (op) {
    case 'find': {
      const nodes = a as ClusterAnswers['find'];
      w.u32(nodes.length);
      for (const n of nodes) {
        w.u8(n.isLeaf ? 1 : 0);
        w.str(n.path);
      }
      return;
    }
    case 'fetch': {
      const series = a as ClusterAnswers['fetch'];
      w.u32(series.length);
      for (const s of series) {
        if (s === null) {
          w.u8(0);
          continue;
        }
        w.u8(1);
        w.str(s.name);
        w.u8(AGGREGATION_METHODS.indexOf(s.aggregation));
        w.f64(s.xFilesFactor);
        w.f64(s.start);
        w.f64(s.end);
        w.f64(s.step);
        w.f64s(s.values);
      }
      return;
    }
    case 'leaves':
      w.strs((a as ClusterAnswers['leaves']).paths);
      return;
    case 'active': {
      const page = a as ClusterAnswers['active'];
      w.strs(page.names);
      w.u8(page.more ? 1 : 0);
      return;
    }
    case 'tagSeries':
    case 'tagNames':
    case 'tagValues':
      w.strs(a as string[]);
      return;
    case 'points': {
      const p = a as ClusterAnswers['points'];
      w.u32(p.accepted);
      w.u32(p.rejected);
      return;
    }
    case 'describe': {
      const schemas = a as ClusterAnswers['describe'];
      w.u32(schemas.length);
      for (const s of schemas) {
        if (s === null) {
          w.u8(0);
          continue;
        }
        w.u8(1);
        w.u8(AGGREGATION_METHODS.indexOf(s.aggregation));
        w.f64(s.xFilesFactor);
        w.u32(s.retentions.length);
        for (const r of s.retentions) {
          w.f64(r.step);
          w.f64(r.retention);
        }
      }
      return;
    }
    case 'ping': {
      const p = a as PingAnswer;
      w.str(p.name);
      w.f64(p.startedMs);
      w.u8(p.caughtUp ? 1 : 0);
      w.f64(p.persistedAt);
      w.strs(p.persistedUp);
      return;
    }
    case 'repair':
      w.u8((a as ClusterAnswers['repair']).started ? 1 : 0);
      return;
    case 'remove':
      w.u32((a as ClusterAnswers['remove']).removed);
      return;
  }
}

/** The answers to `calls` (a RemoteCallError where the node refused one); WireError when the message is not one. */
export function decodeAnswers(calls: readonly ClusterCall[], buf: Buffer): AnswerOrError[] {
  const r = new WireReader(buf);
  const n = readHeader(r, 1);
  if (n !== calls.length) throw new WireError(`${n} answers to ${calls.length} calls`);
  const out = calls.map((c): AnswerOrError => {
    const status = r.u8();
    if (status === 1) {
      const kind = r.u8() === 0 ? 'input' : 'failure';
      const type = r.str();
      return new RemoteCallError(kind, type, r.str());
    }
    if (status !== 0) throw new WireError(`answer status ${status}`);
    return readAnswer(r, c.op);
  });
  r.end();
  return out;
}

function aggregationAt(code: number) {
  const m = AGGREGATION_METHODS[code];
  if (m === undefined) throw new WireError(`unknown aggregation ${code}`);
  return m;
}

function readAnswer(r: WireReader, op: ClusterOp): ClusterAnswers[ClusterOp] {
  switch (op) {
    case 'find': {
      const n = r.count(5);
      const nodes: MetricNode[] = [];
      for (let i = 0; i < n; i++) {
        const isLeaf = r.bool();
        nodes.push({ path: r.str(), isLeaf });
      }
      return nodes;
    }
    case 'fetch': {
      const n = r.count(1);
      const out: Array<FetchedSeries | null> = [];
      for (let i = 0; i < n; i++) {
        if (!r.bool()) {
          out.push(null);
          continue;
        }
        const name = r.str();
        const parsed = parseMetricName(name);
        if (!parsed.ok) throw new WireError(`series name ${JSON.stringify(name)}: ${parsed.reason}`);
        const aggregation = aggregationAt(r.u8());
        const xFilesFactor = r.f64();
        const start = r.f64();
        const end = r.f64();
        const step = r.f64();
        const values = r.f64s();
        if (!(step > 0) || end - start !== values.length * step) throw new WireError(`series ${name}: ${values.length} values do not span [${start}, ${end}) at step ${step}`);
        out.push({ name, tags: { ...parsed.metric.tags, name: parsed.metric.name }, aggregation, xFilesFactor, start, end, step, values });
      }
      return out;
    }
    case 'leaves':
      return { paths: r.strs() };
    case 'active': {
      const names = r.strs();
      return { names, more: r.bool() };
    }
    case 'tagSeries':
    case 'tagNames':
    case 'tagValues':
      return r.strs();
    case 'points':
      return { accepted: r.u32(), rejected: r.u32() };
    case 'describe': {
      const n = r.count(1);
      const out: Array<StorageSchema | null> = [];
      for (let i = 0; i < n; i++) {
        if (!r.bool()) {
          out.push(null);
          continue;
        }
        const aggregation = aggregationAt(r.u8());
        const xFilesFactor = r.f64();
        const levels = r.count(16);
        const retentions = [];
        for (let k = 0; k < levels; k++) retentions.push({ step: r.f64(), retention: r.f64() });
        if (retentions.length === 0) throw new WireError('a schema without retentions');
        out.push({ aggregation, xFilesFactor, retentions });
      }
      return out;
    }
    case 'ping':
      return { name: r.str(), startedMs: r.f64(), caughtUp: r.bool(), persistedAt: r.f64(), persistedUp: r.strs() };
    case 'repair':
      return { started: r.bool() };
    case 'remove':
      return { removed: r.u32() };
  }
}
