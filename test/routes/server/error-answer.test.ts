import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TooManySeriesError } from '../../../src/engine/removal/series-deletion.js';
import { FindTimeoutError } from '../../../src/finders/bounded-find.js';
import { FindLimitError, GlobError } from '../../../src/finders/glob/errors.js';
import { TagExpressionError } from '../../../src/finders/tag-expressions.js';
import { PythonRegexError } from '../../../src/lib/python-regex.js';
import { TagLimitError } from '../../../src/finders/tags/tag-work.js';
import { BackendUnavailableError, LimitExceededError, OverloadedError, RequestAbandonedError } from '../../../src/lib/service-errors.js';
import { RenderLimitError } from '../../../src/render/evaluator/errors.js';
import { InputError } from '../../../src/render/function-types.js';
import { ParseError } from '../../../src/render/grammar/parser.js';
import { InputParameterError, PlainBadRequestError } from '../../../src/routes/graphite-response.js';
import { BadRequestError } from '../../../src/routes/server/bad-request-error.js';
import { errorAnswer, type ErrorContext } from '../../../src/routes/server/error-answer.js';
import { EventInputError } from '../../../src/events/new-event.js';
import { ClusterReadError } from '../../../src/cluster/read-scope.js';

const text: ErrorContext = { body: 'text', targets: null, requestId: 'req-7' };
const json: ErrorContext = { body: 'json', targets: null, requestId: 'req-7' };
const graphiteJson: ErrorContext = { body: 'graphite-json', targets: null, requestId: 'req-7' };

function answer(err: unknown, ctx: ErrorContext = text) {
  const a = errorAnswer(err, ctx);
  return { status: a.status, type: a.contentType, body: a.body.toString('utf8'), headers: a.headers, unexpected: a.unexpected };
}

/**
 * Every error class the project exports, with what it answers over HTTP; or, for the ones that
 * never reach a route as themselves, why not. A new error class fails the last test until it
 * is placed in one of the two lists.
 */
const MAPPED: Record<string, () => void> = {
  InputParameterError: () =>
    assert.deepEqual(answer(new InputParameterError("Missing required parameter 'query'")), {
      status: 400,
      type: 'text/html; charset=utf-8',
      body: "Invalid parameters (Missing required parameter 'query')",
      headers: {},
      unexpected: false,
    }),
  PlainBadRequestError: () =>
    assert.deepEqual(answer(new PlainBadRequestError("Invalid value for 'format' parameter")), {
      status: 400,
      type: 'text/plain',
      body: "Invalid value for 'format' parameter",
      headers: {},
      unexpected: false,
    }),
  InputError: () => {
    assert.deepEqual(answer(new InputError('Received request for unknown function: nope'), { ...text, targets: ['nope(a.b)', 'c.d'] }), {
      status: 400,
      type: 'text/plain; charset=utf-8',
      body: 'Invalid parameters (Received request for unknown function: nope); targets: "nope(a.b), c.d"',
      headers: {},
      unexpected: false,
    });
    // before the targets are read (a bad time), the answer names none
    assert.equal(answer(new InputError('Invalid empty time range')).body, 'Invalid parameters (Invalid empty time range)');
  },
  ParseError: () => assert.equal(answer(new ParseError('a.b)', 3, 'unbalanced parentheses'), { ...text, targets: ['a.b)'] }).body, 'Invalid parameters (unbalanced parentheses at position 3 of target "a.b)"); targets: "a.b)"'),
  GlobError: () => assert.deepEqual(answer(new GlobError('too many brace groups', 'a.{b}')), { status: 400, type: 'text/plain', body: 'too many brace groups', headers: {}, unexpected: false }),
  TagExpressionError: () => {
    assert.deepEqual(answer(new TagExpressionError('at least one tag expression must require a value')), { status: 400, type: 'text/plain', body: 'at least one tag expression must require a value', headers: {}, unexpected: false });
    // the tag API's style: graphite-web's json.dumps text, ASCII-escaped, indented when pretty
    assert.deepEqual(answer(new TagExpressionError('Invalid tagspec é'), graphiteJson), { status: 400, type: 'application/json', body: '{"error": "Invalid tagspec \\u00e9"}', headers: {}, unexpected: false });
    assert.equal(answer(new TagExpressionError('Invalid tagspec x'), { ...graphiteJson, pretty: true }).body, '{\n  "error": "Invalid tagspec x"\n}');
  },
  TagLimitError: () =>
    assert.deepEqual(answer(new TagLimitError('the tag expressions match more than 5 series', 'limits.tags.maxSeries'), graphiteJson), {
      status: 422,
      type: 'application/json',
      body: '{"error": "the tag expressions match more than 5 series (limits.tags.maxSeries)"}',
      headers: {},
      unexpected: false,
    }),
  // the functions and the tag index wrap it in their own errors; a caller that does not still answers 400
  PythonRegexError: () => assert.deepEqual(answer(new PythonRegexError('invalid regular expression "(a)\\1": backreferences are not supported')), { status: 400, type: 'text/plain', body: 'invalid regular expression "(a)\\1": backreferences are not supported', headers: {}, unexpected: false }),
  FindLimitError: () => assert.deepEqual(answer(new FindLimitError('a.*', 5)), { status: 422, type: 'text/plain', body: 'Query a.* yields more than 5 nodes (limits.find.maxNodes is 5)', headers: {}, unexpected: false }),
  FindTimeoutError: () => assert.deepEqual(answer(new FindTimeoutError('a.*', 50)), { status: 422, type: 'text/plain', body: 'Query a.* took longer than 50 ms (limits.find.timeoutMs is 50)', headers: {}, unexpected: false }),
  RenderLimitError: () =>
    assert.deepEqual(answer(new RenderLimitError('the targets match more than 5 series', 'limits.render.maxSeries')), {
      status: 422,
      type: 'text/plain; charset=utf-8',
      body: 'the targets match more than 5 series (limit set by limits.render.maxSeries)\n',
      headers: {},
      unexpected: false,
    }),
  LimitExceededError: () =>
    assert.deepEqual(answer(new LimitExceededError('more than 100 tags asked', 'limits.tags.max')), {
      status: 422,
      type: 'text/plain; charset=utf-8',
      body: 'more than 100 tags asked (limit set by limits.tags.max)\n',
      headers: {},
      unexpected: false,
    }),
  TooManySeriesError: () =>
    assert.deepEqual(answer(new TooManySeriesError('the patterns match more than 2 series (limits.find.maxNodes): delete in parts'), json), {
      status: 422,
      type: 'application/json; charset=utf-8',
      body: '{"error":"the patterns match more than 2 series (limits.find.maxNodes): delete in parts"}',
      headers: {},
      unexpected: false,
    }),
  OverloadedError: () =>
    assert.deepEqual(answer(new OverloadedError('too many renders in flight', 2.5)), {
      status: 503,
      type: 'text/plain; charset=utf-8',
      body: 'too many renders in flight\n',
      headers: { 'retry-after': '3' },
      unexpected: false,
    }),
  ClusterReadError: () =>
    assert.deepEqual(answer(new ClusterReadError(['b', 'c'])), {
      status: 503,
      type: 'text/plain; charset=utf-8',
      body: "cluster nodes b, c unavailable: did not answer, and cluster.strictReads asks for every node's answer\n",
      headers: {},
      unexpected: false,
    }),
  BackendUnavailableError: () => {
    assert.deepEqual(answer(new BackendUnavailableError('cassandra', 'no host reachable', { retryAfterSeconds: 10 })), {
      status: 503,
      type: 'text/plain; charset=utf-8',
      body: 'cassandra unavailable: no host reachable\n',
      headers: { 'retry-after': '10' },
      unexpected: false,
    });
    assert.deepEqual(answer(new BackendUnavailableError('storage engine', 'points not stored: disk full'), json), {
      status: 503,
      type: 'application/json; charset=utf-8',
      body: '{"error":"storage engine unavailable: points not stored: disk full"}',
      headers: {},
      unexpected: false,
    });
  },
  RequestAbandonedError: () =>
    assert.deepEqual(answer(new RequestAbandonedError()), {
      status: 499,
      type: 'text/plain; charset=utf-8',
      body: 'the client closed the connection before the answer was ready\n',
      headers: {},
      unexpected: false,
    }),
  EventInputError: () => {
    // graphite-web's own answer to a bad `tags`
    assert.deepEqual(answer(new EventInputError('"tags" must be an array or space-separated string', '{"error": "\\"tags\\" must be an array or space-separated string"}')), {
      status: 400,
      type: 'text/html; charset=utf-8',
      body: '{"error": "\\"tags\\" must be an array or space-separated string"}',
      headers: {},
      unexpected: false,
    });
    // where graphite-web fails with a 500
    assert.deepEqual(answer(new EventInputError('"what" is required')), { status: 400, type: 'text/plain; charset=utf-8', body: '"what" is required\n', headers: {}, unexpected: false });
  },
  BadRequestError: () => {
    assert.deepEqual(answer(new BadRequestError('malformed multipart/form-data body')), { status: 400, type: 'text/plain; charset=utf-8', body: 'malformed multipart/form-data body\n', headers: {}, unexpected: false });
    assert.deepEqual(answer(new BadRequestError('unsupported content type "application/xml"', 415), json), {
      status: 415,
      type: 'application/json; charset=utf-8',
      body: '{"error":"unsupported content type \\"application/xml\\""}',
      headers: {},
      unexpected: false,
    });
  },
};

/** Error classes that never reach a route as themselves, and why. */
const NOT_HTTP: Record<string, string> = {
  ConfigError: 'stops start-up; never raised while answering',
  UnpicklingError: 'carbon pickle listener only (TCP)',
  SchemaMissingError: 'the Cassandra schema check stops start-up; never raised while answering',
  IndexMissingError: 'the Elasticsearch index check stops start-up; never raised while answering',
  PythonFormatError: 'aliasQuery answers it as an InputError (400) naming the format',
  // a damaged stored chunk is a failure of the server, not of the request: a 500, logged
  ChunkFormatError: 'internal: answered as an unexpected error',
  PyJsonError: 'POST /events/ answers it as a BadRequestError (the body is not valid JSON)',
  WhisperFormatError: 'a whisper file\'s problem: the import reports it as the reason the file is skipped (WhisperImportError)',
  WhisperImportError: 'the import of a whisper file reports it as the reason the file is skipped (a 422 outcome of POST /import/whisper/<name>)',
  CheckpointError: 'carbyne import-whisper only (the command line)',
  PeerUnavailableError: "a peer that is down, slow or garbled: the fan-out leaves its node out (X-Carbyne-Partial), or with cluster.strictReads answers a ClusterReadError (503)",
  PeerBusyError: 'a peer that refused a batch for want of a place (503, limits.concurrency.peer): a PeerUnavailableError, answered as one, that does not mark the peer down',
  RemoteCallError: "a peer's refusal of one call: an input error is raised again as the local InputError (400), any other leaves the node out as PeerUnavailableError does",
  WireError: 'an unreadable node-to-node message: the call route answers it as a BadRequestError (400), the peer client as PeerUnavailableError',
  TagRegexError: 'the tag index turns it into a TagExpressionError naming the expression or filter',
};

test('each of the project error types answers its status, type and text', () => {
  for (const [name, check] of Object.entries(MAPPED)) {
    try {
      check();
    } catch (err) {
      (err as Error).message = `${name}: ${(err as Error).message}`;
      throw err;
    }
  }
});

test("Fastify's own refusals keep their 4xx; a body too large names the setting", () => {
  const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
  assert.deepEqual(answer(tooLarge), { status: 413, type: 'text/plain; charset=utf-8', body: 'request body larger than the limit set by limits.ingest.maxHttpBodyBytes\n', headers: {}, unexpected: false });
  // a route with a body limit of its own names its setting
  assert.equal(answer(tooLarge, { ...json, bodyLimitSetting: 'limits.import.maxFileBytes' }).body, '{"error":"request body larger than the limit set by limits.import.maxFileBytes"}');
  assert.equal(answer(tooLarge, json).body, '{"error":"request body larger than the limit set by limits.ingest.maxHttpBodyBytes"}');
  const badType = Object.assign(new Error('Unsupported Media Type: application/xml'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });
  assert.equal(answer(badType).status, 415);
  assert.equal(answer(badType).body, 'Unsupported Media Type: application/xml\n');
});

test('anything else is a 500 that names the request id and nothing of the failure', () => {
  for (const err of [new Error('ENOSPC: /var/lib/carbyne/lmdb/data.mdb'), new TypeError("Cannot read properties of undefined (reading 'x')"), 'a thrown string', Object.assign(new Error('upstream'), { statusCode: 502 })]) {
    const a = answer(err);
    assert.equal(a.status, 500);
    assert.equal(a.unexpected, true);
    assert.equal(a.body, 'Internal error while answering request req-7; the server log has the details\n');
    assert.equal(answer(err, json).body, '{"error":"Internal error while answering request req-7; the server log has the details"}');
  }
});

test('every error class in src/ is either mapped to an answer or known not to reach a route', () => {
  const declared = new Set<string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) for (const m of readFileSync(p, 'utf8').matchAll(/^export class (\w+Error)\b/gm)) declared.add(m[1]);
    }
  };
  walk('src');
  assert.ok(declared.size >= 15, `found ${declared.size} error classes`);
  const placed = new Set([...Object.keys(MAPPED), ...Object.keys(NOT_HTTP)]);
  assert.deepEqual([...declared].filter((n) => !placed.has(n)).sort(), [], 'error classes with no place in the mapping: map them in src/routes/server/error-answer.ts and list them here');
  assert.deepEqual([...placed].filter((n) => !declared.has(n)).sort(), [], 'listed here but no longer declared in src/');
});
