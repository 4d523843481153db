import { nodeName, compareCodePoints } from '../../finders/node-order.js';
import type { MetricNode } from '../../finders/metric-index.js';
import { PyFloat, type PythonJsonValue, type Quote } from '../../lib/python-json.js';
import { pythonUnquotePlus } from '../../lib/python-text.js';
import { MsgpackWriter } from '../../lib/msgpack-writer.js';
import { PickleWriter } from '../../lib/pickle-writer.js';

/** The time ranges a leaf holds data for, as [start, end] in (fractional) epoch seconds. */
export type LeafIntervals = (path: string) => ReadonlyArray<readonly [start: number, end: number]>;

// Every function here takes nodes already in graphite-web's order (sortByName) and shapes
// them as graphite-web 1.1.8's find_view does for one `format`.

/**
 * treejson (the default, Grafana's): one entry per name, branches first, `id` = the query's
 * base path + name, `text` = the name URL-unquoted. With wildcards and more than one node,
 * a `*` entry leads (a branch if any node is one).
 */
export function treeJson(nodes: readonly MetricNode[], basePath: string, wildcards: boolean): PythonJsonValue[] {
  const out: PythonJsonValue[] = [];
  if (wildcards && nodes.length > 1) {
    out.push(treeEntry('*', basePath + '*', !nodes.some((n) => !n.isLeaf)));
  }
  const seen = new Set<string>();
  const leaves: PythonJsonValue[] = [];
  for (const node of nodes) {
    const name = nodeName(node.path);
    if (seen.has(name)) continue;
    seen.add(name);
    const entry = treeEntry(pythonUnquotePlus(name), basePath + name, node.isLeaf);
    if (node.isLeaf) leaves.push(entry);
    else out.push(entry);
  }
  for (const leaf of leaves) out.push(leaf);
  return out;
}

/**
 * treeJson's answer as flat JSON text, written directly: Grafana's hot path, about four times
 * faster than building the value and serialising it. Byte for byte what treeJson + Python's
 * json.dumps give (test/routes/find-formats.test.ts checks the two agree).
 */
export function treeJsonText(nodes: readonly MetricNode[], basePath: string, wildcards: boolean, quote: Quote): string {
  let branches = '';
  let leaves = '';
  if (wildcards && nodes.length > 1) {
    branches = treeEntryText(quote('*'), quote(basePath + '*'), !nodes.some((n) => !n.isLeaf));
  }
  const seen = new Set<string>();
  for (const node of nodes) {
    const name = nodeName(node.path);
    if (seen.has(name)) continue;
    seen.add(name);
    const entry = treeEntryText(quote(pythonUnquotePlus(name)), quote(basePath + name), node.isLeaf);
    if (node.isLeaf) leaves += leaves === '' ? entry : ', ' + entry;
    else branches += branches === '' ? entry : ', ' + entry;
  }
  return '[' + branches + (branches !== '' && leaves !== '' ? ', ' : '') + leaves + ']';
}

function treeEntryText(text: string, id: string, leaf: boolean): string {
  return '{"text": ' + text + ', "id": ' + id + (leaf ? ', "allowChildren": 0, "expandable": 0, "leaf": 1}' : ', "allowChildren": 1, "expandable": 1, "leaf": 0}');
}

function treeEntry(text: string, id: string, leaf: boolean): PythonJsonValue {
  return leaf ? { text, id, allowChildren: 0, expandable: 0, leaf: 1 } : { text, id, allowChildren: 1, expandable: 1, leaf: 0 };
}

/** completer: every node, branch paths with a trailing dot, is_leaf as the string "0"/"1". */
export function completer(nodes: readonly MetricNode[], wildcards: boolean): PythonJsonValue {
  const metrics: PythonJsonValue[] = nodes.map((n) => ({
    path: n.isLeaf ? n.path : n.path + '.',
    name: nodeName(n.path),
    is_leaf: n.isLeaf ? '1' : '0',
  }));
  if (wildcards && metrics.length > 1) metrics.push({ name: '*' });
  return { metrics };
}

/** json: every node sorted by path (a branch before a leaf of the same path), leaves with intervals. */
export function jsonNodes(nodes: readonly MetricNode[], intervals: LeafIntervals): PythonJsonValue[] {
  const byPath = [...nodes].sort((a, b) => compareCodePoints(a.path, b.path) || Number(a.isLeaf) - Number(b.isLeaf));
  return byPath.map((n) =>
    n.isLeaf
      ? { path: n.path, is_leaf: true, intervals: intervals(n.path).map(([start, end]) => ({ start: new PyFloat(start), end: new PyFloat(end) })) }
      : { path: n.path, is_leaf: false },
  );
}

/**
 * nodelist: the sorted distinct path elements at `position` (negative counts from the end).
 * Null when a path has no such element (graphite-web fails with a 500 there).
 */
export function nodeList(nodes: readonly MetricNode[], position: number): { nodes: string[] } | null {
  const found = new Set<string>();
  for (const n of nodes) {
    const parts = n.path.split('.');
    const at = position < 0 ? parts.length + position : position;
    if (at < 0 || at >= parts.length) return null;
    found.add(parts[at]);
  }
  return { nodes: [...found].sort(compareCodePoints) };
}

/**
 * pickle, as graphite-web's federating front ends (RemoteFinder) read it:
 * [{'path': str, 'is_leaf': bool, 'intervals': IntervalSet}] with intervals on leaves only,
 * as graphite.intervals.IntervalSet/Interval instances exactly as graphite-web sends them.
 */
export function pickleNodes(nodes: readonly MetricNode[], intervals: LeafIntervals): Buffer {
  const w = new PickleWriter(64 + nodes.length * 160);
  w.beginList();
  for (const n of nodes) {
    w.beginDict().str('path').str(n.path).str('is_leaf').bool(n.isLeaf);
    if (n.isLeaf) writeIntervalSet(w, intervals(n.path));
    w.endDict();
  }
  w.endList();
  return w.finish();
}

function writeIntervalSet(w: PickleWriter, list: ReadonlyArray<readonly [number, number]>): void {
  w.str('intervals').beginObject('graphite.intervals', 'IntervalSet').beginDict();
  w.str('intervals').beginList();
  let size = 0;
  for (const [start, end] of list) {
    size += end - start;
    w.beginObject('graphite.intervals', 'Interval').beginDict();
    w.str('start').float(start).str('end').float(end);
    w.str('tuple').beginTuple().float(start).float(end).endTuple();
    w.str('size').float(end - start);
    w.endDict().endObject();
  }
  w.endList();
  w.str('size').float(size);
  w.endDict().endObject();
}

/** msgpack: [{path, is_leaf, intervals: [[start, end]]}], intervals on leaves only. */
export function msgpackNodes(nodes: readonly MetricNode[], intervals: LeafIntervals): Buffer {
  const w = new MsgpackWriter(64 + nodes.length * 80);
  w.array(nodes.length);
  for (const n of nodes) {
    w.map(n.isLeaf ? 3 : 2).str('path').str(n.path).str('is_leaf').bool(n.isLeaf);
    if (!n.isLeaf) continue;
    const list = intervals(n.path);
    w.str('intervals').array(list.length);
    for (const [start, end] of list) w.array(2).float(start).float(end);
  }
  return w.finish();
}
