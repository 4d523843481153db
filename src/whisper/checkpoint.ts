import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';

const HEADER = '# carbyne import-whisper checkpoint of ';

export type Settled = 'imported' | 'skipped';

/** The checkpoint belongs to another tree, or cannot be read. */
export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';
}

/**
 * The files of a tree an import has settled (imported, or skipped for good), one line each,
 * appended as they settle: an interrupted import run again skips them. A file whose import was
 * under way when the run stopped is not in it and is imported again (imports are idempotent).
 */
export class ImportCheckpoint {
  private constructor(
    private readonly fd: number,
    private readonly settled: Map<string, Settled>,
  ) {}

  /**
   * Opens `file` for the tree at `root` (an absolute path): an existing checkpoint must be of
   * that tree; `restart` empties it first.
   */
  static open(file: string, root: string, restart = false): ImportCheckpoint {
    const settled = new Map<string, Settled>();
    if (existsSync(file) && !restart) {
      const lines = readFileSync(file, 'utf8').split('\n');
      if (lines[0] !== `${HEADER}${root}`) throw new CheckpointError(`${file} is not a checkpoint of ${root} (it starts "${lines[0].slice(0, 200)}"): pass another --checkpoint, or --restart to start over`);
      for (const line of lines.slice(1)) {
        const tab = line.indexOf('\t');
        if (tab < 0) continue; // a line cut short by a crash
        const status = line.slice(0, tab);
        if (status !== 'imported' && status !== 'skipped') continue;
        try {
          settled.set(JSON.parse(line.slice(tab + 1)) as string, status);
        } catch {
          // a line cut short by a crash
        }
      }
    }
    const fresh = restart || !existsSync(file);
    const fd = openSync(file, fresh ? 'w' : 'a');
    if (fresh) writeSync(fd, `${HEADER}${root}\n`);
    return new ImportCheckpoint(fd, settled);
  }

  /** How an earlier run settled the file (`rel`: its path in the tree), if it did. */
  get(rel: string): Settled | undefined {
    return this.settled.get(rel);
  }

  get size(): number {
    return this.settled.size;
  }

  record(rel: string, status: Settled): void {
    this.settled.set(rel, status);
    writeSync(this.fd, `${status}\t${JSON.stringify(rel)}\n`);
  }

  /** Makes what was recorded durable and closes the file. */
  close(): void {
    fsyncSync(this.fd);
    closeSync(this.fd);
  }
}
