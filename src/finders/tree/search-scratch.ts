import { resizeUint32 } from './int-list.js';
import type { MetricTree } from './metric-tree.js';

/**
 * A search's scratch stamps over the tree's nodes and pairs: a node is "marked" for a purpose
 * when its stamp equals that purpose's epoch, so nothing is ever cleared between searches.
 * Each search running holds its own set (ScratchPool), so two searches paused between slices
 * of the event loop cannot overwrite each other's marks.
 */
export class SearchScratch {
  mark: Uint32Array;
  pairMark: Uint32Array;
  private epoch = 0;

  constructor(tree: MetricTree) {
    this.mark = new Uint32Array(tree.nodeIdLimit);
    this.pairMark = new Uint32Array(tree.pairIdLimit);
  }

  /** Room for every node and pair of the tree now (it may have grown while the search paused). */
  fit(tree: MetricTree): void {
    if (this.mark.length < tree.nodeIdLimit) this.mark = resizeUint32(this.mark, tree.nodeIdLimit);
    if (this.pairMark.length < tree.pairIdLimit) this.pairMark = resizeUint32(this.pairMark, tree.pairIdLimit);
  }

  /** A fresh stamp; values from earlier uses never equal it. */
  nextEpoch(): number {
    if (this.epoch >= 0xfffffff0) {
      this.mark.fill(0);
      this.pairMark.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
  }
}

/** Scratch sets lent to searches; a few are kept for the next ones (each is 8 bytes a node). */
export class ScratchPool {
  private readonly idle: SearchScratch[] = [];
  /** scratch sets made so far (for tests: searches that overlap make more) */
  created = 0;

  constructor(private readonly keep = 2) {}

  lend(tree: MetricTree): SearchScratch {
    let s = this.idle.pop();
    if (s === undefined) {
      s = new SearchScratch(tree);
      this.created++;
    }
    s.fit(tree);
    return s;
  }

  giveBack(s: SearchScratch): void {
    if (this.idle.length < this.keep) this.idle.push(s);
  }
}
