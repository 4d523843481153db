import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { ConfigInput } from '../../../src/config/schema.js';
import { loggableUrl } from '../../../src/routes/server/request-log.js';
import { startTestApp } from '../../helpers/app.js';

async function logOf(level: string, config: ConfigInput, send: (url: string) => Promise<void>): Promise<Array<Record<string, unknown>>> {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  const t = await startTestApp(config, undefined, { logger: { level, stream } });
  try {
    await send(t.url);
  } finally {
    await t.destroy();
  }
  return lines;
}

const twoRequests = async (url: string) => {
  await (await fetch(`${url}/version?x=1`)).text();
  await (await fetch(`${url}/render?target=a.b&from=-1h&until=-1h&api_key=s3cret&token=t0k`)).text();
};

test('at logLevel info, one line per request: method, URL with its secrets hidden, status, milliseconds, request id', async () => {
  const lines = await logOf('info', {}, twoRequests);
  const requests = lines.filter((l) => l.msg === 'request');
  assert.equal(requests.length, 2, JSON.stringify(lines));
  assert.deepEqual({ ...requests[0], time: 0, pid: 0, hostname: '', responseTime: 0 }, { level: 30, time: 0, pid: 0, hostname: '', reqId: requests[0].reqId, method: 'GET', url: '/version?x=1', statusCode: 200, responseTime: 0, msg: 'request' });
  assert.equal(requests[1].url, '/render?target=a.b&from=-1h&until=-1h&api_key=***&token=***');
  assert.equal(requests[1].statusCode, 400);
  assert.equal(typeof requests[1].responseTime, 'number');
  assert.match(String(requests[0].reqId), /^req-/);
  assert.notEqual(requests[0].reqId, requests[1].reqId);
  assert.doesNotMatch(JSON.stringify(lines), /s3cret|t0k/);
});

test('no request lines above info, nor with http.requestLog off', async () => {
  for (const [level, config] of [
    ['warn', {}],
    ['info', { http: { requestLog: false } }],
  ] as const) {
    const lines = await logOf(level, config, twoRequests);
    assert.deepEqual(lines.filter((l) => l.msg === 'request'), [], `${level} ${JSON.stringify(config)}`);
  }
});

test('a URL in the log keeps its text, less the values of parameters named like secrets, and is cut when very long', () => {
  assert.equal(loggableUrl('/metrics/find?query=a.*&format=json'), '/metrics/find?query=a.*&format=json');
  assert.equal(loggableUrl('/render?target=a&password=x&Session_Id=y&auth'), '/render?target=a&password=***&Session_Id=***&auth');
  assert.equal(loggableUrl('/render?target=key.count&pass%77ord=x'), '/render?target=key.count&pass%77ord=***');
  assert.equal(loggableUrl('/render?target[]=a&apiKey=1&x=%ZZ'), '/render?target[]=a&apiKey=***&x=%ZZ');
  const long = loggableUrl(`/render?target=${'a'.repeat(5000)}`);
  assert.equal(long.length < 2100, true);
  assert.match(long, /\.\.\. \(\d+ more characters\)$/);
});
