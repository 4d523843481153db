// Runs the test files under test/ with Node's built-in runner (TypeScript through tsx).
// Usage: node test/run.mjs [--backend KIND] [substring ...]
//   substrings: only the files whose path contains one; --backend: the store and index the
//   backend-neutral suites run on (lmdb, cassandra, cassandra+elasticsearch; test/helpers/test-backend.ts).
// With no substring and no --backend (npm test): every file on LMDB, then the suites that must
// give the same answers on every backend (BACKEND_SUITES) on Cassandra and on Cassandra with
// Elasticsearch, through the in-process test servers (or real clusters: docs/test-servers.md).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The store, index, engine, golden render and golden find suites (issue 9), and the shared-store cluster's (issue 10). */
const BACKEND_SUITES = [
  'test/stores/chunk-store.test.ts',
  'test/stores/series-registry.test.ts',
  'test/finders/metric-index.test.ts',
  'test/finders/oracle-find.test.ts',
  'test/finders/all-leaves.test.ts',
  'test/engine/',
  'test/routes/render.golden.test.ts',
  'test/routes/render.rollup.golden.test.ts',
  'test/routes/find-golden.test.ts',
  'test/cluster/shared-store-golden.test.ts',
  'test/cluster/shared-store-takeover.test.ts',
];
const REMOTE_BACKENDS = ['cassandra', 'cassandra+elasticsearch'];

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'fixtures' ? [] : find(p);
    return p.endsWith('.test.ts') ? [p] : [];
  });
}

const args = process.argv.slice(2);
let backend;
const filters = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--backend') backend = args[++i];
  else if (args[i].startsWith('--backend=')) backend = args[i].slice('--backend='.length);
  else filters.push(args[i]);
}

function run(files, kind) {
  if (files.length === 0) {
    console.error('no test files found');
    return 1;
  }
  const env = kind ? { ...process.env, CARBYNE_TEST_BACKEND: kind } : process.env;
  if (kind) console.error(`# the backend suites on ${kind} (${files.length} files)`);
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=600000', ...files], { stdio: 'inherit', env });
  if (kind) console.error(`# ${kind}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return r.status ?? 1;
}

const all = find('test').sort();
const pick = (subs) => all.filter((f) => subs.some((s) => f.includes(s)));
let status;
if (filters.length > 0 || backend) {
  status = run(filters.length > 0 ? pick(filters) : pick(BACKEND_SUITES), backend);
} else {
  status = run(all);
  for (const kind of REMOTE_BACKENDS) status = run(pick(BACKEND_SUITES), kind) || status;
}
process.exit(status);
