import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';

// The part table of docs/architecture.md is the rule: every import between parts of src/ must be
// one its row allows. The page and the code cannot drift apart without this test failing.

const SRC = resolve('src');
const BACKEND_PACKAGES = ['lmdb', 'cassandra-driver', '@elastic/elasticsearch'];
const BACKEND_FAMILIES = /^(stores|finders|events)\/(lmdb|cassandra|elasticsearch)\//;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

interface Import {
  readonly from: string;
  /** a path under src/ (without extension), or a package name */
  readonly target: string;
  readonly local: boolean;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const out: Import[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec.startsWith('.')) out.push({ from: file, target: relative(SRC, resolve(dirname(file), spec)).replace(/\.js$/, ''), local: true });
    else out.push({ from: file, target: spec.startsWith('node:') ? spec : spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/'), local: false });
  }
  return out;
}

/** The part a path under src/ belongs to: its first folder, `app` for src/app.ts. */
function partOf(srcPath: string): string {
  const first = srcPath.split(sep)[0];
  return first.replace(/\.ts$/, '');
}

function allowedFromDocs(): Map<string, Set<string>> {
  const doc = readFileSync('docs/architecture.md', 'utf8');
  const section = doc.slice(doc.indexOf('## Parts'), doc.indexOf('## The interfaces'));
  const allowed = new Map<string, Set<string>>();
  for (const line of section.split('\n')) {
    const m = /^\| `([a-z]+)` \|.*\|\s*([a-z, ]*?)\s*\|$/.exec(line);
    if (m) allowed.set(m[1], new Set(m[2].split(',').map((s) => s.trim()).filter(Boolean)));
  }
  return allowed;
}

const all = files(SRC).flatMap(importsOf);

test('docs/architecture.md lists every part of src/, and every import between parts is one it allows', () => {
  const allowed = allowedFromDocs();
  const parts = new Set(files(SRC).map((f) => partOf(relative(SRC, f))));
  assert.deepEqual([...parts].sort(), [...allowed.keys()].sort(), 'the part table names exactly the folders of src/');
  const wrong: string[] = [];
  for (const i of all.filter((i) => i.local)) {
    const from = partOf(relative(SRC, i.from));
    const to = partOf(i.target);
    if (from !== to && !allowed.get(from)?.has(to)) wrong.push(`${relative(SRC, i.from)} imports ${i.target} (${from} may not import ${to})`);
  }
  assert.deepEqual(wrong, []);
});

test('only app/backends.ts names a backend outside the backend itself', () => {
  // a backend is a folder of stores/, finders/ or events/ named after what it runs on; backends of one
  // family (the embedded index lives in the LMDB environment of stores/lmdb) may share code
  const familyOf = (p: string) => (BACKEND_FAMILIES.exec(p.split(sep).join('/')) ?? [])[2] ?? null;
  const wrong: string[] = [];
  for (const i of all) {
    const from = relative(SRC, i.from);
    if (from === join('app', 'backends.ts')) continue;
    const own = familyOf(from);
    if (i.local) {
      const target = familyOf(i.target);
      if (target !== null && target !== own) wrong.push(`${from} imports ${i.target}`);
    } else if (BACKEND_PACKAGES.includes(i.target) && own === null) wrong.push(`${from} imports the package ${i.target}`);
  }
  assert.deepEqual(wrong, []);
});

test('ingest knows the engine only through PointWriter; engine imports no routes or render; nothing but cli imports src/app.ts', () => {
  const wrong: string[] = [];
  for (const i of all.filter((i) => i.local)) {
    const from = relative(SRC, i.from);
    if (from.startsWith(`ingest${sep}`) && i.target.startsWith(`engine${sep}`) && i.target !== join('engine', 'point-writer')) wrong.push(`${from} imports ${i.target}`);
    if (from.startsWith(`ingest${sep}`) && i.target.startsWith(`stores${sep}`)) wrong.push(`${from} imports a store: ${i.target}`);
    if (from.startsWith(`engine${sep}`) && (i.target.startsWith(`routes${sep}`) || i.target.startsWith(`render${sep}`))) wrong.push(`${from} imports ${i.target}`);
    if (i.target === 'app' && !from.startsWith(`cli${sep}`)) wrong.push(`${from} imports src/app.ts`);
  }
  assert.deepEqual(wrong, []);
});
