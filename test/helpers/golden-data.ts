import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/oracle/', import.meta.url));

/** The NOW the shared golden data and the oracle's samples were made with. */
export const GOLDEN_NOW = 1795316580;

/** Carbon rule files mirroring the oracle's sample_spec.json, for carbyne's config. */
export const GOLDEN_RULES = {
  storageSchemas: `${FIXTURES}storage-schemas.conf`,
  storageAggregation: `${FIXTURES}storage-aggregation.conf`,
};

/** The golden points as carbon plaintext (one `path value timestamp` per line). */
export function samplePlaintext(): Buffer {
  return gunzipSync(readFileSync(`${FIXTURES}sample-points.txt.gz`));
}

/** The golden points, parsed. */
export function samplePoints(): Array<{ path: string; value: number; timestamp: number }> {
  return samplePlaintext()
    .toString('utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((line) => {
      const [path, value, timestamp] = line.split(' ');
      return { path, value: Number(value), timestamp: Number(timestamp) };
    });
}
