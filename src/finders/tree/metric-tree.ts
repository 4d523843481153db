import { IntList, resizeInt32, resizeUint16, resizeUint8 } from './int-list.js';
import { SegmentTable, mix32, type SegmentTableState } from './segment-table.js';

const LEAF = 1;
const LIVE = 2;
const NONE = -1;
export const ROOT = 0;

/** The arrays of a tree, as MetricTree.exportState gives them and fromState takes them. */
export interface TreeState {
  readonly counts: { readonly nodes: number; readonly liveNodes: number; readonly leaves: number; readonly pairs: number };
  readonly nodes: {
    readonly parent: Int32Array;
    readonly pair: Int32Array;
    readonly flags: Uint8Array;
    readonly childCount: Int32Array;
    readonly firstChild: Int32Array;
    readonly nextSibling: Int32Array;
    readonly prevSibling: Int32Array;
    readonly nextInPair: Int32Array;
    readonly prevInPair: Int32Array;
    /** the (parent, pair) -> child table, a power of two long */
    readonly childSlots: Int32Array<ArrayBuffer>;
  };
  readonly pairs: {
    readonly pairPos: Uint16Array;
    readonly pairSeg: Int32Array;
    readonly pairHead: Int32Array;
    readonly pairCount: Int32Array;
    /** the (pos, segment) -> pair table, a power of two long */
    readonly pairSlots: Int32Array<ArrayBuffer>;
  };
  readonly segments: SegmentTableState;
}

/**
 * The inverted segment index in memory. Every registered path yields one node per prefix; a
 * node is identified by an integer and described by parallel typed arrays (no object per
 * node). Each node belongs to one (pos, segment) pair, and the pairs give the two inverted
 * dimensions of ARCHITECTURE.md: the distinct segments at a position, and per pair a posting
 * list of the nodes carrying it.
 *
 * - `parent`, `pair` (which gives pos and segment), `flags` (leaf = has data), `childCount`;
 * - children as a doubly linked list (`firstChild`, `nextSibling`, `prevSibling`) for listing,
 *   plus a hash table keyed by (parent, pair) for direct lookups;
 * - posting lists as doubly linked lists through `nextInPair` / `prevInPair`;
 * Searches keep their scratch stamps outside the tree (SearchScratch), one set per search, so
 * that searches paused between slices of the event loop never overwrite each other's.
 *
 * About 45 bytes per node; the root is node 0 at position -1.
 */
export class MetricTree {
  segments = new SegmentTable();

  // ---- (pos, segment) pairs
  private pairCapacity = 1024;
  pairPos = new Uint16Array(this.pairCapacity);
  pairSeg = new Int32Array(this.pairCapacity);
  pairHead = new Int32Array(this.pairCapacity).fill(NONE);
  /** live nodes carrying the pair */
  pairCount = new Int32Array(this.pairCapacity);
  private pairTotal = 0;
  private pairSlots: Int32Array<ArrayBuffer> = new Int32Array(2048).fill(NONE);
  private pairMask = 2047;
  /** pair ids per position: the distinct segments at that position */
  readonly pairsAtPos: IntList[] = [];

  // ---- nodes
  private nodeCapacity = 1024;
  parent = new Int32Array(this.nodeCapacity);
  pair = new Int32Array(this.nodeCapacity);
  flags = new Uint8Array(this.nodeCapacity);
  childCount = new Int32Array(this.nodeCapacity);
  firstChild = new Int32Array(this.nodeCapacity).fill(NONE);
  nextSibling = new Int32Array(this.nodeCapacity);
  prevSibling = new Int32Array(this.nodeCapacity);
  nextInPair = new Int32Array(this.nodeCapacity);
  prevInPair = new Int32Array(this.nodeCapacity);
  private nodeTotal = 1;
  private readonly free = new IntList();
  private liveNodes = 1;
  private leaves = 0;
  /** nodes removed so far: a search paused over a removal starts again (node ids are reused) */
  removals = 0;

  // ---- (parent, pair) -> child
  private childSlots: Int32Array<ArrayBuffer> = new Int32Array(2048).fill(NONE);
  private childMask = 2047;

  constructor() {
    this.parent[ROOT] = NONE;
    this.pair[ROOT] = NONE;
    this.flags[ROOT] = LIVE;
  }

  get leafCount(): number {
    return this.leaves;
  }

  get nodeCount(): number {
    return this.liveNodes;
  }

  /** Node ids below this exist (live or free). */
  get nodeIdLimit(): number {
    return this.nodeCapacity;
  }

  /** Pair ids below this exist. */
  get pairIdLimit(): number {
    return this.pairCapacity;
  }

  isLeaf(node: number): boolean {
    return (this.flags[node] & LEAF) !== 0;
  }

  isBranch(node: number): boolean {
    return this.childCount[node] > 0;
  }

  /** Position of the node's segment in its path (0 for a first-level node, -1 for the root). */
  pos(node: number): number {
    return node === ROOT ? -1 : this.pairPos[this.pair[node]];
  }

  segmentId(node: number): number {
    return this.pairSeg[this.pair[node]];
  }

  segmentText(node: number): string {
    return this.segments.text(this.pairSeg[this.pair[node]]);
  }

  /** The dotted path of a node ("" for the root). */
  path(node: number): string {
    if (node === ROOT) return '';
    const parts: string[] = [];
    for (let n = node; n !== ROOT; n = this.parent[n]) parts.push(this.segmentText(n));
    parts.reverse();
    return parts.join('.');
  }

  /** The pair id of (pos, segment id), or -1. */
  lookupPair(pos: number, seg: number): number {
    let i = mix32(Math.imul(seg, 0x9e3779b1) ^ pos) & this.pairMask;
    for (;;) {
      const p = this.pairSlots[i];
      if (p === NONE) return NONE;
      if (this.pairSeg[p] === seg && this.pairPos[p] === pos) return p;
      i = (i + 1) & this.pairMask;
    }
  }

  /** The child of `parent` carrying `pairId`, or -1. */
  lookupChild(parentNode: number, pairId: number): number {
    let i = mix32(Math.imul(parentNode, 0x9e3779b1) ^ pairId) & this.childMask;
    for (;;) {
      const c = this.childSlots[i];
      if (c === NONE) return NONE;
      if (this.parent[c] === parentNode && this.pair[c] === pairId) return c;
      i = (i + 1) & this.childMask;
    }
  }

  /** Number of distinct pairs ever created (ids are 0..pairTotal-1). */
  get pairsCreated(): number {
    return this.pairTotal;
  }

  /** The child of `parent` named `segment`, or -1. */
  child(parentNode: number, segment: string): number {
    const seg = this.segments.lookup(segment);
    if (seg < 0) return NONE;
    const p = this.lookupPair(this.pos(parentNode) + 1, seg);
    return p < 0 ? NONE : this.lookupChild(parentNode, p);
  }

  /** The node at `segments` (a split path), or -1. */
  lookup(segments: readonly string[]): number {
    let node = ROOT;
    for (let i = 0; i < segments.length && node !== NONE; i++) node = this.child(node, segments[i]);
    return node;
  }

  /**
   * Adds a path with data (a leaf) and any missing prefixes. Returns false when it was already a
   * leaf. `from`/`start` let a caller inserting sorted paths skip the common prefix: `from` is
   * the node at depth `start` of this path.
   */
  addLeaf(segments: readonly string[], from = ROOT, start = 0): boolean {
    const node = this.addBranchPath(segments, from, start);
    if ((this.flags[node] & LEAF) !== 0) return false;
    this.flags[node] |= LEAF;
    this.leaves++;
    return true;
  }

  /**
   * The node at `segments`, creating what is missing (without making it a leaf); `from` is the
   * node of the first `start` segments, and the walk stops after `end` segments.
   */
  addBranchPath(segments: readonly string[], from = ROOT, start = 0, end = segments.length): number {
    let node = from;
    for (let i = start; i < end; i++) {
      const seg = this.segments.intern(segments[i]);
      const p = this.internPair(i, seg);
      const c = this.lookupChild(node, p);
      node = c !== NONE ? c : this.createNode(node, p);
    }
    return node;
  }

  /** Clears the leaf flag and removes the node and its ancestors as they become empty. */
  removeLeaf(node: number): boolean {
    if ((this.flags[node] & LEAF) === 0) return false;
    this.flags[node] &= ~LEAF;
    this.leaves--;
    while (node !== ROOT && (this.flags[node] & LEAF) === 0 && this.childCount[node] === 0) {
      const up = this.parent[node];
      this.destroyNode(node);
      node = up;
    }
    return true;
  }

  /** Every leaf under `node` (itself included), depth first. */
  forEachLeaf(node: number, visit: (leaf: number) => void): void {
    const stack = [node];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if ((this.flags[n] & LEAF) !== 0) visit(n);
      for (let c = this.firstChild[n]; c !== NONE; c = this.nextSibling[c]) stack.push(c);
    }
  }

  /** Bytes held by the typed arrays and tables (segment strings excluded). */
  memoryBytes(): number {
    const nodeArrays = [
      this.parent, this.pair, this.flags, this.childCount, this.firstChild, this.nextSibling,
      this.prevSibling, this.nextInPair, this.prevInPair,
    ];
    const pairArrays = [this.pairPos, this.pairSeg, this.pairHead, this.pairCount, this.pairSlots];
    let bytes = this.childSlots.byteLength + this.segments.tableBytes();
    for (const a of [...nodeArrays, ...pairArrays]) bytes += a.byteLength;
    for (const l of this.pairsAtPos) bytes += l.data.byteLength;
    return bytes;
  }

  private internPair(pos: number, seg: number): number {
    let i = mix32(Math.imul(seg, 0x9e3779b1) ^ pos) & this.pairMask;
    for (;;) {
      const p = this.pairSlots[i];
      if (p === NONE) break;
      if (this.pairSeg[p] === seg && this.pairPos[p] === pos) return p;
      i = (i + 1) & this.pairMask;
    }
    const id = this.pairTotal++;
    if (id === this.pairCapacity) this.growPairs();
    this.pairPos[id] = pos;
    this.pairSeg[id] = seg;
    this.pairHead[id] = NONE;
    this.pairCount[id] = 0;
    this.pairSlots[i] = id;
    while (this.pairsAtPos.length <= pos) this.pairsAtPos.push(new IntList(4));
    this.pairsAtPos[pos].push(id);
    if (this.pairTotal * 2 > this.pairSlots.length) this.rehashPairs(this.pairSlots.length * 2);
    return id;
  }

  private createNode(parentNode: number, pairId: number): number {
    let node: number;
    if (this.free.length > 0) node = this.free.data[--this.free.length];
    else {
      node = this.nodeTotal++;
      if (node === this.nodeCapacity) this.growNodes();
    }
    this.parent[node] = parentNode;
    this.pair[node] = pairId;
    this.flags[node] = LIVE;
    this.childCount[node] = 0;
    this.firstChild[node] = NONE;
    // children list of the parent
    const head = this.firstChild[parentNode];
    this.nextSibling[node] = head;
    this.prevSibling[node] = NONE;
    if (head !== NONE) this.prevSibling[head] = node;
    this.firstChild[parentNode] = node;
    this.childCount[parentNode]++;
    // posting list of the pair
    const first = this.pairHead[pairId];
    this.nextInPair[node] = first;
    this.prevInPair[node] = NONE;
    if (first !== NONE) this.prevInPair[first] = node;
    this.pairHead[pairId] = node;
    this.pairCount[pairId]++;
    this.liveNodes++;
    this.insertChildSlot(node);
    return node;
  }

  private destroyNode(node: number): void {
    const up = this.parent[node];
    const next = this.nextSibling[node];
    const prev = this.prevSibling[node];
    if (prev !== NONE) this.nextSibling[prev] = next;
    else this.firstChild[up] = next;
    if (next !== NONE) this.prevSibling[next] = prev;
    this.childCount[up]--;
    const p = this.pair[node];
    const nextP = this.nextInPair[node];
    const prevP = this.prevInPair[node];
    if (prevP !== NONE) this.nextInPair[prevP] = nextP;
    else this.pairHead[p] = nextP;
    if (nextP !== NONE) this.prevInPair[nextP] = prevP;
    this.pairCount[p]--;
    this.removeChildSlot(node);
    this.flags[node] = 0;
    this.liveNodes--;
    this.removals++;
    this.free.push(node);
  }

  private insertChildSlot(node: number): void {
    // at most two thirds full: short probes, 6 to 12 bytes per node
    if ((this.liveNodes + 1) * 3 > this.childSlots.length * 2) this.rehashChildren(this.childSlots.length * 2);
    let i = mix32(Math.imul(this.parent[node], 0x9e3779b1) ^ this.pair[node]) & this.childMask;
    while (this.childSlots[i] !== NONE) i = (i + 1) & this.childMask;
    this.childSlots[i] = node;
  }

  /** Linear probing with backward-shift deletion, so no tombstones accumulate. */
  private removeChildSlot(node: number): void {
    const mask = this.childMask;
    const slots = this.childSlots;
    let i = mix32(Math.imul(this.parent[node], 0x9e3779b1) ^ this.pair[node]) & mask;
    while (slots[i] !== node) i = (i + 1) & mask;
    let hole = i;
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const c = slots[j];
      if (c === NONE) break;
      const home = mix32(Math.imul(this.parent[c], 0x9e3779b1) ^ this.pair[c]) & mask;
      // move c into the hole unless its home lies cyclically in (hole, j]
      const inRange = hole <= j ? home > hole && home <= j : home > hole || home <= j;
      if (!inRange) {
        slots[hole] = c;
        hole = j;
      }
    }
    slots[hole] = NONE;
  }

  private rehashChildren(capacity: number): void {
    const slots = new Int32Array(capacity).fill(NONE);
    const mask = capacity - 1;
    for (let n = 1; n < this.nodeTotal; n++) {
      if ((this.flags[n] & LIVE) === 0) continue;
      let i = mix32(Math.imul(this.parent[n], 0x9e3779b1) ^ this.pair[n]) & mask;
      while (slots[i] !== NONE) i = (i + 1) & mask;
      slots[i] = n;
    }
    this.childSlots = slots;
    this.childMask = mask;
  }

  private rehashPairs(capacity: number): void {
    const slots = new Int32Array(capacity).fill(NONE);
    const mask = capacity - 1;
    for (let p = 0; p < this.pairTotal; p++) {
      let i = mix32(Math.imul(this.pairSeg[p], 0x9e3779b1) ^ this.pairPos[p]) & mask;
      while (slots[i] !== NONE) i = (i + 1) & mask;
      slots[i] = p;
    }
    this.pairSlots = slots;
    this.pairMask = mask;
  }

  private growPairs(): void {
    this.resizePairs(this.pairCapacity * 2);
  }

  private resizePairs(c: number): void {
    this.pairPos = resizeUint16(this.pairPos, c);
    this.pairSeg = resizeInt32(this.pairSeg, c);
    this.pairHead = resizeInt32(this.pairHead, c, NONE);
    this.pairCount = resizeInt32(this.pairCount, c);
    this.pairCapacity = c;
  }

  /**
   * Shrinks the node and pair arrays to what is used plus an eighth (after a bulk load, where
   * doubling may have left half of them empty).
   */
  trim(): void {
    this.resizeNodes(Math.max(1024, Math.ceil(this.nodeTotal * 1.125)));
    this.resizePairs(Math.max(1024, Math.ceil(this.pairTotal * 1.125)));
  }

  private growNodes(): void {
    this.resizeNodes(Math.ceil(this.nodeCapacity * 1.5));
  }

  /**
   * The tree as plain arrays (views of the live ones, used part only), for a snapshot that
   * restores faster than re-adding every path.
   */
  exportState(): TreeState {
    const n = this.nodeTotal;
    const p = this.pairTotal;
    return {
      counts: { nodes: n, liveNodes: this.liveNodes, leaves: this.leaves, pairs: p },
      nodes: {
        parent: this.parent.subarray(0, n),
        pair: this.pair.subarray(0, n),
        flags: this.flags.subarray(0, n),
        childCount: this.childCount.subarray(0, n),
        firstChild: this.firstChild.subarray(0, n),
        nextSibling: this.nextSibling.subarray(0, n),
        prevSibling: this.prevSibling.subarray(0, n),
        nextInPair: this.nextInPair.subarray(0, n),
        prevInPair: this.prevInPair.subarray(0, n),
        childSlots: this.childSlots,
      },
      pairs: {
        pairPos: this.pairPos.subarray(0, p),
        pairSeg: this.pairSeg.subarray(0, p),
        pairHead: this.pairHead.subarray(0, p),
        pairCount: this.pairCount.subarray(0, p),
        pairSlots: this.pairSlots,
      },
      segments: this.segments.exportState(),
    };
  }

  /** A tree from `exportState()`'s arrays (copied into arrays with an eighth of headroom). */
  static fromState(state: TreeState): MetricTree {
    const tree = new MetricTree();
    const { nodes: n, liveNodes, leaves, pairs: p } = state.counts;
    tree.nodeTotal = n;
    tree.liveNodes = liveNodes;
    tree.leaves = leaves;
    tree.pairTotal = p;
    tree.resizeNodes(Math.max(1024, Math.ceil(n * 1.125)));
    tree.resizePairs(Math.max(1024, Math.ceil(p * 1.125)));
    const nodes = state.nodes;
    tree.parent.set(nodes.parent);
    tree.pair.set(nodes.pair);
    tree.flags.set(nodes.flags);
    tree.childCount.set(nodes.childCount);
    tree.firstChild.fill(NONE).set(nodes.firstChild);
    tree.nextSibling.set(nodes.nextSibling);
    tree.prevSibling.set(nodes.prevSibling);
    tree.nextInPair.set(nodes.nextInPair);
    tree.prevInPair.set(nodes.prevInPair);
    tree.childSlots = nodes.childSlots;
    tree.childMask = nodes.childSlots.length - 1;
    const pairs = state.pairs;
    tree.pairPos.set(pairs.pairPos);
    tree.pairSeg.set(pairs.pairSeg);
    tree.pairHead.fill(NONE).set(pairs.pairHead);
    tree.pairCount.set(pairs.pairCount);
    tree.pairSlots = pairs.pairSlots;
    tree.pairMask = pairs.pairSlots.length - 1;
    for (let id = 0; id < p; id++) {
      const pos = tree.pairPos[id];
      while (tree.pairsAtPos.length <= pos) tree.pairsAtPos.push(new IntList(4));
      tree.pairsAtPos[pos].push(id);
    }
    for (let node = 1; node < n; node++) if ((tree.flags[node] & LIVE) === 0) tree.free.push(node);
    tree.segments = SegmentTable.fromState(state.segments);
    return tree;
  }

  private resizeNodes(c: number): void {
    this.parent = resizeInt32(this.parent, c);
    this.pair = resizeInt32(this.pair, c);
    this.flags = resizeUint8(this.flags, c);
    this.childCount = resizeInt32(this.childCount, c);
    this.firstChild = resizeInt32(this.firstChild, c, NONE);
    this.nextSibling = resizeInt32(this.nextSibling, c);
    this.prevSibling = resizeInt32(this.prevSibling, c);
    this.nextInPair = resizeInt32(this.nextInPair, c);
    this.prevInPair = resizeInt32(this.prevInPair, c);
    this.nodeCapacity = c;
  }
}
