import { startTestApp } from './helpers/app.js';
import { readFileSync } from 'node:fs';
const t = await startTestApp({ storageSchemas: 'test/fixtures/find/storage-schemas.conf', logLevel: 'silent' });
const names = readFileSync('test/fixtures/find/names.txt', 'utf8').trim().split('\n');
await t.app.index.register(names.map((name) => ({ name, tags: {} })));
for (const url of process.argv.slice(2)) {
  const r = await t.app.http.inject({ url });
  console.log(url, r.statusCode, r.headers['content-type'], r.body.slice(0, 1500));
}
await t.destroy();
