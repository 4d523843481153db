/**
 * graphite-web over the benchmark tree: one tiny whisper file per series, the oracle of
 * ../shared/tools/graphite-oracle started on this benchmark's own port (8098) with its own data
 * and state directories (one gunicorn worker keeping connections open), and stopped afterwards.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seriesPaths } from './find-data.js';
import { KEEP_ALIVE_WORKER } from '../test/helpers/oracle.js';

const PORT = 8098;
const ORACLE = join(process.cwd(), '..', 'shared', 'tools', 'graphite-oracle');
const PYTHON = '/usr/bin/python3';

const MAKE_FILES = `
import os, sys, whisper
root = sys.argv[1]
for line in sys.stdin:
    name = line.strip()
    path = os.path.join(root, *name.split('.')) + '.wsp'
    os.makedirs(os.path.dirname(path), exist_ok=True)
    whisper.create(path, [(60, 2)])
`;

export interface GraphiteTree {
  /** base URL of graphite-web */
  readonly url: string;
  stop(): Promise<void>;
}

/** graphite-web serving a tree of `size` series, or null (with the reason logged) when it cannot run here. */
export async function startGraphiteTree(size: number, log: (m: string) => void): Promise<GraphiteTree | null> {
  if (!existsSync(join(ORACLE, 'start.sh')) || !existsSync(PYTHON)) {
    log(`graphite-web comparison skipped: no oracle at ${ORACLE}`);
    return null;
  }
  const data = mkdtempSync(join(tmpdir(), 'carbyne-find-bench-whisper-'));
  const state = mkdtempSync(join(tmpdir(), 'carbyne-find-bench-oracle-'));
  const cleanup = () => {
    rmSync(data, { recursive: true, force: true });
    rmSync(state, { recursive: true, force: true });
  };
  const names: string[] = [];
  for (const batch of seriesPaths(size)) names.push(...batch);
  const made = spawnSync(PYTHON, ['-c', MAKE_FILES, data], { input: names.join('\n'), encoding: 'utf8' });
  if (made.status !== 0) {
    log(`graphite-web comparison skipped: making whisper files failed: ${made.stderr.trim().slice(0, 300)}`);
    cleanup();
    return null;
  }
  // one worker that keeps connections open, so that both servers are timed over a reused connection
  const env = { ...process.env, ORACLE_WORKERS: '1', GUNICORN_CMD_ARGS: KEEP_ALIVE_WORKER };
  const started = spawnSync(join(ORACLE, 'start.sh'), [data, String(PORT), state], { encoding: 'utf8', env });
  if (started.status !== 0) {
    log(`graphite-web comparison skipped: the oracle did not start: ${started.stderr.trim().slice(-300)}`);
    cleanup();
    return null;
  }
  log(`graphite-web up on ${PORT} over ${size} whisper files`);
  return {
    url: `http://127.0.0.1:${PORT}`,
    async stop() {
      spawnSync(join(ORACLE, 'stop.sh'), [state], { encoding: 'utf8' });
      cleanup();
    },
  };
}
