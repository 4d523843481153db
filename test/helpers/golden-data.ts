import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/**
 * Points fed identically to graphite-web (as whisper files made by the oracle's make_whisper.py)
 * and to carbyne (as carbon plaintext), with the storage rules of those whisper files.
 */
export interface GoldenDataSet {
  /** the `now` the whisper files were written at and every captured request pins */
  readonly now: number;
  /** carbon rule files giving carbyne the whisper files' retentions and aggregation */
  readonly rules: { readonly storageSchemas: string; readonly storageAggregation: string };
  /** the points as carbon plaintext (one `path value timestamp` per line) */
  plaintext(): Buffer;
}

function dataSet(dir: string, now: number, points: string): GoldenDataSet {
  return {
    now,
    rules: { storageSchemas: `${FIXTURES}${dir}/storage-schemas.conf`, storageAggregation: `${FIXTURES}${dir}/storage-aggregation.conf` },
    plaintext: () => gunzipSync(readFileSync(`${FIXTURES}${dir}/${points}`)),
  };
}

/** The oracle's sample data (test/fixtures/oracle/README.md): what most golden suites use. */
export const SAMPLE_DATA = dataSet('oracle', 1795316580, 'sample-points.txt.gz');

/**
 * Series with two and three resolutions, each aggregation method, gaps and xFilesFactor, reaching
 * back into their coarsest resolution (test/fixtures/rollup/README.md).
 */
export const ROLLUP_DATA = dataSet('rollup', 1795316400, 'points.txt.gz');

/** The NOW the shared golden data and the oracle's samples were made with. */
export const GOLDEN_NOW = SAMPLE_DATA.now;

/**
 * Short series far apart in time, of 1 s to 1 h steps, for json's maxDataPoints
 * (test/fixtures/consolidate/capture.ts).
 */
export const CONSOLIDATE_DATA = dataSet('consolidate', 1795316400, 'points.txt.gz');
