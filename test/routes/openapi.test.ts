import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { parse } from 'yaml';
import { startTestApp } from '../helpers/app.js';
import { generatedOpenApiYaml } from '../helpers/openapi-document.js';

const METHODS = ['get', 'post', 'put', 'delete', 'patch'];

test('openapi.yaml is what the code generates from its route schemas (npm run openapi writes it)', async () => {
  const checkedIn = readFileSync('openapi.yaml', 'utf8');
  const generated = await generatedOpenApiYaml();
  if (checkedIn !== generated) {
    const a = checkedIn.split('\n');
    const b = generated.split('\n');
    const at = a.findIndex((line, i) => line !== b[i]);
    assert.fail(`openapi.yaml differs from the generated document from line ${at + 1}:\n  file:      ${a[at]}\n  generated: ${b[at]}\nRun \`npm run openapi\` and commit openapi.yaml.`);
  }
});

test('openapi.yaml is a valid OpenAPI 3.1 document', async () => {
  const result = await new Validator().validate(parse(readFileSync('openapi.yaml', 'utf8')));
  assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
  assert.equal(parse(readFileSync('openapi.yaml', 'utf8')).openapi, '3.1.0');
});

test('the document describes every route the app serves, and GET /openapi.json serves it', async () => {
  const spec = parse(readFileSync('openapi.yaml', 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  const t = await startTestApp();
  try {
    const served = new Set(t.app.routes.map((r) => `${r.method} ${r.url.replace(/:([A-Za-z_]+)/g, '{$1}')}`));
    const described = new Set(Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).filter((k) => METHODS.includes(k)).map((m) => `${m.toUpperCase()} ${path}`)));
    assert.deepEqual([...served].filter((r) => !described.has(r)).sort(), [], 'routes served but not in the document (a route without a schema, or hidden)');
    assert.deepEqual([...described].filter((r) => !served.has(r)).sort(), [], 'routes in the document but not served');
    assert.ok(served.has('GET /render') && served.has('POST /metrics/find'));

    const res = await fetch(`${t.url}/openapi.json`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(await res.json(), spec);
  } finally {
    await t.destroy();
  }
});
