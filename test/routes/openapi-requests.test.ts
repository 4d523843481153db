import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { startGoldenApp, type GoldenApp } from '../helpers/golden-app.js';
import { parsePythonJson } from '../helpers/render-compare.js';

/**
 * openapi.yaml drives the requests: every documented operation is sent its documented
 * parameters (each example of each parameter in turn, beside the first example of the ones
 * graphite-web requires, listed in `x-required-params`; and every parameter at its first
 * example at once), in the query string for GET and in
 * each documented form body for POST, and its documented body examples. Every answer must be
 * one the document lists: a documented status, a documented content type for it, and a body
 * its schema accepts. The data are the oracle's sample series, so the examples find data.
 */

interface Parameter {
  name: string;
  in: 'query' | 'path';
  examples?: Record<string, { value: string }>;
  example?: string;
}
interface Media {
  schema?: unknown;
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { content?: Record<string, Media> }>;
  'x-required-params'?: string[];
}
type Spec = { paths: Record<string, Record<string, Operation>> };

const spec = parse(readFileSync('openapi.yaml', 'utf8')) as Spec;
const ajv = new Ajv2020({ strict: false, allErrors: true });
// the whole document is one schema resource, so `#/components/schemas/...` resolve in it
ajv.addSchema(spec, 'openapi');

function examplesOf(p: Parameter): string[] {
  if (p.examples) return Object.values(p.examples).map((e) => e.value);
  return p.example !== undefined ? [p.example] : [];
}

function pointer(...parts: string[]): string {
  return parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

interface Sent {
  label: string;
  url: string;
  init: RequestInit;
}

/** Every request the document describes for one operation. */
function requestsFor(path: string, method: string, op: Operation, base: string): Sent[] {
  const params = op.parameters ?? [];
  let url = path;
  for (const p of params.filter((q) => q.in === 'path')) {
    const [value] = examplesOf(p);
    assert.ok(value !== undefined, `${method} ${path}: path parameter ${p.name} has no example`);
    url = url.replace(`{${p.name}}`, encodeURIComponent(value));
  }
  const query = params.filter((q) => q.in === 'query');
  const required = op['x-required-params'] ?? [];
  const baseline = required.map((name) => {
    const p = query.find((q) => q.name === name);
    assert.ok(p, `${method} ${path}: required parameter ${name} is not documented`);
    const [value] = examplesOf(p);
    assert.ok(value !== undefined, `${method} ${path}: required parameter ${name} has no example`);
    return [name, value] as [string, string];
  });
  const sets: Array<{ label: string; fields: Array<[string, string]> }> = [
    { label: 'required parameters only', fields: baseline },
    { label: 'every parameter at its first example', fields: query.map((p) => [p.name, examplesOf(p)[0]] as [string, string]) },
  ];
  for (const p of query) {
    const examples = examplesOf(p);
    assert.ok(examples.length > 0, `${method} ${path}: parameter ${p.name} has no example`);
    for (const value of examples) sets.push({ label: `${p.name}=${value}`, fields: [...baseline.filter(([n]) => n !== p.name), [p.name, value]] });
  }

  const sent: Sent[] = [];
  const content = op.requestBody?.content ?? {};
  const formTypes: string[] = Object.keys(content).filter((t) => t === 'application/x-www-form-urlencoded' || t === 'multipart/form-data');
  for (const { label, fields } of sets) {
    if (method === 'get') {
      sent.push({ label, url: `${base}${url}?${new URLSearchParams(fields)}`, init: { method: 'GET' } });
      continue;
    }
    for (const type of formTypes) {
      const body = type === 'multipart/form-data' ? multipart(fields) : new URLSearchParams(fields);
      sent.push({ label: `${label} (${type})`, url: `${base}${url}`, init: { method: 'POST', body } });
    }
  }
  // bodies that are not parameters (POST /ingest): each documented example of each type
  for (const [type, media] of Object.entries(content)) {
    if (formTypes.includes(type)) continue;
    const examples = mediaExamples(media);
    assert.ok(examples.length > 0, `${method} ${path}: body ${type} has no example`);
    for (const example of examples) {
      const body = typeof example === 'string' ? example : JSON.stringify(example);
      sent.push({ label: `${type} body`, url: `${base}${url}`, init: { method: 'POST', body, headers: { 'content-type': type } } });
    }
  }
  return sent;
}

/** A media type's examples, where @fastify/swagger puts them (one: `example`; more: `examples`). */
function mediaExamples(media: Media): unknown[] {
  if (media.examples) return Object.values(media.examples).map((e) => e.value);
  if (media.example !== undefined) return [media.example];
  return ((media.schema as { examples?: unknown[] } | undefined)?.examples ?? []) as unknown[];
}

function multipart(fields: Array<[string, string]>): FormData {
  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value);
  return form;
}

let t: GoldenApp;
before(async () => {
  t = await startGoldenApp();
});
after(() => t.destroy());

test('every documented operation answers its documented parameters as documented', async () => {
  const failures: string[] = [];
  let count = 0;
  const kinds = new Set<string>();
  for (const [path, operations] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      for (const r of requestsFor(path, method, op, t.url)) {
        count++;
        const where = `${method.toUpperCase()} ${path} ${r.label}`;
        const res = await fetch(r.url, r.init);
        const body = Buffer.from(await res.arrayBuffer());
        const documented = op.responses[String(res.status)];
        if (res.status !== 200 || !documented) {
          failures.push(`${where}: status ${res.status} (${body.toString('utf8').slice(0, 200)})`);
          continue;
        }
        const type = (res.headers.get('content-type') ?? '').split(';')[0].trim();
        const media = documented.content?.[type];
        if (!media) {
          failures.push(`${where}: content type ${type} is not documented for ${res.status}`);
          continue;
        }
        kinds.add(`${method} ${path} ${type}`);
        const schema = ajv.getSchema(`openapi#/${pointer('paths', path, method, 'responses', String(res.status), 'content', type, 'schema')}`);
        assert.ok(schema, `${where}: no schema`);
        let value: unknown;
        if (type === 'application/json') value = parsePythonJson(body.toString('utf8'));
        else if (type.startsWith('text/')) value = body.toString('utf8');
        else value = body.length > 0 ? body.toString('latin1') : undefined;
        if (value === undefined || !schema(value)) failures.push(`${where}: the body does not match its schema: ${ajv.errorsText(schema.errors)}; ${body.toString('utf8').slice(0, 200)}`);
      }
    }
  }
  assert.deepEqual(failures, []);
  assert.ok(count > 150, `${count} requests`);
  // the examples reach every documented answer type of the two big routes
  for (const type of ['application/json', 'text/javascript', 'text/csv', 'text/plain', 'application/pickle', 'application/x-msgpack']) {
    assert.ok(kinds.has(`get /render ${type}`), `no GET /render example answers ${type}`);
  }
  for (const type of ['application/json', 'text/javascript', 'application/pickle', 'application/x-msgpack']) {
    assert.ok(kinds.has(`post /metrics/find ${type}`), `no POST /metrics/find example answers ${type}`);
  }
});

test('a documented response schema refuses an answer of another shape (the check above can fail)', () => {
  const render = ajv.getSchema(`openapi#/${pointer('paths', '/render', 'get', 'responses', '200', 'content', 'application/json', 'schema')}`)!;
  assert.equal(render([{ target: 'a', tags: { name: 'a' }, datapoints: [[1, 1795316580]] }]), true);
  assert.equal(render([{ target: 'a', tags: { name: 'a' }, datapoints: [[1]] }]), false);
  assert.equal(render({ results: [] }), false);
  const ingest = ajv.getSchema(`openapi#/${pointer('paths', '/ingest', 'post', 'responses', '200', 'content', 'application/json', 'schema')}`)!;
  assert.equal(ingest({ accepted: 1, rejected: 0, errors: [] }), true);
  assert.equal(ingest({ accepted: 1 }), false);
});
