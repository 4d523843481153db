import { readFile } from 'node:fs/promises';
import type { ImportCheckpoint } from './checkpoint.js';
import { carbonTreeFiles, type TreeFile } from './carbon-tree.js';

/** What became of one file. */
export type FileOutcome =
  | { readonly status: 'imported'; readonly points: number; readonly tooOld: number }
  /** never importable as it is: settled, not tried again */
  | { readonly status: 'skipped'; readonly reason: string }
  /** not imported this time: tried again by the next run */
  | { readonly status: 'failed'; readonly reason: string };

/** Where the files go: the storage engine of a data directory, or a running server. */
export interface ImportTarget {
  importFile(name: string, file: Buffer): Promise<FileOutcome>;
}

export interface TreeImportOptions {
  /** the tree's root, absolute */
  readonly root: string;
  /** only series whose name it accepts (a file that does not say its name is then left out too) */
  readonly pattern?: (name: string) => boolean;
  readonly checkpoint: ImportCheckpoint;
  /** files read and imported at once */
  readonly concurrency: number;
  /**
   * bytes of files read and not yet imported, at most (one file larger than this still goes,
   * alone): many small files share rounds, a few huge ones do not fill the memory
   */
  readonly maxBytesInFlight?: number;
  /** once aborted, no new file is started; those under way finish */
  readonly signal?: AbortSignal;
  /** after each file */
  readonly onProgress?: (p: ImportProgress) => void;
}

export interface ImportProgress {
  /** files this run works on (matching, not settled by an earlier run) */
  readonly total: number;
  readonly done: number;
  readonly imported: number;
  readonly skipped: number;
  readonly failed: number;
  /** points imported */
  readonly points: number;
  readonly elapsedMs: number;
}

export interface ImportSummary extends ImportProgress {
  /** points of imported files left out as older than their archive's retention */
  readonly tooOld: number;
  /** files an earlier run settled (from the checkpoint) */
  readonly earlier: number;
  /** files the pattern left out */
  readonly notMatching: number;
  /** reason -> the files (paths in the tree) */
  readonly skippedWhy: ReadonlyMap<string, readonly string[]>;
  readonly failedWhy: ReadonlyMap<string, readonly string[]>;
  /** stopped by the signal before every file was done */
  readonly interrupted: boolean;
}

const DEFAULT_BYTES_IN_FLIGHT = 256 * 1024 * 1024;

async function importOne(target: ImportTarget, f: TreeFile & { name: string }): Promise<FileOutcome> {
  let file: Buffer;
  try {
    file = await readFile(f.path);
  } catch (err) {
    return { status: 'failed', reason: `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
  try {
    return await target.importFile(f.name, file);
  } catch (err) {
    return { status: 'failed', reason: (err as Error).message };
  }
}

/** Bytes handed out up to a limit; a taker over it waits, unless nothing is out (a file larger than the limit goes alone). */
class ByteBudget {
  private out = 0;
  private waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async take(bytes: number): Promise<void> {
    while (this.out > 0 && this.out + bytes > this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.out += bytes;
  }

  give(bytes: number): void {
    this.out -= bytes;
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake();
  }
}

/**
 * Imports every whisper file of a carbon tree into `target`, `concurrency` files at a time,
 * recording each settled file in the checkpoint (so a run stopped anywhere resumes where it
 * was) and counting what was imported, skipped and failed, and why.
 */
export async function importTree(target: ImportTarget, opts: TreeImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const work: TreeFile[] = [];
  let earlier = 0;
  let notMatching = 0;
  for await (const f of carbonTreeFiles(opts.root)) {
    if (opts.pattern !== undefined && !('name' in f && opts.pattern(f.name))) notMatching++;
    else if (opts.checkpoint.get(f.rel) !== undefined) earlier++;
    else work.push(f);
  }

  const skippedWhy = new Map<string, string[]>();
  const failedWhy = new Map<string, string[]>();
  const note = (why: Map<string, string[]>, reason: string, rel: string) => {
    const list = why.get(reason);
    if (list === undefined) why.set(reason, [rel]);
    else list.push(rel);
  };
  let next = 0;
  let done = 0;
  let imported = 0;
  let skipped = 0;
  let failed = 0;
  let points = 0;
  let tooOld = 0;
  const progress = (): ImportProgress => ({ total: work.length, done, imported, skipped, failed, points, elapsedMs: performance.now() - started });

  const settle = (f: TreeFile, outcome: FileOutcome) => {
    done++;
    if (outcome.status === 'imported') {
      imported++;
      points += outcome.points;
      tooOld += outcome.tooOld;
      opts.checkpoint.record(f.rel, 'imported');
    } else if (outcome.status === 'skipped') {
      skipped++;
      note(skippedWhy, outcome.reason, f.rel);
      opts.checkpoint.record(f.rel, 'skipped');
    } else {
      failed++;
      note(failedWhy, outcome.reason, f.rel);
    }
    opts.onProgress?.(progress());
  };

  const budget = new ByteBudget(opts.maxBytesInFlight ?? DEFAULT_BYTES_IN_FLIGHT);
  const worker = async () => {
    while (next < work.length && !opts.signal?.aborted) {
      const f = work[next++];
      if ('skip' in f) {
        settle(f, { status: 'skipped', reason: f.skip });
        continue;
      }
      await budget.take(f.size);
      try {
        settle(f, await importOne(target, f));
      } finally {
        budget.give(f.size);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency) }, worker));
  return { ...progress(), tooOld, earlier, notMatching, skippedWhy, failedWhy, interrupted: done < work.length };
}
