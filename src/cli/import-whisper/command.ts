import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openOfflineImport } from '../../app/offline-import.js';
import { ConfigError, loadConfig, setPath } from '../../config/load.js';
import { namePattern } from '../../whisper/carbon-tree.js';
import { CheckpointError, ImportCheckpoint } from '../../whisper/checkpoint.js';
import { importTree, type ImportTarget } from '../../whisper/tree-import.js';
import { progressLine, summaryText } from './progress.js';
import { serverTarget } from './server-target.js';

export const IMPORT_USAGE = `usage: carbyne import-whisper DIR [--pattern GLOB] [--server URL] [options]

Imports a carbon whisper tree: every .wsp file under DIR (tagged series under _tagged/ too)
becomes a series with the file's own schema (its archives as retentions, its aggregation
method and xFilesFactor) and all of its points, at every resolution, so that carbyne answers
as graphite-web did over the files.

  --pattern GLOB          only series whose name matches (servers.*.cpu.*, apps.**)
  --server URL            import through a running carbyne (e.g. http://127.0.0.1:8080);
                          without it the data directory is opened directly (no server may hold it)
  --config FILE           configuration of that data directory (default ./carbyne.yaml when present)
  --data-dir DIR          the data directory (default from the configuration: ./data)
  --checkpoint FILE       where settled files are recorded, so an interrupted import resumes
                          (default ./carbyne-import-<hash of DIR>.checkpoint)
  --restart               forget the checkpoint and import every file again
  --concurrency N         files in flight at most (default 64; at most 256 MiB of them)
  --quiet                 no progress line`;

export interface CommandIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** How often a progress line is written when stderr is not a terminal. */
const LOG_PROGRESS_MS = 5000;
const TTY_PROGRESS_MS = 200;

/**
 * `carbyne import-whisper`: walks the tree, imports through the chosen target with a
 * checkpoint and a progress line, prints the summary. Exit status: 0 when every file was
 * imported or skipped, 1 when some failed (run again to retry them), 130 when interrupted
 * (run again to resume), 2 for a usage or configuration error.
 */
export async function importWhisperCommand(argv: string[], io: CommandIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        pattern: { type: 'string' },
        server: { type: 'string' },
        config: { type: 'string' },
        'data-dir': { type: 'string' },
        checkpoint: { type: 'string' },
        restart: { type: 'boolean' },
        concurrency: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n\n${IMPORT_USAGE}\n`);
    return 2;
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout.write(`${IMPORT_USAGE}\n`);
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    io.stderr.write(`${IMPORT_USAGE}\n`);
    return 2;
  }
  const root = resolve(parsed.positionals[0]);
  const concurrency = v.concurrency === undefined ? 64 : Number(v.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    io.stderr.write(`carbyne: --concurrency must be a whole number of at least 1\n`);
    return 2;
  }
  const checkpointFile = resolve(v.checkpoint ?? `carbyne-import-${createHash('sha256').update(root).digest('hex').slice(0, 12)}.checkpoint`);

  let target: ImportTarget & { close?(): Promise<void> };
  if (v.server !== undefined) {
    target = serverTarget(v.server);
  } else {
    try {
      const overrides: Record<string, unknown> = {};
      if (v['data-dir'] !== undefined) setPath(overrides, ['dataDir'], v['data-dir']);
      target = await openOfflineImport(loadConfig({ file: v.config, overrides }));
    } catch (err) {
      if (err instanceof ConfigError) {
        io.stderr.write(`carbyne: ${err.message}\n`);
        return 2;
      }
      const message = (err as Error).message;
      io.stderr.write(`carbyne: cannot open the data directory: ${message}\n`);
      if (/in use by process/.test(message)) io.stderr.write('a server holds it: import through that server with --server http://HOST:PORT\n');
      return 1;
    }
  }

  let checkpoint: ImportCheckpoint;
  try {
    checkpoint = ImportCheckpoint.open(checkpointFile, root, v.restart === true);
  } catch (err) {
    await target.close?.();
    io.stderr.write(`carbyne: ${err instanceof CheckpointError ? err.message : `cannot open the checkpoint ${checkpointFile}: ${(err as Error).message}`}\n`);
    return 2;
  }

  const stop = new AbortController();
  const interrupt = () => {
    if (!stop.signal.aborted) io.stderr.write('\nstopping: the files under way finish, then the checkpoint is saved\n');
    stop.abort();
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  const tty = io.stderr.isTTY === true;
  let lastProgress = 0;
  try {
    io.stderr.write(`importing ${root} ${v.server === undefined ? 'into the data directory' : `through ${v.server}`} (checkpoint ${checkpointFile})\n`);
    const summary = await importTree(target, {
      root,
      pattern: v.pattern === undefined ? undefined : namePattern(v.pattern),
      checkpoint,
      concurrency,
      signal: stop.signal,
      onProgress: (p) => {
        if (v.quiet) return;
        const now = performance.now();
        if (now - lastProgress < (tty ? TTY_PROGRESS_MS : LOG_PROGRESS_MS) && p.done !== p.total) return;
        lastProgress = now;
        io.stderr.write(tty ? `\r${progressLine(p)}\x1b[K` : `${progressLine(p)}\n`);
      },
    });
    if (tty && !v.quiet) io.stderr.write('\n');
    io.stdout.write(summaryText(summary, checkpointFile));
    return summary.interrupted ? 130 : summary.failed > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    checkpoint.close();
    await target.close?.();
  }
}
