import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ORACLE_DIR, startOracle } from './oracle.js';
import { captureRenderAnswers } from './capture-renders.js';

export interface WhisperCapture {
  /** the fixture directory everything is written to */
  readonly dir: string;
  /** the `now` the whisper files are written at (and every request pins) */
  readonly now: number;
  /** make_whisper.py's spec (its docstring describes it) */
  readonly spec: unknown;
  /** the carbon rule files giving carbyne the whisper files' retentions and aggregation */
  readonly rules: { readonly schemas: string; readonly aggregation: string };
  /** name -> /render query string */
  readonly requests: Record<string, string>;
  /** list graphite-web's 500s instead of stopping (captureRenderAnswers) */
  readonly keepServerErrors?: boolean;
}

/**
 * For capture scripts of a golden data set of their own: writes the rule files, makes the
 * whisper files with the oracle's make_whisper.py, keeps the points it wrote as carbon plaintext
 * (`points.txt.gz`), then starts a graphite-web over them on a free port, saves its answer to
 * every request (`<name>.json`, `index.json`) and stops it.
 */
export async function captureOverWhisper(c: WhisperCapture): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'carbyne-whisper-capture-'));
  try {
    writeFileSync(join(work, 'spec.json'), JSON.stringify(c.spec));
    writeFileSync(join(c.dir, 'storage-schemas.conf'), c.rules.schemas);
    writeFileSync(join(c.dir, 'storage-aggregation.conf'), c.rules.aggregation);
    const data = join(work, 'data');
    execFileSync('/usr/bin/python3', [`${ORACLE_DIR}/make_whisper.py`, join(work, 'spec.json'), data, '--now', String(c.now), '--emit-plaintext', join(work, 'points.txt'), '--quiet'], { stdio: 'inherit' });
    writeFileSync(join(c.dir, 'points.txt.gz'), gzipSync(readFileSync(join(work, 'points.txt')), { level: 9 }));

    const oracle = await startOracle({ dataDir: data });
    try {
      const index = { now: c.now, requests: await captureRenderAnswers(oracle.url, c.requests, c.dir, c.keepServerErrors) };
      writeFileSync(join(c.dir, 'index.json'), `${JSON.stringify(index, null, 1)}\n`);
    } finally {
      await oracle.stop();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
